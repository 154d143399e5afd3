package org.firebreak.detect.importer;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        CsvParser p = (CsvParser) FACTORY.createParser(reader)) {
      RowHandler handler = null;
      long row = 0;
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
          long at = Math.max(1, p.currentLocation().getLineNr());
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
          handler.row(cells, Math.max(1, line), ++row);
        }
      }
      if (handler == null) {
        sink.problem(new Problem(label, 0, "empty file: no header row"));
      }
    } catch (StreamReadException e) {
      sink.problem(new Problem(label, Math.max(0, e.getLocation() == null ? 0 : e.getLocation().getLineNr()),
          "cannot read past this line: " + firstLine(e.getOriginalMessage())));
    } catch (IOException e) {
      throw new UnreadableFileException(label, e);
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
