package org.firebreak.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A written report verifies from its own directory, and any change to a number or an entry is caught and named. */
class ReportVerifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path tmp;
  static Path out;

  @BeforeAll
  static void write() throws Exception {
    Fixture f = Fixture.create(tmp.resolve("log"));
    // Threshold 2 keeps most fixture counts visible, so that changing them is a real test.
    TransparencyReport r = TransparencyReport.compute(f.reader(), f.key(), TransparencyReportTest.NOV,
        Options.defaults().withThreshold(2).withRules(Fixture.catalog()));
    out = tmp.resolve("report");
    ReportWriter.write(r, out);
  }

  private static Path copy(String name) throws Exception {
    return copy(out, name);
  }

  private static Path copy(Path from, String name) throws Exception {
    Path to = tmp.resolve(name);
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  @Test
  void writesEveryFileAndVerifiesFromTheDirectoryAlone() throws Exception {
    for (String f : List.of("report.html", "report.pdf", "report.json", "tables/requests-by-decision.csv",
        "tables/mission-drift-trend.csv", "tables/packs-in-force.csv", "bundle/checkpoint", "bundle/vkey",
        "bundle/entries.ndjson", "bundle/proofs.json", "bundle/rules.json", "bundle/VERIFY.md")) {
      assertThat(out.resolve(f)).isRegularFile();
    }
    assertThat(Files.readString(out.resolve("bundle/VERIFY.md"))).contains("/log/vkey");
    assertThat(Files.readAllLines(out.resolve("bundle/entries.ndjson"))).hasSize(20);
    ReportVerifier.Result r = ReportVerifier.verify(out);
    assertThat(r.problem()).isEmpty();
    assertThat(r.entries()).isEqualTo(20);
  }

  @Test
  void theCsvOfATableHoldsItsRowsAndTotals() throws Exception {
    // PERMIT 3, DENY 2, REFER 1 at threshold 2: REFER is small, DENY (the smallest shown) is hidden with it.
    assertThat(Files.readString(out.resolve("tables/requests-by-decision.csv"), StandardCharsets.UTF_8))
        .isEqualTo("decision,requests\nPERMIT,3\nDENY,suppressed\nREFER,suppressed\ntotal,6\n");
  }

  @Test
  void changingAnyNumberInReportJsonFailsAndNamesIt() throws Exception {
    JsonNode original = JSON.readTree(out.resolve("report.json").toFile());
    List<String> paths = new ArrayList<>();
    numbers(original, "$", paths);
    assertThat(paths).hasSizeGreaterThan(100);
    Path dir = copy("tampered-json");
    int checked = 0;
    for (String path : paths) {
      JsonNode changed = original.deepCopy();
      JsonNode value = bump(changed, path);
      Files.writeString(dir.resolve("report.json"), JSON.writeValueAsString(changed));
      ReportVerifier.Result r = ReportVerifier.verify(dir);
      assertThat(r.problem()).as(path).isPresent();
      if (!path.startsWith("$.parameters.")) {
        assertThat(r.problem().get()).as(path).contains(path).contains("report.json says " + value.asText());
      } // a changed parameter changes the recomputation: the first number that then differs is named
      checked++;
    }
    // A table cell is named by its table, row and column too.
    JsonNode changed = original.deepCopy();
    ObjectNode permit = (ObjectNode) changed.path("tables").path(1).path("rows").path(0);
    ((ArrayNode) permit.path("values")).set(0, 4);
    Files.writeString(dir.resolve("report.json"), JSON.writeValueAsString(changed));
    assertThat(ReportVerifier.verify(dir).problem()).contains("table requests-by-decision, row PERMIT, column"
        + " requests (report.json $.tables[1].rows[0].values[0]): report.json says 4, the bundle gives 3");
    assertThat(checked).isEqualTo(paths.size());
  }

  @Test
  void changingACsvCellOrAnHtmlTableFails() throws Exception {
    Path dir = copy("tampered-csv");
    Path csv = dir.resolve("tables/mission-drift.csv");
    Files.writeString(csv, Files.readString(csv).replace("\"ordinary crime\",3,50.0",
        "\"ordinary crime\",3,60.0"));
    assertThat(ReportVerifier.verify(dir).problem()).hasValueSatisfying(p -> assertThat(p)
        .startsWith("tables/mission-drift.csv line 4: says '\"ordinary crime\",3,60.0"));
    Path dir2 = copy("tampered-html");
    Path html = dir2.resolve("report.html");
    Files.writeString(html, Files.readString(html).replace("<tr><td>PERMIT</td><td class=\"num\">3</td>",
        "<tr><td>PERMIT</td><td class=\"num\">30</td>"));
    assertThat(ReportVerifier.verify(dir2).problem())
        .contains("report.html: table requests-by-decision differs from the one the bundle gives");
  }

  @Test
  void changingAnyEntryInTheBundleFailsAndNamesIt() throws Exception {
    Path dir = copy("tampered-entries");
    Path file = dir.resolve("bundle/entries.ndjson");
    List<String> lines = Files.readAllLines(out.resolve("bundle/entries.ndjson"), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      List<String> changed = new ArrayList<>(lines);
      // One changed digit of the day: the entry is no longer the one the log holds.
      changed.set(i, lines.get(i).replaceFirst("\"day\":\"2026-", "\"day\":\"2027-"));
      Files.write(file, changed, StandardCharsets.UTF_8);
      String expected = "bundle/entries.ndjson line " + (i + 1) + " (entry " + indexOf(i) + "): not in the signed"
          + " tree";
      assertThat(ReportVerifier.verify(dir).problem()).as("line %d", i + 1).hasValueSatisfying(p ->
          assertThat(p).startsWith(expected));
    }
    // Leaving an entry of the range out is caught too.
    List<String> fewer = new ArrayList<>(lines);
    fewer.remove(6);
    Files.write(file, fewer, StandardCharsets.UTF_8);
    ObjectNode proofs = (ObjectNode) JSON.readTree(out.resolve("bundle/proofs.json").toFile());
    ((ArrayNode) proofs.path("entries")).remove(6);
    Files.writeString(dir.resolve("bundle/proofs.json"), JSON.writeValueAsString(proofs));
    assertThat(ReportVerifier.verify(dir).problem())
        .contains("bundle/entries.ndjson: entry 6 of the range [1, 20) is missing");
  }

  @Test
  void aCheckpointSignedByAnotherKeyFails() throws Exception {
    Path dir = copy("other-key");
    Fixture other = Fixture.create(tmp.resolve("other-log"));
    Files.writeString(dir.resolve("bundle/vkey"), other.vkey + "\n");
    assertThat(ReportVerifier.verify(dir).problem()).hasValueSatisfying(p ->
        assertThat(p).startsWith("bundle/checkpoint: does not verify with bundle/vkey"));
  }

  @Test
  void aQuarterlyReportVerifiesAndTamperingIsStillCaughtAndNamed() throws Exception {
    Fixture f = Fixture.create(tmp.resolve("log-2027"), Fixture.intoNextYear());
    // 2026-Q4 and the quarter before: 2026-07-01 to 2026-12-31. Entry 1 (21 May) is the last before, entry 22
    // (4 January 2027) the first after: the range is [1, 23), with entry 0 (the packs in force) as context.
    TransparencyReport r = TransparencyReport.compute(f.reader(), f.key(), QuarterAndYearReportTest.Q4,
        Options.defaults().withThreshold(2).withRules(Fixture.catalog()).withTrendPeriods(1));
    assertThat(r.bundle().first()).isEqualTo(1);
    assertThat(r.bundle().end()).isEqualTo(23);
    assertThat(r.contextEntries()).containsExactly(0L);
    Path q4 = tmp.resolve("report-q4");
    ReportWriter.write(r, q4);
    assertThat(ReportVerifier.verify(q4).problem()).isEmpty();
    assertThat(ReportVerifier.verify(q4).entries()).isEqualTo(23);
    JsonNode original = JSON.readTree(q4.resolve("report.json").toFile());
    int trend = tableIndex(original, "mission-drift-trend");

    // A number of the quarter: PERMIT 6, DENY 3, REFER 1 at threshold 2 hides REFER and DENY, shows PERMIT.
    ObjectNode changed = original.deepCopy();
    ((ArrayNode) changed.path("tables").path(1).path("rows").path(0).path("values")).set(0, 7);
    assertThat(verifyWith(q4, "q4-number", changed)).contains("table requests-by-decision, row PERMIT, column"
        + " requests (report.json $.tables[1].rows[0].values[0]): report.json says 7, the bundle gives 6");
    // A number of the trend: 2026-Q4's ordinary crime, 6 requests (counter-terrorism 1 is hidden, and immigration
    // enforcement 3, the smallest shown, with it). Rows: 2026-Q3's four, then 2026-Q4's; ordinary crime is third.
    changed = original.deepCopy();
    ((ArrayNode) changed.path("tables").path(trend).path("rows").path(6).path("values")).set(0, 5);
    assertThat(verifyWith(q4, "q4-trend", changed)).contains("table mission-drift-trend, row 2026-Q4 / ordinary"
        + " crime, column requests (report.json $.tables[" + trend + "].rows[6].values[0]): report.json says 5, the"
        + " bundle gives 6");
    // Another period of the same range: recomputed as that month, whose kind and days differ from the ones shown.
    changed = original.deepCopy();
    ((ObjectNode) changed.path("period")).put("label", "2026-11");
    assertThat(verifyWith(q4, "q4-label", changed))
        .contains("report.json $.period.kind: report.json says \"quarter\", the bundle gives \"month\"");
    changed = original.deepCopy();
    ((ObjectNode) changed.path("period")).put("lastDay", "2026-12-30");
    assertThat(verifyWith(q4, "q4-last-day", changed)).contains(
        "report.json $.period.lastDay: report.json says \"2026-12-30\", the bundle gives \"2026-12-31\"");
    changed = original.deepCopy();
    ((ObjectNode) changed.path("period")).put("label", "2026-Q5");
    assertThat(verifyWith(q4, "q4-bad-label", changed)).contains("report.json: $.period.label: '2026-Q5': quarter"
        + " 5 is not 1 to 4; give " + Period.FORMS);

    // Every bundled entry, changed in turn; line 1 is entry 0 (context), line i + 1 entry i.
    Path dir = copy(q4, "q4-entries");
    Path file = dir.resolve("bundle/entries.ndjson");
    List<String> lines = Files.readAllLines(q4.resolve("bundle/entries.ndjson"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(23);
    for (int i = 0; i < lines.size(); i++) {
      List<String> edited = new ArrayList<>(lines);
      edited.set(i, lines.get(i).replaceFirst("\"day\":\"20", "\"day\":\"21"));
      Files.write(file, edited, StandardCharsets.UTF_8);
      String expected = "bundle/entries.ndjson line " + (i + 1) + " (entry " + i + "): not in the signed tree";
      assertThat(ReportVerifier.verify(dir).problem()).as("line %d", i + 1).hasValueSatisfying(p ->
          assertThat(p).startsWith(expected));
    }
    // Leaving out entry 22, the one that shows where the quarter ends, is caught.
    List<String> fewer = new ArrayList<>(lines.subList(0, 22));
    Files.write(file, fewer, StandardCharsets.UTF_8);
    ObjectNode proofs = (ObjectNode) JSON.readTree(q4.resolve("bundle/proofs.json").toFile());
    ((ArrayNode) proofs.path("entries")).remove(22);
    Files.writeString(dir.resolve("bundle/proofs.json"), JSON.writeValueAsString(proofs));
    assertThat(ReportVerifier.verify(dir).problem())
        .contains("bundle/entries.ndjson: entry 22 of the range [1, 23) is missing");
  }

  private static int tableIndex(JsonNode report, String id) {
    for (int i = 0; i < report.path("tables").size(); i++) {
      if (report.path("tables").path(i).path("id").asText().equals(id)) {
        return i;
      }
    }
    throw new AssertionError("no table " + id);
  }

  /** The first problem verification finds in a copy of {@code report} whose report.json is {@code json}. */
  private static java.util.Optional<String> verifyWith(Path report, String name, JsonNode json) throws Exception {
    Path dir = copy(report, name);
    Files.writeString(dir.resolve("report.json"), JSON.writeValueAsString(json));
    return ReportVerifier.verify(dir).problem();
  }

  /** Line i of entries.ndjson is entry i (entry 0 is context, then the range from 1 on). */
  private static long indexOf(int line) {
    return line;
  }

  private static void numbers(JsonNode n, String path, List<String> out) {
    if (n.isNumber()) {
      out.add(path);
    } else if (n.isObject()) {
      n.fieldNames().forEachRemaining(f -> numbers(n.get(f), path + "." + f, out));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        numbers(n.get(i), path + "[" + i + "]", out);
      }
    }
  }

  /** Adds 1 to the number at {@code path}; returns the new value. */
  private static JsonNode bump(JsonNode root, String path) {
    List<String> steps = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.([A-Za-z]+)|\\[(\\d+)]").matcher(path);
    while (m.find()) {
      steps.add(m.group(1) != null ? m.group(1) : "#" + m.group(2));
    }
    JsonNode parent = root;
    for (int i = 0; i < steps.size() - 1; i++) {
      String s = steps.get(i);
      parent = s.startsWith("#") ? parent.get(Integer.parseInt(s.substring(1))) : parent.get(s);
    }
    String last = steps.getLast();
    if (last.startsWith("#")) {
      ArrayNode a = (ArrayNode) parent;
      int i = Integer.parseInt(last.substring(1));
      a.set(i, a.numberNode(a.get(i).decimalValue().add(java.math.BigDecimal.ONE)));
      return a.get(i);
    }
    ObjectNode o = (ObjectNode) parent;
    o.put(last, o.get(last).decimalValue().add(java.math.BigDecimal.ONE));
    return o.get(last);
  }
}
