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
    Path to = tmp.resolve(name);
    try (var files = Files.walk(out)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(out.relativize(p).toString());
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
