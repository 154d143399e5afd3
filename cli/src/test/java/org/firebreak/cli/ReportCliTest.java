package org.firebreak.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firebreak.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.firebreak.cli.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** firebreak report and report verify on a log made with the ledger commands. */
class ReportCliTest {
  @TempDir
  Path tmp;

  private static String decision(String day, String component, String purpose, String effective, String decision,
      int records) {
    return "{\"caseNumberGiven\":true,\"commitment\":\"Y29tbWl0bWVudA==\",\"day\":\"" + day + "\",\"decision\":\""
        + decision + "\",\"effectivePurposes\":[" + effective + "],\"legalProcess\":\"NONE\",\"packs\":[],"
        + "\"purpose\":\"" + purpose + "\",\"releasedRecords\":" + records + ",\"requester\":{\"agency\":\"a\","
        + "\"component\":\"" + component + "\",\"jurisdiction\":\"US-CA\",\"level\":\"LOCAL\"},\"sources\":[],"
        + "\"taskForces\":[],\"type\":\"decision\",\"v\":1}";
  }

  /** Three November requests: two PERMIT (violent crime, 2 + 1 records), one DENY (immigration). */
  private Path log(String... extra) throws Exception {
    Path dir = tmp.resolve("log");
    Run init = run("ledger", "init", "--dir", dir.toString(), "--origin", "test.example/log");
    assertThat(init.exit()).as(init.err()).isZero();
    List<String> lines = new java.util.ArrayList<>(List.of(
        decision("2026-10-31", "POLICE", "VIOLENT_CRIME", "\"VIOLENT_CRIME\"", "PERMIT", 1),
        decision("2026-11-02", "POLICE", "VIOLENT_CRIME", "\"VIOLENT_CRIME\"", "PERMIT", 2),
        decision("2026-11-03", "POLICE", "VIOLENT_CRIME", "\"VIOLENT_CRIME\"", "PERMIT", 1),
        decision("2026-11-04", "SHERIFF", "OTHER", "\"OTHER\",\"CIVIL_IMMIGRATION_ENFORCEMENT\"", "DENY", 0)));
    lines.addAll(List.of(extra));
    Path in = Files.write(tmp.resolve("entries.ndjson"), lines);
    Run append = run("ledger", "append", "--dir", dir.toString(), "--file", in.toString());
    assertThat(append.exit()).as(append.err()).isZero();
    return dir;
  }

  @Test
  void writesAReportThatVerifiesAndCatchesAChangedNumber() throws Exception {
    Path log = log();
    Path out = tmp.resolve("out");
    Run r = run("report", "--data", log.toString(), "--period", "2026-11", "--out", out.toString(), "--min-cell",
        "1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("firebreak report 2026-11 (2026-11-01 to 2026-11-30): 3 requests, from the ledger"
        + " test.example/log at 4 entries");
    for (String f : List.of("report.html", "report.pdf", "report.json", "tables/mission-drift.csv",
        "bundle/checkpoint", "bundle/vkey", "bundle/entries.ndjson", "bundle/proofs.json", "bundle/VERIFY.md")) {
      assertThat(out.resolve(f)).isRegularFile();
    }
    // 2 of 3 requests ordinary crime (3 records), 1 immigration enforcement (0 records).
    assertThat(Files.readString(out.resolve("tables/mission-drift.csv"))).isEqualTo("""
        mission,requests,"share of requests (%)","records released","share of records released (%)"
        "immigration enforcement",1,33.3,0,0.0
        counter-terrorism,0,0.0,0,0.0
        "ordinary crime",2,66.7,3,100.0
        other,0,0.0,0,0.0
        total,3,100.0,3,100.0
        """);

    Run v = run("report", "verify", out.toString());
    assertThat(v.exit()).as(v.err()).isZero();
    assertThat(v.out()).startsWith("ok: checkpoint signature, 4 entries");

    // The first total of 3 in report.json is that of the first table: the month's 3 ledger entries.
    Path json = out.resolve("report.json");
    Files.writeString(json, Files.readString(json).replace("\"totals\" : [ {\n      \"labels\" : [ \"total\" ],\n"
        + "      \"values\" : [ 3 ]", "\"totals\" : [ {\n      \"labels\" : [ \"total\" ],\n      \"values\" : [ 4 ]"));
    Run bad = run("report", "verify", out.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).isEqualTo("firebreak: report verify: table ledger-entries, totals row total, column entries"
        + " (report.json $.tables[0].totals[0].values[0]): report.json says 4, the bundle gives 3\n");
  }

  @Test
  void aQuarterAndAYear() throws Exception {
    Path log = log();
    Path out = tmp.resolve("q4");
    // The four requests of 31 October to 4 November are all in 2026-Q4; the trend's quarter before is empty.
    Run q = run("report", "--data", log.toString(), "--period", "2026-Q4", "--out", out.toString(), "--min-cell",
        "1", "--trend-periods", "1");
    assertThat(q.exit()).as(q.err()).isZero();
    assertThat(q.out()).isEqualTo("firebreak report 2026-Q4 (2026-10-01 to 2026-12-31): 4 requests, from the ledger"
        + " test.example/log at 4 entries (4 bundled with proofs)\n"
        + "  open " + out.resolve("report.html") + " (also report.pdf, report.json, tables/*.csv)\n"
        + "  check it: firebreak report verify " + out + "\n");
    // 3 of 4 ordinary crime (1 + 2 + 1 records), 1 immigration enforcement.
    assertThat(Files.readString(out.resolve("tables/mission-drift.csv"))).isEqualTo("""
        mission,requests,"share of requests (%)","records released","share of records released (%)"
        "immigration enforcement",1,25.0,0,0.0
        counter-terrorism,0,0.0,0,0.0
        "ordinary crime",3,75.0,4,100.0
        other,0,0.0,0,0.0
        total,4,100.0,4,100.0
        """);
    List<String> trend = Files.readAllLines(out.resolve("tables/mission-drift-trend.csv"));
    assertThat(trend.get(0)).startsWith("quarter,mission,");
    assertThat(trend).contains("2026-Q3,\"immigration enforcement\",0,n/a,0,n/a", "2026-Q3,total,0,n/a,0,n/a",
        "2026-Q4,total,4,100.0,4,100.0");
    JsonNode period = new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("period");
    assertThat(period.toString()).isEqualTo("{\"label\":\"2026-Q4\",\"kind\":\"quarter\","
        + "\"firstDay\":\"2026-10-01\",\"lastDay\":\"2026-12-31\"}");
    Run v = run("report", "verify", out.toString());
    assertThat(v.exit()).as(v.err()).isZero();
    // The quarter's PERMIT count (3) changed to 2: named.
    Path csv = out.resolve("report.json");
    JsonNode json = new ObjectMapper().readTree(csv.toFile());
    ((com.fasterxml.jackson.databind.node.ArrayNode) json.path("tables").path(1).path("rows").path(0)
        .path("values")).set(0, 2);
    Files.writeString(csv, new ObjectMapper().writeValueAsString(json));
    Run bad = run("report", "verify", out.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).isEqualTo("firebreak: report verify: table requests-by-decision, row PERMIT, column"
        + " requests (report.json $.tables[1].rows[0].values[0]): report.json says 2, the bundle gives 3\n");

    // The year, with the old name of the trend option: 2025 before 2026.
    Path year = tmp.resolve("y2026");
    Run y = run("report", "--data", log.toString(), "--period", "2026", "--out", year.toString(), "--min-cell", "1",
        "--trend-months", "1");
    assertThat(y.exit()).as(y.err()).isZero();
    assertThat(y.out()).startsWith("firebreak report 2026 (2026-01-01 to 2026-12-31): 4 requests");
    List<String> years = Files.readAllLines(year.resolve("tables/mission-drift-trend.csv"));
    assertThat(years.get(0)).startsWith("year,mission,");
    assertThat(years).contains("2025,total,0,n/a,0,n/a", "2026,total,4,100.0,4,100.0");
    assertThat(run("report", "verify", year.toString()).exit()).isZero();
  }

  @Test
  void aServeDataDirectoryNeedsTheVerifierKey() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(data);
    Path log = log();
    Files.move(log, data.resolve("ledger"));
    String vkey = Files.readString(data.resolve("ledger/ledger.properties")).lines()
        .filter(l -> l.startsWith("vkey=")).findFirst().orElseThrow().substring(5).replace("\\", "");
    Files.delete(data.resolve("ledger/ledger.properties")); // as firebreak serve lays it out: no properties
    Run missing = run("report", "--data", data.toString(), "--period", "2026-11", "--out", tmp.resolve("o1")
        .toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("firebreak: invalid-input: --vkey: $: missing").doesNotContain("\tat ");
    Run ok = run("report", "--data", data.toString(), "--period", "2026-11", "--out", tmp.resolve("o2").toString(),
        "--vkey", vkey);
    assertThat(ok.exit()).as(ok.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(tmp.resolve("o2/report.json").toFile());
    // Default threshold 5: 2 PERMIT and 1 DENY are all small; the total of 3 is small too.
    assertThat(report.path("tables").path(1).path("totals").path(0).path("values").path(0).asText())
        .isEqualTo("suppressed");
  }

  @Test
  void badInputIsOneLineWithExitTwo() throws Exception {
    // Each bad period: one line naming --period, what is wrong and the three accepted forms; exit 2.
    String forms = "give YYYY-MM (a month), YYYY-Qn (a quarter, n = 1 to 4) or YYYY (a year)\n";
    for (String[] bad : new String[][] {{"2026-13", "'2026-13': month 13 is not 01 to 12; "},
        {"2026-Q5", "'2026-Q5': quarter 5 is not 1 to 4; "}, {"2026-Q0", "'2026-Q0': quarter 0 is not 1 to 4; "},
        {"26", "'26' is not a period: "}, {"", "'' is not a period: "}, {"2026-q1", "'2026-q1' is not a period: "}}) {
      Run period = run("report", "--data", tmp.toString(), "--period", bad[0]);
      assertThat(period.exit()).as(bad[0]).isEqualTo(2);
      assertThat(period.err()).as(bad[0]).isEqualTo("firebreak: invalid-input: --period: $: " + bad[1] + forms);
    }
    Run early = run("report", "--data", tmp.toString(), "--period", "0001-Q2", "--trend-periods", "2");
    assertThat(early.exit()).isEqualTo(2);
    assertThat(early.err()).isEqualTo("firebreak: invalid-input: --trend-periods: $: 2 quarters before 0001-Q2 start"
        + " before year 1\n");

    Path log = log("{\"day\":\"2026-11-05\",\"type\":\"decision\",\"v\":1,\"requester\":{\"level\":\"LOCAL\","
        + "\"component\":\"POLICEE\"}}");
    Run entry = run("report", "--data", log.toString(), "--period", "2026-11", "--out", tmp.resolve("o").toString());
    assertThat(entry.exit()).isEqualTo(2);
    assertThat(entry.err()).startsWith("firebreak: invalid-input: ledger entry 4: $.").endsWith("\n")
        .hasLineCount(1);

    Run noLog = run("report", "--data", tmp.resolve("nothing").toString(), "--period", "2026-11");
    assertThat(noLog.exit()).isEqualTo(2);
    assertThat(noLog.err()).startsWith("firebreak: ledger: ").contains("no ledger here").hasLineCount(1);

    Run verifyMissing = run("report", "verify", tmp.resolve("nothing").toString());
    assertThat(verifyMissing.exit()).isEqualTo(2);
    assertThat(verifyMissing.err()).startsWith("firebreak: unreadable-file: ").hasLineCount(1);
  }
}
