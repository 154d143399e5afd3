package org.firebreak.detect.importer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.firebreak.core.error.UnreadableFileException;

/**
 * The rows of a CSV file (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks), cut from its bytes
 * by {@link CsvScanner}, each with the line it starts on. Bytes that are not UTF-8 become U+FFFD when a cell is read;
 * a byte order mark is dropped. A row that is not CSV is reported and the reading goes on at the next line; a quoted
 * cell that is never closed ends the reading with one problem (the rows before it are read).
 *
 * <p>(Until 2026-11 this was Jackson's streaming CSV parser; it made a String of every cell of every row, which was
 * most of the time of scanning a large log. The rules are the same; see {@link CsvScanner}.)
 */
final class CsvRows {
  /** Receives the rows after the header. */
  interface RowHandler {
    /**
     * @param cells the row's cells (as many as the row has); valid only during the call
     * @param line the 1-based line the row starts on
     * @param row the 1-based number of the row among the data rows
     */
    void row(Cells cells, long line, long row);
  }

  /** Receives the header row and answers the handler for the rest. */
  interface HeaderHandler {
    RowHandler header(List<String> header);
  }

  /** A file's header row, and where the rows after it begin. */
  record Header(List<String> names, long end, long nextLine) {
    Header {
      names = List.copyOf(names);
    }
  }

  private CsvRows() {
  }

  /** Reads the file; an empty file is a problem, not an error. */
  static void read(Path file, String label, HeaderHandler onHeader, ImportSink sink) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      read(new CsvScanner(ch, 0, ch.size(), 1), label, onHeader, null, 0, sink);
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
      readPart(ch, label, start, end, firstLine, rowsBefore, handler, sink);
    } catch (IOException e) {
      throw new UnreadableFileException(label, e);
    }
  }

  /**
   * {@link #readPart(Path, String, long, long, long, long, RowHandler, ImportSink)} on an open file (a channel may be
   * shared by threads: it is read with positional reads).
   *
   * @return the line after the part and the data rows read, for checking the seam with the next part
   */
  static long[] readPart(FileChannel ch, String label, long start, long end, long firstLine, long rowsBefore,
      RowHandler handler, ImportSink sink) throws IOException {
    CsvScanner scanner = new CsvScanner(ch, start, end, firstLine);
    long rows = read(scanner, label, h -> handler, handler, rowsBefore, sink);
    return new long[] {scanner.line(), rows - rowsBefore};
  }

  /**
   * Reads the rows after the header on as many threads as there are handlers: the rows are cut into parts of about
   * {@code partBytes} ({@link CsvSplitter}, walking the bytes ahead of the readers), and each thread reads whole
   * parts, handing their rows to its own handler and its problems to its own sink. Rows keep the file's line and row
   * numbers; the rows of one part come in order, the parts in any order. Where a part's reading does not end on the
   * line and row the next part was given (a file with a stray quote, read differently by the two), a problem says
   * from which line the numbers may be off.
   */
  static void readInParallel(Path file, String label, Header header, long partBytes, List<RowHandler> handlers,
      List<ImportSink> sinks) {
    if (handlers.isEmpty() || handlers.size() != sinks.size()) {
      throw new IllegalArgumentException("one handler and one sink per thread");
    }
    CsvSplitter.Part done = new CsvSplitter.Part(Integer.MAX_VALUE, 0, 0, 1, 0);
    BlockingQueue<CsvSplitter.Part> queue = new LinkedBlockingQueue<>();
    Map<Integer, CsvSplitter.Part> parts = new ConcurrentHashMap<>();
    Map<Integer, long[]> ends = new ConcurrentHashMap<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        var pool = Executors.newFixedThreadPool(handlers.size())) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < handlers.size(); t++) {
        RowHandler handler = handlers.get(t);
        ImportSink sink = sinks.get(t);
        workers.add(pool.submit(() -> {
          for (CsvSplitter.Part p = queue.take(); p != done; p = queue.take()) {
            ends.put(p.index(), readPart(ch, label, p.start(), p.end(), p.firstLine(), p.rowsBefore(), handler,
                sink));
          }
          return null;
        }));
      }
      long[] total;
      try {
        total = new CsvSplitter(partBytes).split(ch, header.end(), ch.size(), header.nextLine(), p -> {
          parts.put(p.index(), p);
          queue.add(p);
        });
      } finally {
        for (int t = 0; t < handlers.size(); t++) {
          queue.add(done);
        }
      }
      for (var w : workers) {
        try {
          w.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new UnreadableFileException(label, e.getCause());
        }
      }
      checkSeams(label, parts, ends, total, sinks.get(0));
    } catch (IOException e) {
      throw new UnreadableFileException(label, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreadableFileException(label, e);
    }
  }

  /** Each part must end on the line and row count the next one (or the file's end) was given. */
  private static void checkSeams(String label, Map<Integer, CsvSplitter.Part> parts,
      Map<Integer, long[]> ends, long[] total, ImportSink sink) {
    for (int i = 0; i < parts.size(); i++) {
      CsvSplitter.Part p = parts.get(i);
      CsvSplitter.Part next = parts.get(i + 1);
      long[] end = ends.get(i);
      long line = next == null ? total[0] : next.firstLine();
      long rows = (next == null ? total[1] : next.rowsBefore()) - p.rowsBefore();
      if (end[0] != line || end[1] != rows) {
        sink.problem(new Problem(label, p.firstLine(), "read on several threads, this part (lines " + p.firstLine()
            + " to " + (line - 1) + ") ended at line " + end[0] + " after " + end[1] + " rows instead of line " + line
            + " after " + rows + ": line and row numbers after it may be off; read the file on one thread"));
        return;
      }
    }
  }

  /**
   * @param headerless the handler of every row when the input has no header row (a part); null: the first row is the
   *     header
   * @return the number of the last data row read
   */
  private static long read(CsvScanner scanner, String label, HeaderHandler onHeader, RowHandler headerless,
      long rowsBefore, ImportSink sink) throws IOException {
    RowHandler handler = headerless;
    long row = rowsBefore;
    while (true) {
      switch (scanner.next()) {
        case ROW -> {
          CsvRow r = scanner.row();
          if (handler == null) {
            handler = onHeader.header(names(r));
          } else {
            handler.row(r, r.line(), ++row);
          }
        }
        case BAD_ROW -> sink.problem(new Problem(label, scanner.problemLine(), scanner.problem()));
        case STOP -> {
          sink.problem(new Problem(label, scanner.problemLine(), scanner.problem()));
          return row;
        }
        case END -> {
          if (handler == null) {
            sink.problem(new Problem(label, 0, "empty file: no header row"));
          }
          return row;
        }
      }
    }
  }

  private static List<String> names(CsvRow r) {
    List<String> cells = new ArrayList<>(r.size());
    for (int i = 0; i < r.size(); i++) {
      String s = r.text(i);
      cells.add(i == 0 && s.startsWith("\uFEFF") ? s.substring(1) : s);
    }
    return cells;
  }

  /** The first row of the file, if it can be read (for telling formats apart). */
  static Optional<List<String>> header(Path file) {
    return headerOf(file).map(Header::names);
  }

  /** The first row of the file and where the next begins, if it can be read. */
  static Optional<Header> headerOf(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      CsvScanner scanner = new CsvScanner(ch, 0, ch.size(), 1);
      if (scanner.next() != CsvScanner.Result.ROW) {
        return Optional.empty();
      }
      return Optional.of(new Header(names(scanner.row()), scanner.position(), scanner.line()));
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
