package org.firebreak.detect.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firebreak.core.error.InvalidInputException;

/**
 * Flock CSV exports, by their header: portal search audits ({@code id,userId,searchDate,cameraCount|networkCount,
 * reason}, later {@code offenseType}, {@code caseNumber}), network audits and organization audits ({@code ID, Name,
 * Org Name, Total Networks Searched, Total Devices Searched, Time Frame, License Plate, Reason, Case #, Filters,
 * Search Time, Search Type}, later {@code Text Prompt, Moderation}, {@code Offense Type}, without the devices
 * column; or with {@code Time_Frame_Start/End} as PDF conversions write them). Columns are found by name, so the
 * variants and their order do not matter; a header with no reason, offence type or organisation column is not a
 * Flock search audit.
 */
public final class FlockCsvImporter implements Importer {
  private final Format format;

  /** @param format {@link Format#FLOCK_PORTAL}, {@link Format#FLOCK_NETWORK} or {@link Format#FLOCK_ORG} */
  public FlockCsvImporter(Format format) {
    if (format != Format.FLOCK_PORTAL && format != Format.FLOCK_NETWORK && format != Format.FLOCK_ORG) {
      throw new IllegalArgumentException("not a Flock CSV format: " + format);
    }
    this.format = format;
  }

  @Override
  public void read(Path file, String label, ImportSink sink) {
    RowReader.Context context = Custodians.ofFile(file, format == Format.FLOCK_NETWORK);
    CsvRows.read(file, label, header -> {
      Map<Field, Integer> columns = columns(label, header);
      RowReader reader = new RowReader(label, header, columns, context);
      return (cells, line, row) -> reader.read(cells, line, row, sink);
    }, sink);
  }

  /**
   * Reads one part of a file, bytes {@code [start, end)}, for scanning a large file on several threads (one importer
   * and one detection per part). The part must start where a row starts (not inside a quoted cell: Flock's
   * {@code Time Frame} spans two lines) and end where one ends; the header is read from the file's first line.
   *
   * @param firstLine the file's line number of the part's first line (1 + line breaks before {@code start})
   * @param rowsBefore the data rows before the part, so row numbers and row-number ids are the file's
   */
  public void readPart(Path file, String label, long start, long end, long firstLine, long rowsBefore,
      ImportSink sink) {
    RowReader.Context context = Custodians.ofFile(file, format == Format.FLOCK_NETWORK);
    List<String> header = CsvRows.header(file).orElseThrow(() -> new InvalidInputException(label, "line 1",
        "no header row", null));
    RowReader reader = new RowReader(label, header, RowReader.byVendorNames(header), context);
    CsvRows.readPart(file, label, start, end, firstLine, rowsBefore, (cells, line, row) -> reader.read(cells, line,
        row, sink), sink);
  }

  /** The size of the parts {@link #readInParallel} reads, one at a time per thread. */
  public static final long PART_BYTES = 32L << 20;

  /**
   * Reads the file on {@code sinks.size()} threads: thread {@code t} reads whole parts of about {@link #PART_BYTES}
   * (cut where rows start; see {@code CsvSplitter}) and gives their events and problems to {@code sinks.get(t)}, which
   * only it calls. Events keep the file's line and row numbers; the events of one part come in order, the parts in
   * any order, so give each sink its own {@code Detection} of per-event detectors. A file whose first row cannot be
   * read is read on one thread, into the first sink.
   */
  public void readInParallel(Path file, String label, List<ImportSink> sinks) {
    readInParallel(file, label, sinks, PART_BYTES);
  }

  /** {@link #readInParallel(Path, String, List)} in parts of about {@code partBytes} (tests use small parts). */
  public void readInParallel(Path file, String label, List<ImportSink> sinks, long partBytes) {
    if (sinks.isEmpty()) {
      throw new IllegalArgumentException("one sink per thread, at least one");
    }
    Optional<CsvRows.Header> header = CsvRows.headerOf(file);
    if (header.isEmpty()) {
      read(file, label, sinks.get(0)); // reports what is wrong with the first row, or the empty file
      return;
    }
    List<String> names = header.get().names();
    Map<Field, Integer> columns = columns(label, names);
    RowReader.Context context = Custodians.ofFile(file, format == Format.FLOCK_NETWORK);
    List<CsvRows.RowHandler> handlers = new java.util.ArrayList<>();
    for (ImportSink sink : sinks) {
      RowReader reader = new RowReader(label, names, columns, context); // one per thread: it remembers names
      handlers.add((cells, line, row) -> reader.read(cells, line, row, sink));
    }
    CsvRows.readInParallel(file, label, header.get(), partBytes, handlers, sinks);
  }

  /** The columns of a header, or an error when it is not a Flock export of any shape. */
  private Map<Field, Integer> columns(String label, List<String> header) {
    Map<Field, Integer> columns = RowReader.byVendorNames(header);
    if (!columns.containsKey(Field.REASON) && !columns.containsKey(Field.OFFENSE_TYPE)
        && !columns.containsKey(Field.ORGANIZATION)) {
      throw new InvalidInputException(label, "line 1", "not a Flock " + format + " export: no Reason, Offense Type"
          + " or Org Name column in the header " + RowReader.clip(String.join(",", header)), null);
    }
    return columns;
  }

  /** Whether a header looks like a Flock audit (any of the shapes above). */
  static Optional<Format> recognise(List<String> header, String fileName) {
    Map<Field, Integer> columns = RowReader.byVendorNames(header);
    if (columns.containsKey(Field.ORGANIZATION)) {
      return Optional.of(fileName.toLowerCase(java.util.Locale.ROOT).contains("network") ? Format.FLOCK_NETWORK
          : Format.FLOCK_ORG);
    }
    if (columns.containsKey(Field.TIME) && (columns.containsKey(Field.REASON)
        || columns.containsKey(Field.OFFENSE_TYPE)) && (columns.containsKey(Field.NETWORKS)
        || columns.containsKey(Field.DEVICES))) {
      return Optional.of(Format.FLOCK_PORTAL);
    }
    return Optional.empty();
  }
}
