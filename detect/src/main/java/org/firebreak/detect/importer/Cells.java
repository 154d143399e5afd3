package org.firebreak.detect.importer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.detect.TimeRange;

/**
 * The cells of one row as {@link RowReader} reads them. Every answer is the one the cell's text gives; a row read
 * from a file's bytes ({@link CsvRow}) answers the common cases from the bytes, without making a {@code String} per
 * cell, and says "not that case" (null, -1) otherwise, so the reader falls back to the text.
 */
interface Cells {
  int size();

  /** The cell's text as written (quotes removed), not stripped. */
  String text(int i);

  /** The cell's value: stripped; empty when blank or a redaction ({@link RowReader#value}). */
  default Optional<String> value(int i) {
    return RowReader.value(text(i));
  }

  /** Whether the cell is blank (empty or whitespace). */
  default boolean isBlank(int i) {
    return text(i).isBlank();
  }

  /**
   * The cell's value as Flock's usual timestamp ({@code 11/14/2025, 09:53:36 AM UTC}), read from bytes; null when the
   * cell is not exactly that shape (read {@link #value} then).
   */
  default Instant usTimestamp(int i) {
    return null;
  }

  /** A time-frame cell of two such timestamps on two lines; null when it is not exactly that shape. */
  default TimeRange usTimeFrame(int i) {
    return null;
  }

  /** A cell of 1 to 18 decimal digits (spaces around allowed) as a number; -1 when it is anything else. */
  default long digits(int i) {
    return -1;
  }

  /** Cells given as text (a JSON export's values). */
  static Cells of(List<String> cells) {
    return new TextCells(List.copyOf(cells));
  }

  /** Cells given as text. */
  record TextCells(List<String> cells) implements Cells {
    public TextCells {
      Objects.requireNonNull(cells, "cells");
    }

    @Override
    public int size() {
      return cells.size();
    }

    @Override
    public String text(int i) {
      return cells.get(i);
    }
  }
}
