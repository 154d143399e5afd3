package org.firebreak.detect.importer;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.firebreak.core.error.UnreadableFileException;

/**
 * The rows of a CSV file (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks), read with
 * Jackson's streaming CSV parser, each with the line it starts on. Bytes that are not UTF-8 become U+FFFD; a byte
 * order mark is dropped. A row the parser cannot read is reported and the reading goes on at the next row; when the
 * parser cannot get past a point (an unterminated quoted cell swallows the rest of the file) the rest is reported as
 * one problem.
 */
final class CsvRows {
  private static final CsvFactory FACTORY = CsvFactory.builder()
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .build();

  /** Receives the rows after the header. */
  interface RowHandler {
    /**
     * @param cells the row's cells (as many as the row has)
     * @param line the 1-based line the row starts on
     * @param row the 1-based number of the row among the data rows
     */
    void row(List<String> cells, long line, long row);
  }

  /** Receives the header row and answers the handler for the rest. */
  interface HeaderHandler {
    RowHandler header(List<String> header);
  }

  private CsvRows() {
  }

  /** Reads the file; an empty file is a problem, not an error. */
  static void read(Path file, String label, HeaderHandler onHeader, ImportSink sink) {
    try (InputStream in = Files.newInputStream(file)) {
      read(in, label, onHeader, null, 1, 0, sink);
    } catch (IOException e) {
      throw new UnreadableFileException(label, e);
    }
  }

  /**
   * Reads the rows in bytes {@code [start, end)} of the file, which must begin where a row begins (not inside a quoted
   * cell) and end where one ends: one part of a file read by several threads. There is no header in the part.
   *
   * @param firstLine the file's line number of the part's first line
   * @param rowsBefore how many data rows the file has before the part
   */
  static void readPart(Path file, String label, long start, long end, long firstLine, long rowsBefore,
      RowHandler handler, ImportSink sink) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.position(start);
      InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
      read(new BoundedInputStream(in, end - start), label, h -> handler, handler, firstLine, rowsBefore, sink);
    } catch (IOException e) {
      throw new UnreadableFileException(label, e);
    }
  }

  /** At most {@code remaining} bytes of a stream. */
  private static final class BoundedInputStream extends FilterInputStream {
    private long remaining;

    BoundedInputStream(InputStream in, long remaining) {
      super(in);
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = super.read(buf, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }

  /**
   * @param headerless the handler of every row when the input has no header row (a part); null: the first row is the
   *     header
   */
  private static void read(InputStream in, String label, HeaderHandler onHeader, RowHandler headerless,
      long firstLine, long rowsBefore, ImportSink sink) throws IOException {
    long lineOffset = firstLine - 1;
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        CsvParser p = (CsvParser) FACTORY.createParser(reader)) {
      RowHandler handler = headerless;
      long row = rowsBefore;
      List<String> cells = new ArrayList<>();
      long lastFailure = -1;
      int failuresHere = 0;
      while (true) {
        long line;
        try {
          JsonToken t = p.nextToken();
          if (t == null) {
            break;
          }
          if (t != JsonToken.START_ARRAY) {
            continue; // recovering after a problem: skip to the start of the next row
          }
          cells.clear();
          t = p.nextToken();
          // the row's first cell knows its line; START_ARRAY is placed before the previous line break
          line = p.currentTokenLocation().getLineNr();
          for (; t == JsonToken.VALUE_STRING; t = p.nextToken()) {
            cells.add(p.getText());
          }
          if (t != JsonToken.END_ARRAY) {
            continue;
          }
        } catch (StreamReadException e) {
          long at = Math.max(1, p.currentLocation().getLineNr() + lineOffset);
          failuresHere = at == lastFailure ? failuresHere + 1 : 0;
          lastFailure = at;
          if (failuresHere >= 3) {
            sink.problem(new Problem(label, at, "cannot read past this line: " + firstLine(e.getOriginalMessage())));
            return;
          }
          sink.problem(new Problem(label, at, "not a CSV row: " + firstLine(e.getOriginalMessage())));
          continue;
        }
        if (handler == null) {
          if (!cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) {
            cells.set(0, cells.get(0).substring(1));
          }
          handler = onHeader.header(List.copyOf(cells));
        } else {
          handler.row(cells, Math.max(1, line + lineOffset), ++row);
        }
      }
      if (handler == null) {
        sink.problem(new Problem(label, 0, "empty file: no header row"));
      }
    } catch (StreamReadException e) {
      sink.problem(new Problem(label, Math.max(0, e.getLocation() == null ? 0
          : e.getLocation().getLineNr() + lineOffset), "cannot read past this line: "
          + firstLine(e.getOriginalMessage())));
    }
  }

  /** The first row of the file, if it can be read (for telling formats apart). */
  static Optional<List<String>> header(Path file) {
    try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        CsvParser p = (CsvParser) FACTORY.createParser(reader)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        return Optional.empty();
      }
      List<String> cells = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t == JsonToken.VALUE_STRING; t = p.nextToken()) {
        cells.add(cells.isEmpty() && p.getText().startsWith("\uFEFF") ? p.getText().substring(1) : p.getText());
      }
      return Optional.of(cells);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
