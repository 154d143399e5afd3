package org.firebreak.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.firebreak.detect.AuditEvent;
import org.firebreak.detect.Detection;
import org.firebreak.detect.Screening;
import org.firebreak.detect.Settings;
import org.firebreak.detect.importer.FlockCsvImporter;
import org.firebreak.detect.importer.Format;
import org.firebreak.detect.importer.ImportSink;
import org.firebreak.detect.importer.Problem;
import org.firebreak.policy.ImmigrationTextClassifier;

/**
 * Scanning a synthetic Flock network-audit CSV (10 million rows by default, generated once into
 * {@code bench/target/detect-scan/}) with every per-row detector of {@code firebreak detect} (immigration-purpose,
 * immigration-agency, task-force, out-of-state, federal-access, missing-case-number, bulk-search), next to its peer in
 * the same run: DuckDB ({@code org.duckdb:duckdb_jdbc}, in-process) reading the same file with {@code read_csv} and
 * counting the rows that match the same things as regular expressions (RE2) and comparisons. Each side runs
 * {@code --runs} times (default 3) in turn; every run is printed, the best of each is the figure. Firebreak reads the
 * file in {@code --threads} parts side by side (default: one per core; 1: the plain importer). See README.md.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.firebreak.bench.DetectScan [--rows 10000000] [--runs 3]
 *     [--threads N] [--dir bench/target/detect-scan]</pre>
 */
public final class DetectScan {
  private DetectScan() {}

  /** What a requester could have typed: realistic reasons (from the real logs), traps, and a few immigration ones. */
  static final String[] REASONS = {"investigation", "Property Crime", "stolen vehicle", "UUV", "bolo",
      "Suspect Vehicle", "26-01628, 211PC", "hit and run", "Missing Person", "Welfare Check", "Person+Crime",
      "ICAC traveler", "Warrant", "Investigative", "Suspicious Vehicle", "Grand Theft", "abandoned animal",
      "FBI SAFE ST TF", "287(B) vehicle", "hotplate removal", "black ice crash on hwy 50", "possession of ice",
      "police assist", "dice game robbery", "Alice Price burglary", "erosion damage vandalism",
      "case #44119 robbery", "SO25-001234 assault", "shots fired", "narcotics"};
  static final String[] IMMIGRATION_REASONS = {"ICE WARRANT", "ICE+ERO", "assist HSI", "immigration", "I-247A",
      "CBP assist", "illegal immigration", "I.C.E. request"};
  static final String[] STATES = {"CA", "CA", "CA", "CA", "TX", "FL", "GA", "AZ", "NV", "OR", "WA", "IL", "VA"};
  static final String[] FEDERAL = {"[Federal] U.S. Immigration and Customs Enforcement", "[Federal] FBI",
      "[Federal] Homeland Security Investigations", "[Federal] U.S. Border Patrol", "[Federal] ATF"};

  /** The regular expression (RE2 syntax) DuckDB counts for the immigration text detectors. */
  static final String IMMIGRATION_REGEX = "(?i)(^|[^[:alnum:]])(ice|i\\.c\\.e\\.?|ero|hsi|cbp|usbp|uscis"
      + "|immigration|deport[a-z]*|border patrol|customs and border protection|homeland security investigations"
      + "|immigration and customs enforcement|287 ?\\(g\\)|287g|illegal alien|detainer|i-?247[adnx]?|i-?200"
      + "|i-?203|i-?205)([^[:alnum:]]|$)";
  static final String CASE_REGEX = "([A-Za-z]{1,4}[-#]?)?[0-9]{2,4}-[0-9]{3,}|[0-9]{5,}"
      + "|(?i)(case|incident|inc|cr|rpt|report|dr|event) *(no\\.?|num(ber)?|#)? *[:#]? *[a-z]{0,3}[0-9]{3,}";

  public static void main(String[] args) throws Exception {
    Map<String, String> a = LedgerLoad.Args.parse(args);
    long rows = Long.parseLong(a.getOrDefault("rows", "10000000"));
    int runs = LedgerLoad.Args.integer(a, "runs", 3);
    Path dir = Path.of(a.getOrDefault("dir", "bench/target/detect-scan"));
    Files.createDirectories(dir);
    // a California custodian: the file's name gives its state, as for the real exports
    Path file = dir.resolve("synthetic-ca-pd-network-audit-" + rows + ".csv");
    if (!Files.exists(file)) {
      long t = System.nanoTime();
      generate(file, rows);
      System.out.printf("generated %s (%,d rows, %,d bytes) in %.1f s%n", file, rows, Files.size(file),
          (System.nanoTime() - t) / 1e9);
    }
    System.out.println(Machine.describe(dir));
    System.out.printf("file: %s, %,d rows, %,d bytes%n", file, rows, Files.size(file));
    double bestFirebreak = 0;
    double bestDuck = 0;
    int threads = LedgerLoad.Args.integer(a, "threads", Runtime.getRuntime().availableProcessors());
    for (int run = 1; run <= runs; run++) {
      bestFirebreak = Math.max(bestFirebreak, threads == 1 ? firebreak(file, rows, run)
          : firebreakParallel(file, rows, run, threads));
      bestDuck = Math.max(bestDuck, duckdb(file, rows, run));
    }
    System.out.printf("best: firebreak %,.0f rows/s; duckdb %,.0f rows/s; ratio %.2fx%n", bestFirebreak, bestDuck,
        bestFirebreak / bestDuck);
  }

  /** One part of the file for one thread: bytes [start, end), its first line, the data rows before it. */
  record Part(long start, long end, long firstLine, long rowsBefore) {}

  /**
   * Every per-row detector over the file split into {@code threads} parts read side by side, each part by its own
   * importer and {@link Detection}, the flag counts added up at the end. The per-row detectors keep no state between
   * rows, so the parts' counts add up to the whole file's; the split and the line and row counts it needs are part of
   * the measured time.
   */
  static double firebreakParallel(Path file, long rows, int run, int threads) throws Exception {
    long t = System.nanoTime();
    List<Part> parts = parts(file, threads);
    Map<String, Long> counts = new LinkedHashMap<>();
    long events = 0;
    long problems = 0;
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(parts.size())) {
      List<java.util.concurrent.Future<long[]>> done = new java.util.ArrayList<>();
      List<Map<String, long[]>> partCounts = new java.util.ArrayList<>();
      for (Part part : parts) {
        Screening screening = new Screening(new ImmigrationTextClassifier());
        Detection detection = new Detection(screening, Detection.perEvent(screening, Settings.defaults()));
        Map<String, long[]> c = new LinkedHashMap<>();
        detection.detectors().forEach(d -> c.put(d.id(), new long[1]));
        partCounts.add(c);
        done.add(pool.submit(() -> {
          long[] seen = new long[2];
          new FlockCsvImporter(Format.FLOCK_NETWORK).readPart(file, file.toString(), part.start(), part.end(),
              part.firstLine(), part.rowsBefore(), new ImportSink() {
                @Override
                public void event(AuditEvent e) {
                  seen[0]++;
                  detection.accept(e, f -> c.get(f.detector())[0]++);
                }

                @Override
                public void problem(Problem p) {
                  seen[1]++;
                }
              });
          return seen;
        }));
      }
      for (var f : done) {
        long[] seen = f.get();
        events += seen[0];
        problems += seen[1];
      }
      for (Map<String, long[]> c : partCounts) {
        c.forEach((id, n) -> counts.merge(id, n[0], Long::sum));
      }
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    if (events != rows || problems != 0) {
      throw new IllegalStateException("read " + events + " events and " + problems + " problems");
    }
    StringBuilder sb = new StringBuilder();
    counts.forEach((id, c) -> sb.append(String.format(" %s=%,d", id, c)));
    double rate = rows / seconds;
    System.out.printf("run %d firebreak (%d threads): %.2f s, %,.0f rows/s; flags:%s%n", run, parts.size(), seconds,
        rate, sb);
    return rate;
  }

  /**
   * The file cut into {@code n} parts at row starts. A cut goes at the first line after the nominal point that starts
   * with an ID cell (a UUID and a comma, as every row of this file does): the second line of a quoted Time Frame
   * starts with a date, so a cut never falls inside a row. Then each part's line breaks and rows (line breaks outside
   * quotes) are counted side by side, for the line and row numbers of its events.
   */
  static List<Part> parts(Path file, int n) throws Exception {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      long size = ch.size();
      long headerEnd = nextLineStart(ch, 0, size);
      List<Long> cuts = new java.util.ArrayList<>();
      cuts.add(headerEnd);
      for (int k = 1; k < n; k++) {
        long nominal = headerEnd + (size - headerEnd) * k / n;
        long cut = rowStartAfter(ch, nominal, size);
        if (cut > cuts.getLast() && cut < size) {
          cuts.add(cut);
        }
      }
      cuts.add(size);
      int count = cuts.size() - 1;
      long[][] lineAndRows = new long[count][];
      try (var pool = java.util.concurrent.Executors.newFixedThreadPool(count)) {
        List<java.util.concurrent.Future<long[]>> fs = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
          long from = cuts.get(i);
          long to = cuts.get(i + 1);
          fs.add(pool.submit(() -> lineBreaksAndRows(file, from, to)));
        }
        for (int i = 0; i < count; i++) {
          lineAndRows[i] = fs.get(i).get();
        }
      }
      List<Part> parts = new java.util.ArrayList<>();
      long line = 2; // the header is line 1
      long rows = 0;
      for (int i = 0; i < count; i++) {
        parts.add(new Part(cuts.get(i), cuts.get(i + 1), line, rows));
        line += lineAndRows[i][0];
        rows += lineAndRows[i][1];
      }
      return parts;
    }
  }

  /** Line breaks in [from, to), and those outside quoted cells (one per row); {@code from} is outside quotes. */
  static long[] lineBreaksAndRows(Path file, long from, long to) throws Exception {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      long lines = 0;
      long rows = 0;
      boolean quoted = false;
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(1 << 20);
      long pos = from;
      while (pos < to) {
        buf.clear();
        buf.limit((int) Math.min(buf.capacity(), to - pos));
        int n = ch.read(buf, pos);
        if (n <= 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          byte b = buf.get(i);
          if (b == '"') {
            quoted = !quoted; // a doubled quote toggles twice
          } else if (b == '\n') {
            lines++;
            if (!quoted) {
              rows++;
            }
          }
        }
        pos += n;
      }
      return new long[] {lines, rows};
    }
  }

  private static long nextLineStart(java.nio.channels.FileChannel ch, long from, long size) throws Exception {
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
    for (long pos = from; pos < size; ) {
      buf.clear();
      int n = ch.read(buf, pos);
      for (int i = 0; i < n; i++) {
        if (buf.get(i) == '\n') {
          return pos + i + 1;
        }
      }
      pos += n;
    }
    return size;
  }

  /** The first line start at or after {@code from} whose line begins with a UUID and a comma. */
  private static long rowStartAfter(java.nio.channels.FileChannel ch, long from, long size) throws Exception {
    long pos = nextLineStart(ch, from, size);
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(37);
    while (pos < size) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n == 37 && isUuidAndComma(buf)) {
        return pos;
      }
      pos = nextLineStart(ch, pos, size);
    }
    return size;
  }

  private static boolean isUuidAndComma(java.nio.ByteBuffer b) {
    for (int i = 0; i < 36; i++) {
      byte c = b.get(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return b.get(36) == ',';
  }

  static double firebreak(Path file, long rows, int run) {
    Screening screening = new Screening(new ImmigrationTextClassifier());
    Detection detection = new Detection(screening, Detection.perEvent(screening, Settings.defaults()));
    Map<String, long[]> counts = new LinkedHashMap<>();
    detection.detectors().forEach(d -> counts.put(d.id(), new long[1]));
    long[] events = {0};
    long[] problems = {0};
    long t = System.nanoTime();
    new FlockCsvImporter(Format.FLOCK_NETWORK).read(file, file.toString(), new ImportSink() {
      @Override
      public void event(AuditEvent e) {
        events[0]++;
        detection.accept(e, f -> counts.get(f.detector())[0]++);
      }

      @Override
      public void problem(Problem p) {
        problems[0]++;
      }
    });
    double seconds = (System.nanoTime() - t) / 1e9;
    if (events[0] != rows || problems[0] != 0) {
      throw new IllegalStateException("read " + events[0] + " events and " + problems[0] + " problems");
    }
    StringBuilder sb = new StringBuilder();
    counts.forEach((id, c) -> sb.append(String.format(" %s=%,d", id, c[0])));
    double rate = rows / seconds;
    System.out.printf("run %d firebreak: %.2f s, %,.0f rows/s; flags:%s%n", run, seconds, rate, sb);
    return rate;
  }

  static double duckdb(Path file, long rows, int run) throws Exception {
    String sql = "SELECT count(*) AS rows,"
        + " count(*) FILTER (WHERE regexp_matches(coalesce(\"Reason\", ''), ?)) AS immigration_reason,"
        + " count(*) FILTER (WHERE regexp_matches(coalesce(\"Org Name\", ''), ?)) AS immigration_org,"
        + " count(*) FILTER (WHERE regexp_matches(coalesce(\"Org Name\", '') || ' ' || coalesce(\"Reason\", ''),"
        + "   '(?i)(^|[^[:alnum:]])(287 ?\\(g\\)|task ?force|tfo?)([^[:alnum:]]|$)')"
        + "   AND regexp_matches(coalesce(\"Org Name\", '') || ' ' || coalesce(\"Reason\", ''), ?)) AS task_force,"
        + " count(*) FILTER (WHERE starts_with(\"Org Name\", '[Federal]')) AS federal,"
        + " count(*) FILTER (WHERE NOT starts_with(\"Org Name\", '[Federal]')"
        + "   AND NOT regexp_matches(\"Org Name\", ' CA [A-Z]+$')) AS out_of_state,"
        + " count(*) FILTER (WHERE \"Case #\" IS NULL AND NOT regexp_matches(coalesce(\"Reason\", ''), ?))"
        + "   AS missing_case_number,"
        + " count(*) FILTER (WHERE \"Total Networks Searched\" >= 2000) AS bulk_networks"
        + " FROM read_csv(?, header = true, quote = '\"', escape = '\"', delim = ',')";
    long t = System.nanoTime();
    StringBuilder sb = new StringBuilder();
    long counted;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, IMMIGRATION_REGEX);
      ps.setString(2, IMMIGRATION_REGEX);
      ps.setString(3, IMMIGRATION_REGEX);
      ps.setString(4, CASE_REGEX);
      ps.setString(5, file.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        ResultSetMetaData md = rs.getMetaData();
        counted = rs.getLong(1);
        for (int i = 2; i <= md.getColumnCount(); i++) {
          sb.append(String.format(" %s=%,d", md.getColumnLabel(i), rs.getLong(i)));
        }
      }
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    if (counted != rows) {
      throw new IllegalStateException("duckdb counted " + counted + " rows");
    }
    double rate = rows / seconds;
    System.out.printf("run %d duckdb:    %.2f s, %,.0f rows/s; matches:%s%n", run, seconds, rate, sb);
    return rate;
  }

  /** Writes the synthetic network audit: the documented columns, a two-line Time Frame, redactions. */
  static void generate(Path file, long rows) throws Exception {
    SplittableRandom r = new SplittableRandom(20261127);
    long start = 1_735_689_600L; // 2025-01-01T00:00:00Z
    List<String> orgs = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String state = STATES[i % STATES.length];
      orgs.add("City" + i + " " + state + (i % 3 == 0 ? " SO" : " PD"));
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write("ID,Name,Org Name,Total Networks Searched,Total Devices Searched,Time Frame,License Plate,Reason,"
          + "Case #,Filters,Search Time,Search Type\n");
      StringBuilder sb = new StringBuilder(512);
      for (long i = 0; i < rows; i++) {
        sb.setLength(0);
        long searched = start + (i * 3); // three seconds apart: about a year for 10M rows
        long from = searched - 3600L * (1 + r.nextInt(24 * 40)); // up to 40 days back
        int pick = r.nextInt(1000);
        String org = pick < 3 ? FEDERAL[r.nextInt(FEDERAL.length)] : orgs.get(r.nextInt(orgs.size()));
        String reason = pick < 3 || r.nextInt(1000) < 2 ? IMMIGRATION_REASONS[r.nextInt(IMMIGRATION_REASONS.length)]
            : REASONS[r.nextInt(REASONS.length)];
        int networks = r.nextInt(100) < 5 ? 6000 + r.nextInt(700) : 1 + r.nextInt(900);
        sb.append(new java.util.UUID(r.nextLong(), r.nextLong())).append(',');
        sb.append(r.nextInt(3) == 0 ? "***" : "Officer " + r.nextInt(5000)).append(',');
        sb.append(org).append(',').append(networks).append(',').append(networks * 14 + r.nextInt(50)).append(',');
        sb.append('"');
        usTime(sb, from);
        sb.append('\n');
        usTime(sb, searched);
        sb.append("\",");
        if (r.nextInt(3) == 0) {
          sb.append("REDACTED");
        } else {
          sb.append((char) ('1' + r.nextInt(9)));
          for (int k = 0; k < 3; k++) {
            sb.append((char) ('A' + r.nextInt(26)));
          }
          sb.append(100 + r.nextInt(900));
        }
        sb.append(',');
        if (reason.indexOf(',') >= 0) {
          sb.append('"').append(reason).append('"');
        } else {
          sb.append(reason);
        }
        sb.append(',');
        if (r.nextInt(10) < 4) {
          sb.append("25-").append(100000 + r.nextInt(900000));
        }
        sb.append(",,\"");
        usTime(sb, searched);
        sb.append("\",").append(r.nextInt(4) == 0 ? "search" : "lookup").append('\n');
        w.append(sb);
      }
    }
    Files.move(tmp, file);
  }

  /** {@code 11/14/2025, 09:53:36 AM UTC}. */
  static void usTime(StringBuilder sb, long epochSecond) {
    java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, java.time.ZoneOffset.UTC);
    two(sb, t.getMonthValue()).append('/');
    two(sb, t.getDayOfMonth()).append('/').append(t.getYear()).append(", ");
    int h = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    two(sb, h).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond()).append(t.getHour() < 12 ? " AM UTC" : " PM UTC");
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    return sb.append(v < 10 ? "0" : "").append(v);
  }
}
