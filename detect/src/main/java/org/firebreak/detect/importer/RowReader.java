package org.firebreak.detect.importer;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.detect.AuditEvent;
import org.firebreak.detect.Jurisdictions;
import org.firebreak.detect.Location;
import org.firebreak.detect.TimeRange;

/**
 * Turns the cells of one row into an event, by a map from fields to column indexes. What every vendor row shares is
 * here: redactions ({@code ***}, {@code REDACTED}) and empty cells are absent values; a {@code [Federal] } prefix on
 * the organisation makes the requester federal; a cell that does not read as its field says (a timestamp, a
 * number) is reported and the row is kept without that value.
 */
final class RowReader {
  /** Every vendor row is an ALPR search. */
  private static final List<SourceKind> ALPR = List.of(SourceKind.ALPR);
  private static final int NAME_CACHE = 100_000;
  private static final Agency NO_AGENCY = new Agency(Optional.empty(), Optional.empty(), Optional.empty());

  private final String label;
  private final List<String> header;
  /** The column of each field by its ordinal; -1 when the header has none. */
  private final int[] columns;
  private final Context context;
  /** Organisation names repeat on almost every row: what each says is read once. */
  private final Map<String, Agency> agencies = new HashMap<>();

  /**
   * What the file, rather than its rows, says about every event.
   *
   * @param custodian the agency whose log this is
   * @param custodianJurisdiction where that agency is
   * @param sharedAccess rows are other organisations' access to the custodian's data
   */
  record Context(Optional<String> custodian, Optional<String> custodianJurisdiction, boolean sharedAccess) {
  }

  /**
   * What an organisation's name in a log says: the name without a {@code [Federal] } prefix, and the level and
   * jurisdiction the prefix or the name gives.
   */
  private record Agency(Optional<String> name, Optional<AgencyLevel> level, Optional<String> jurisdiction) {
    static Agency of(String cell) {
      if (cell.regionMatches(true, 0, "[Federal]", 0, 9)) {
        String name = cell.substring(9).strip();
        return new Agency(name.isEmpty() ? Optional.empty() : Optional.of(name), Optional.of(AgencyLevel.FEDERAL),
            Optional.of("US"));
      }
      return new Agency(Optional.of(cell), Optional.empty(), Jurisdictions.ofOrganization(cell));
    }
  }

  RowReader(String label, List<String> header, Map<Field, Integer> columns, Context context) {
    this.label = label;
    this.header = List.copyOf(header);
    this.columns = new int[Field.values().length];
    Arrays.fill(this.columns, -1);
    columns.forEach((f, i) -> this.columns[f.ordinal()] = i);
    this.context = context;
  }

  /** Columns of a header found by the vendor names of each field (the first column that matches wins). */
  static Map<Field, Integer> byVendorNames(List<String> header) {
    Map<Field, Integer> columns = new EnumMap<>(Field.class);
    for (int i = 0; i < header.size(); i++) {
      String name = Field.normalise(header.get(i));
      for (Field f : Field.values()) {
        if (f.headers().contains(name) && !columns.containsKey(f)) {
          columns.put(f, i);
          break;
        }
      }
    }
    return columns;
  }

  /** Reads one row; false (and a problem) when it cannot be read at all. */
  boolean read(List<String> cells, long line, long row, ImportSink sink) {
    return read(Cells.of(cells), line, row, sink);
  }

  /** Reads one row; false (and a problem) when it cannot be read at all. */
  boolean read(Cells cells, long line, long row, ImportSink sink) {
    int n = cells.size();
    boolean blankLine = n == 1 && cells.isBlank(0);
    if (n != header.size() && !blankLine) {
      sink.problem(new Problem(label, line, "row has " + n + " cells, the header has " + header.size()
          + "; row skipped"));
      return false;
    }
    if (blankLine && header.size() > 1) {
      return false; // a blank line inside the file
    }
    Optional<String> idCell = text(cells, Field.ID);
    String id = idCell.isPresent() ? idCell.get() : Long.toString(row);
    Optional<Instant> time = time(cells, Field.TIME, line, sink);
    Optional<String> user = text(cells, Field.USER);
    Optional<String> org = text(cells, Field.ORGANIZATION);
    Agency requester = org.isPresent() ? agency(org.get()) : NO_AGENCY;
    Optional<String> jurisdiction = text(cells, Field.REQUESTER_JURISDICTION);
    Optional<String> onBehalfOf = text(cells, Field.ON_BEHALF_OF);
    Agency forWhom = onBehalfOf.isPresent() ? agency(onBehalfOf.get()) : NO_AGENCY;
    Optional<String> reason = text(cells, Field.REASON);
    Optional<String> caseNumber = text(cells, Field.CASE_NUMBER);
    Optional<String> offenseType = text(cells, Field.OFFENSE_TYPE);
    Optional<String> subject = text(cells, Field.SUBJECT);
    OptionalLong networks = count(cells, Field.NETWORKS, line, sink);
    OptionalLong devices = count(cells, Field.DEVICES, line, sink);
    Optional<String> searchType = text(cells, Field.SEARCH_TYPE);
    Optional<TimeRange> timeFrame = timeFrame(cells, line, sink);
    // the record's constructor, not a Builder: this runs on every row of logs of millions
    sink.event(new AuditEvent(id, new Location(label, line, row), time, user, requester.name(), requester.level(),
        Optional.empty(), jurisdiction.isPresent() ? jurisdiction : requester.jurisdiction(), onBehalfOf,
        forWhom.level(), forWhom.jurisdiction(), List.of(), reason.isPresent() ? reason.get() : "", caseNumber,
        offenseType, subject, networks, devices, timeFrame, searchType, ALPR, List.of(), Optional.empty(),
        context.custodian(), context.custodianJurisdiction(), context.sharedAccess()));
    return true;
  }

  private Agency agency(String cell) {
    Agency known = agencies.get(cell);
    if (known == null) {
      known = Agency.of(cell);
      if (agencies.size() < NAME_CACHE) {
        agencies.put(cell, known);
      }
    }
    return known;
  }

  private int column(Cells cells, Field f) {
    int i = columns[f.ordinal()];
    return i < cells.size() ? i : -1;
  }

  /** The cell of a field, stripped; empty when the column is absent, the cell blank or redacted. */
  Optional<String> text(Cells cells, Field f) {
    int i = column(cells, f);
    return i < 0 ? Optional.empty() : cells.value(i);
  }

  /** A cell's value: stripped; empty when blank or a redaction ({@code ***}, {@code REDACTED}, {@code [REDACTED]}). */
  static Optional<String> value(String cell) {
    String v = cell.strip();
    if (v.isEmpty() || isRedacted(v)) {
      return Optional.empty();
    }
    return Optional.of(v);
  }

  static boolean isRedacted(String v) {
    int stars = 0;
    while (stars < v.length() && v.charAt(stars) == '*') {
      stars++;
    }
    if (stars == v.length()) {
      return true;
    }
    if (v.length() < 8 || v.length() > 10) {
      return false; // REDACTED, [REDACTED], (REDACTED)
    }
    return v.equalsIgnoreCase("REDACTED") || v.equalsIgnoreCase("[REDACTED]") || v.equalsIgnoreCase("(REDACTED)");
  }

  private Optional<Instant> time(Cells cells, Field f, long line, ImportSink sink) {
    int i = column(cells, f);
    if (i < 0) {
      return Optional.empty();
    }
    Instant usual = cells.usTimestamp(i);
    if (usual != null) {
      return Optional.of(usual);
    }
    Optional<String> v = cells.value(i);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> t = Timestamps.parse(v.get());
    if (t.isEmpty()) {
      sink.problem(new Problem(label, line, header.get(i) + ": not a timestamp '" + clip(v.get())
          + "'; row kept without it"));
    }
    return t;
  }

  private OptionalLong count(Cells cells, Field f, long line, ImportSink sink) {
    int i = column(cells, f);
    if (i < 0) {
      return OptionalLong.empty();
    }
    long plain = cells.digits(i);
    if (plain >= 0) {
      return OptionalLong.of(plain);
    }
    Optional<String> v = cells.value(i);
    if (v.isEmpty()) {
      return OptionalLong.empty();
    }
    String digits = v.get().replace(",", "");
    long n = 0;
    boolean ok = !digits.isEmpty() && digits.length() <= 18;
    for (int k = 0; ok && k < digits.length(); k++) {
      char c = digits.charAt(k);
      ok = c >= '0' && c <= '9';
      n = n * 10 + (c - '0');
    }
    if (!ok) {
      sink.problem(new Problem(label, line, header.get(i) + ": not a count '" + clip(v.get())
          + "'; row kept without it"));
      return OptionalLong.empty();
    }
    return OptionalLong.of(n);
  }

  /** One cell holding start and end on two lines (or "start - end"), or two cells. */
  private Optional<TimeRange> timeFrame(Cells cells, long line, ImportSink sink) {
    int frameColumn = column(cells, Field.TIME_FRAME);
    TimeRange usual = frameColumn < 0 ? null : cells.usTimeFrame(frameColumn);
    if (usual != null) {
      return Optional.of(usual);
    }
    Optional<String> start;
    Optional<String> end;
    Optional<String> frame = text(cells, Field.TIME_FRAME);
    Field reported;
    if (frame.isPresent()) {
      reported = Field.TIME_FRAME;
      String f = frame.get();
      int nl = f.indexOf('\n');
      String[] parts = nl >= 0 ? new String[] {f.substring(0, nl), f.substring(nl + 1)} // the usual shape
          : f.split("\\s+(?:-|–|to)\\s+", 2);
      start = Optional.of(parts[0].strip());
      end = parts.length == 2 ? Optional.of(parts[1].strip()) : Optional.empty();
    } else {
      reported = Field.TIME_FRAME_START;
      start = text(cells, Field.TIME_FRAME_START);
      end = text(cells, Field.TIME_FRAME_END);
    }
    if (start.isEmpty() && end.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> s = start.flatMap(Timestamps::parse);
    Optional<Instant> e = end.flatMap(Timestamps::parse);
    if (s.isEmpty() || e.isEmpty()) {
      sink.problem(new Problem(label, line, header.get(columns[reported.ordinal()]) + ": not a time frame '"
          + clip(start.orElse("") + (end.isPresent() ? " / " + end.get() : "")) + "'; row kept without it"));
      return Optional.empty();
    }
    return Optional.of(new TimeRange(s.get(), e.get()));
  }

  static String clip(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 60 ? one : one.substring(0, 57) + "...";
  }
}
