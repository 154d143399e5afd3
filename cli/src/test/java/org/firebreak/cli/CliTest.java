package org.firebreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The firebreak command line, run in-process with real files. */
class CliTest {
  @TempDir
  Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  // The DESIGN.md example request (ICE ERO relabelling an administrative-warrant request as counter-terrorism),
  // kept once in the repository's examples/.
  static final String DESIGN_EXAMPLE = readExample("ice-relabelled-as-counterterrorism.json");

  static String readExample(String name) {
    try {
      return Files.readString(Path.of("..", "examples", name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void versionAndHelp() {
    Run v = run("--version");
    assertThat(v.exit()).isZero();
    assertThat(v.out()).startsWith("firebreak ");
    Run h = run("--help");
    assertThat(h.exit()).isZero();
    assertThat(h.out()).contains("policy");
  }

  @Test
  void evalPrintsTheDecisionOfTheDesignExample() throws Exception {
    Run r = run("policy", "eval", "--request", write("req.json", DESIGN_EXAMPLE).toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode d = new ObjectMapper().readTree(r.out());
    // DESIGN.md: an ICE ERO request relabelled as counter-terrorism, with an I-200, for California DMV data:
    // the Values Act withholds all three categories and the decision names the rule.
    assertThat(d.get("decision").asText()).isEqualTo("DENY");
    assertThat(d.get("effectivePurposes").toString()).contains("COUNTERTERRORISM", "CIVIL_IMMIGRATION_ENFORCEMENT");
    JsonNode src = d.get("sources").get(0);
    assertThat(src.get("released")).isEmpty();
    assertThat(src.get("withheld").toString()).contains("dmv.record", "dmv.photo", "address.home");
    assertThat(src.get("rules").toString()).contains("\"pack\":\"us-ca\"", "7284.6(a)(1)(D)");
    assertThat(d.get("packs").get(0).get("digest").asText()).startsWith("sha256:");
  }

  @Test
  void explainSaysWhy() throws Exception {
    Run r = run("policy", "explain", "--request", write("req.json", DESIGN_EXAMPLE).toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Decision: DENY").contains("because requester component ICE_ERO")
        .contains("address.home: withheld");
  }

  @Test
  void malformedJsonIsOneLineNamingTheFileAndPlace() throws Exception {
    Path f = write("broken.json", "{\"requester\": {\n  \"id\": \"u\",,\n}");
    Run r = run("policy", "eval", "--request", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).doesNotContain("\n").contains(f.toString()).contains("malformed JSON at line 2")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void anUnknownValueNamesItsJsonPath() throws Exception {
    Path f = write("bad.json", DESIGN_EXAMPLE.replace("\"kind\": \"DMV\"", "\"kind\": \"DMVV\""));
    Run r = run("policy", "eval", "--request", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n")
        .contains("invalid-input").contains(f + ": $.sources[0].kind: unknown value 'DMVV'");
  }

  @Test
  void aMissingFieldNamesItsJsonPath() throws Exception {
    Path f = write("bad.json", DESIGN_EXAMPLE.replace("\"purpose\": \"COUNTERTERRORISM\",", ""));
    Run r = run("policy", "eval", "--request", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("$.purpose: is required");
  }

  @Test
  void wrongShapesAreDescribedInWordsNotJavaTypes() throws Exception {
    Run array = run("policy", "eval", "--request", write("a.json", "[]").toString());
    assertThat(array.err()).contains("$: expected an object").doesNotContain("org.firebreak");
    Run empty = run("policy", "eval", "--request", write("e.json", "").toString());
    assertThat(empty.err()).contains("$: the document is empty");
    Run time = run("policy", "eval", "--request",
        write("t.json", DESIGN_EXAMPLE.replace("2026-11-20T10:00:00Z", "yesterday")).toString());
    assertThat(time.err()).contains("$.time: expected a timestamp").contains("got 'yesterday'")
        .doesNotContain("java.time");
    Run binary = run("policy", "eval", "--request",
        Files.write(dir.resolve("b.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b}).toString());
    assertThat(binary.err()).contains("is not UTF-8 text");
    for (Run r : List.of(array, empty, time, binary)) {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err().strip()).doesNotContain("\n");
    }
  }

  @Test
  void aMissingFileIsOneLine() {
    Run r = run("policy", "eval", "--request", dir.resolve("nope.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("nope.json: cannot be read");
  }

  @Test
  void anUnknownOptionIsOneLine() {
    Run r = run("policy", "eval", "--request", "x.json", "--requets", "x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("--requets");
  }

  @Test
  void theShippedPacksPassTheirTests() {
    Run r = run("policy", "test");
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out().strip()).matches("(?s).*^\\d+ passed, 0 failed$");
  }

  @Test
  void aFailingPackTestIsReportedAndExitsOne() throws Exception {
    Path packs = Files.createDirectory(dir.resolve("packs"));
    Files.writeString(packs.resolve("p.yaml"), """
        id: p
        title: P
        version: 1.0.0
        jurisdiction: US
        sourcesOfLaw: [test]
        rules:
          - id: all
            citation: Test § 1
            summary: permit everything
            confidence: confirmed
            effect: permit
        fixtures:
          agencies:
            sfpd: {id: sfpd, name: SFPD, level: LOCAL, component: POLICE, jurisdiction: US-CA-SF}
          sources:
            dmv: {id: dmv, kind: DMV, jurisdiction: US-CA, categories: [dmv.record]}
        tests:
          - name: permitted
            request: {requester: {agency: sfpd}, purpose: OTHER, sources: [dmv]}
            expect: {decision: PERMIT, rules: [all]}
          - name: wrongly expects a denial
            request: {requester: {agency: sfpd}, purpose: OTHER, sources: [dmv]}
            expect: {decision: DENY}
        """);
    Run r = run("policy", "test", packs.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL " + packs.resolve("p.yaml") + ":21 p: wrongly expects a denial: decision is"
        + " PERMIT, expected DENY");
    assertThat(r.out().strip()).endsWith("1 passed, 1 failed");
  }

  @Test
  void aTestNamingAnUnknownFixtureIsRefusedWithItsLine() throws Exception {
    Path packs = Files.createDirectory(dir.resolve("packs"));
    Files.writeString(packs.resolve("p.yaml"), """
        id: p
        title: P
        version: 1.0.0
        jurisdiction: US
        sourcesOfLaw: [test]
        rules: []
        tests:
          - name: t
            request:
              requester: {agency: nobody}
              purpose: OTHER
              sources: []
            expect: {decision: DENY}
        """);
    Run r = run("policy", "test", packs.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("p.yaml:10:").contains("no agency fixture 'nobody'");
  }

  @Test
  void lintAcceptsGoodPacksAndRefusesBadOnesWithTheirLine() throws Exception {
    Path good = write("good.yaml", "id: g\ntitle: G\nversion: 1.0.0\njurisdiction: US\nsourcesOfLaw: [x]\n"
        + "rules:\n  - id: a\n    citation: c\n    summary: s\n    confidence: confirmed\n    effect: permit\n");
    Path bad = write("bad.yaml", "id: b\ntitle: B\nversion: 1.0.0\njurisdiction: US\nsourcesOfLaw: [x]\n"
        + "rules:\n  - id: a\n    summary: s\n    confidence: confirmed\n    effect: permit\n");
    Run r = run("policy", "lint", good.toString(), bad.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("ok " + good + ": g 1.0.0, 1 rules, 0 tests");
    assertThat(r.err()).contains(bad + ":7: $.rules[0].citation: is required");
  }

  @Test
  void coverageListsEveryShippedRuleWithItsTestsBothWays() {
    Run r = run("policy", "coverage");
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("us-ny\n  ny-green-light-immigration-agencies: fires in ")
        .contains("      fires     us-ny: ICE ERO asks New York DMV for a photo and address with an I-200, and the"
            + " person is notified");
    assertThat(r.out().strip()).endsWith("62 rules, 62 covered both ways, 0 missing");
  }

  @Test
  void coverageNamesARuleWithoutBothKindsOfTestAndExitsOne() throws Exception {
    Path packs = Files.createDirectory(dir.resolve("packs"));
    Files.writeString(packs.resolve("p.yaml"), """
        id: p
        title: P
        version: 1.0.0
        jurisdiction: US
        sourcesOfLaw: [test]
        rules:
          - id: all
            citation: Test § 1
            summary: permit everything
            confidence: confirmed
            effect: permit
        fixtures:
          agencies:
            sfpd: {id: sfpd, name: SFPD, level: LOCAL, component: POLICE, jurisdiction: US-CA-SF}
          sources:
            dmv: {id: dmv, kind: DMV, jurisdiction: US-CA, categories: [dmv.record]}
        tests:
          - name: permitted
            request: {requester: {agency: sfpd}, purpose: OTHER, sources: [dmv]}
            expect: {decision: PERMIT, rules: [all]}
        """);
    Run r = run("policy", "coverage", packs.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("  all: fires in 1, must not in 0  MISSING no test where it must not fire")
        .contains("MISSING p/all: no test where it must not fire");
    assertThat(r.out().strip()).endsWith("1 rules, 0 covered both ways, 1 missing");
  }

  @Test
  void tablePrintsTheGeneratedTableAndRewritesAReadme() throws Exception {
    Run r = run("policy", "table");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("<!-- policy table: begin")
        .contains("| US-NY | us-ny | `ny-green-light-notify-subject` | obligate | DMV | all | — |"
            + " NOTIFY_SUBJECT (upon request) | confirmed | 2019-12-14 |");
    Path readme = write("README.md", "# Packs\n\n<!-- policy table: begin (generated by `firebreak policy table`;"
        + " do not edit) -->\nstale\n<!-- policy table: end -->\n\nmore text\n");
    Run w = run("policy", "table", "--readme", readme.toString());
    assertThat(w.exit()).as(w.err()).isZero();
    assertThat(Files.readString(readme)).isEqualTo("# Packs\n\n" + r.out() + "\nmore text\n");
  }

  @Test
  void tableRefusesAReadmeWithoutMarkersInOneLine() throws Exception {
    Path readme = write("README.md", "# no markers\n");
    Run r = run("policy", "table", "--readme", readme.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains(readme.toString()).contains("has no table markers");
    assertThat(Files.readString(readme)).isEqualTo("# no markers\n");
  }

  @Test
  void listShowsPacksRulesAndCitations() {
    Run r = run("policy", "list");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).containsPattern("(?m)^us-ca \\S+ sha256:[0-9a-f]{64} \\[US-CA\\]")
        .contains("Cal. Gov. Code");
  }
}
