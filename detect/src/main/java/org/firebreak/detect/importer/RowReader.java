package org.firebreak.detect.importer;

import java.time.Instant;
import java.util.EnumMap;
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
  private final String label;
  private final List<String> header;
  private final Map<Field, Integer> columns;
  private final Context context;
  /** Organisation names repeat on almost every row: their state is read once. */
  private final Map<String, Optional<String>> stateOf = new java.util.HashMap<>();

  /**
   * What the file, rather than its rows, says about every event.
   *
   * @param custodian the agency whose log this is
   * @param custodianJurisdiction where that agency is
   * @param sharedAccess rows are other organisations' access to the custodian's data
   */
  record Context(Optional<String> custodian, Optional<String> custodianJurisdiction, boolean sharedAccess) {
  }

  RowReader(String label, List<String> header, Map<Field, Integer> columns, Context context) {
    this.label = label;
    this.header = List.copyOf(header);
    this.columns = new EnumMap<>(columns);
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
    if (cells.size() != header.size() && !(cells.size() == 1 && cells.get(0).isBlank())) {
      sink.problem(new Problem(label, line, "row has " + cells.size() + " cells, the header has " + header.size()
          + "; row skipped"));
      return false;
    }
    if (cells.size() == 1 && cells.get(0).isBlank() && header.size() > 1) {
      return false; // a blank line inside the file
    }
    String id = text(cells, Field.ID).orElse(Long.toString(row));
    AuditEvent.Builder b = AuditEvent.builder(id, new Location(label, line, row))
        .sources(List.of(SourceKind.ALPR))
        .custodian(context.custodian())
        .custodianJurisdiction(context.custodianJurisdiction())
        .sharedAccess(context.sharedAccess());
    b.time(time(cells, Field.TIME, line, sink));
    b.user(text(cells, Field.USER));
    Optional<String> org = text(cells, Field.ORGANIZATION);
    if (org.isPresent()) {
      String o = org.get();
      if (o.regionMatches(true, 0, "[Federal]", 0, 9)) {
        o = o.substring(9).strip();
        b.level(Optional.of(AgencyLevel.FEDERAL)).requesterJurisdiction(Optional.of("US"));
      } else {
        b.requesterJurisdiction(stateOf.size() < 100_000 ? stateOf.computeIfAbsent(o, Jurisdictions::ofOrganization)
            : Jurisdictions.ofOrganization(o));
      }
      b.organization(o.isEmpty() ? Optional.empty() : Optional.of(o));
    }
    text(cells, Field.REQUESTER_JURISDICTION).ifPresent(j -> b.requesterJurisdiction(Optional.of(j)));
    b.onBehalfOf(text(cells, Field.ON_BEHALF_OF));
    b.reason(text(cells, Field.REASON).orElse(""));
    b.caseNumber(text(cells, Field.CASE_NUMBER));
    b.offenseType(text(cells, Field.OFFENSE_TYPE));
    b.subject(text(cells, Field.SUBJECT));
    b.networks(count(cells, Field.NETWORKS, line, sink));
    b.devices(count(cells, Field.DEVICES, line, sink));
    b.searchType(text(cells, Field.SEARCH_TYPE));
    b.timeFrame(timeFrame(cells, line, sink));
    sink.event(b.build());
    return true;
  }

  /** The cell of a field, stripped; empty when the column is absent, the cell blank or redacted. */
  Optional<String> text(List<String> cells, Field f) {
    Integer i = columns.get(f);
    if (i == null || i >= cells.size()) {
      return Optional.empty();
    }
    return value(cells.get(i));
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

  private Optional<Instant> time(List<String> cells, Field f, long line, ImportSink sink) {
    Optional<String> v = text(cells, f);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> t = Timestamps.parse(v.get());
    if (t.isEmpty()) {
      sink.problem(new Problem(label, line, header.get(columns.get(f)) + ": not a timestamp '" + clip(v.get())
          + "'; row kept without it"));
    }
    return t;
  }

  private OptionalLong count(List<String> cells, Field f, long line, ImportSink sink) {
    Optional<String> v = text(cells, f);
    if (v.isEmpty()) {
      return OptionalLong.empty();
    }
    String digits = v.get().replace(",", "");
    long n = 0;
    boolean ok = !digits.isEmpty() && digits.length() <= 18;
    for (int i = 0; ok && i < digits.length(); i++) {
      char c = digits.charAt(i);
      ok = c >= '0' && c <= '9';
      n = n * 10 + (c - '0');
    }
    if (!ok) {
      sink.problem(new Problem(label, line, header.get(columns.get(f)) + ": not a count '" + clip(v.get())
          + "'; row kept without it"));
      return OptionalLong.empty();
    }
    return OptionalLong.of(n);
  }

  /** One cell holding start and end on two lines (or "start - end"), or two cells. */
  private Optional<TimeRange> timeFrame(List<String> cells, long line, ImportSink sink) {
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
      sink.problem(new Problem(label, line, header.get(columns.get(reported)) + ": not a time frame '"
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
