package org.firebreak.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firebreak.report.TransparencyReportTest.lines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the fourth quarter of 2026 (trend: the two quarters before) and of the year 2026 (trend: the five
 * years before) on {@link Fixture#intoNextYear()}, every number worked out by hand from the entry list in
 * {@link Fixture}. Threshold 1 suppresses nothing. What differs from November ({@link TransparencyReportTest}):
 * the quarter adds October (2: ordinary crime, DMV released dmv.record, 2 records; 3: ICE relabelled as
 * counter-terrorism, DMV withheld dmv.record under the personal-info rule, named by id only) and December (19, 20:
 * ordinary crime, DMV released dmv.record, 1 record each; 21: a flag); the year adds May (0: packs announced; 1:
 * ordinary crime, DMV released dmv.record, 1 record) to the quarter.
 */
class QuarterAndYearReportTest {
  static final Period Q4 = Period.parse("2026-Q4");
  static final Period Y2026 = Period.parse("2026");
  @TempDir
  static Path tmp;
  static Fixture fixture;
  static TransparencyReport quarter;
  static TransparencyReport year;

  @BeforeAll
  static void compute() throws Exception {
    fixture = Fixture.create(tmp.resolve("log"), Fixture.intoNextYear());
    Options options = Options.defaults().withThreshold(1).withRules(Fixture.catalog());
    quarter = TransparencyReport.compute(fixture.reader(), fixture.key(), Q4, options.withTrendPeriods(2));
    year = TransparencyReport.compute(fixture.reader(), fixture.key(), Y2026, options);
  }

  // ---- the quarter: entries 2 to 21 ----

  @Test
  void quarterLedgerEntriesAndDecisions() {
    // Decisions 2, 3, 5, 6, 7, 8, 9, 13, 19, 20; flags 14 to 18 and 21; packs 4, 12; rejected 10; review 11.
    assertThat(lines(quarter.table("ledger-entries"))).containsExactly(
        "decision = 10", "flag = 6", "packs = 2", "rejected = 1", "review = 1", "total = 20");
    // PERMIT 2, 5, 6, 13, 19, 20; DENY 3, 7, 8; REFER 9.
    assertThat(lines(quarter.table("requests-by-decision"))).containsExactly(
        "PERMIT = 6", "DENY = 3", "REFER = 1", "total = 10");
    // ICE_ERO 3, 7; STATE_POLICE 13; POLICE 2, 5, 6, 9, 19, 20; SHERIFF 8.
    assertThat(lines(quarter.table("requests-by-requester"))).containsExactly(
        "FEDERAL / ICE_ERO = 2", "STATE / STATE_POLICE = 1", "LOCAL / POLICE = 6", "LOCAL / SHERIFF = 1",
        "total = 10");
  }

  @Test
  void quarterPurposesAndLegalProcess() {
    // Declared: COUNTERTERRORISM 3, 7, 9; VIOLENT_CRIME 2, 5, 19, 20; PROPERTY_CRIME 6; NARCOTICS 13; OTHER 8.
    assertThat(lines(quarter.table("requests-by-declared-purpose"))).containsExactly(
        "COUNTERTERRORISM = 3", "VIOLENT_CRIME = 4", "PROPERTY_CRIME = 1", "NARCOTICS = 1", "OTHER = 1",
        "total = 10");
    // Effective: CIVIL_IMMIGRATION 3, 7, 8; COUNTERTERRORISM 3, 7, 9; and the declared crimes and OTHER as above.
    assertThat(lines(quarter.table("requests-by-effective-purpose"))).containsExactly(
        "CIVIL_IMMIGRATION_ENFORCEMENT = 3", "COUNTERTERRORISM = 3", "VIOLENT_CRIME = 4", "PROPERTY_CRIME = 1",
        "NARCOTICS = 1", "OTHER = 1", "total = 10");
    // NONE 6, 8, 9; ADMINISTRATIVE_WARRANT 3, 7; JUDICIAL_WARRANT 2, 5, 19, 20; COURT_ORDER 13.
    assertThat(lines(quarter.table("requests-by-legal-process"))).containsExactly(
        "NONE = 3", "ADMINISTRATIVE_WARRANT = 2", "JUDICIAL_WARRANT = 4", "COURT_ORDER = 1", "total = 10");
    // October and December add no proxy and no task-force request.
    assertThat(lines(quarter.table("proxy-requests"))).containsExactly("SHERIFF / FEDERAL / ICE_ERO = 1",
        "total = 1");
    assertThat(lines(quarter.table("task-force-requests"))).containsExactly("JTTF = 1", "287G = 1", "total = 2");
  }

  @Test
  void quarterDataAndRecordsBySource() {
    // dmv.record released by 2, 5, 19, 20 and withheld by 3 and 7; the rest as in November.
    assertThat(lines(quarter.table("data-by-source"))).containsExactly(
        "DMV / dmv.record / yes = 4, 2, 0",
        "DMV / dmv.photo / yes = 1, 0, 0",
        "DMV / dmv.source_documents / yes = 1, 0, 1",
        "DMV / address.home / yes = 0, 1, 0",
        "ALPR / alpr.read / yes = 1, 0, 0",
        "SCHOOL / education.record / yes = 1, 0, 0",
        "UTILITY / utility.account / yes = 0, 1, 0",
        "POLICE_RECORDS / criminal_history / no = 1, 0, 0",
        "JAIL_BOOKING / custody.release_date / no = 0, 1, 0",
        "total = 9, 5, 1");
    // DMV: 2 (entry 2, version 1 but one source) + 1 (5) + 1 (review 11) + 1 (19) + 1 (20) = 6; ALPR 3; school 4;
    // police records 2. 15 = Mission drift's records released.
    assertThat(lines(quarter.table("records-by-source"))).containsExactly(
        "DMV / yes = 6", "ALPR / yes = 3", "SCHOOL / yes = 4", "POLICE_RECORDS / no = 2", "total = 15");
    // DMV released for ordinary crime in 2, 5, 19, 20; withheld for immigration in 3 and 7.
    List<String> expected = new ArrayList<>();
    for (String kind : List.of("DMV", "ALPR", "SCHOOL", "UTILITY")) {
      for (String mission : List.of("immigration enforcement", "counter-terrorism", "ordinary crime", "other")) {
        String cells = switch (kind + "/" + mission) {
          case "DMV/immigration enforcement" -> "0, 2";
          case "DMV/ordinary crime" -> "4, 0";
          case "ALPR/ordinary crime", "SCHOOL/ordinary crime" -> "1, 0";
          case "UTILITY/immigration enforcement" -> "0, 1";
          default -> "0, 0";
        };
        expected.add(kind + " / " + mission + " = " + cells);
      }
    }
    expected.add("total = 6, 3");
    assertThat(lines(quarter.table("non-criminal-sources-by-mission"))).containsExactlyElementsOf(expected);
  }

  /** Entry 3 names its rule by id only: its effect and citation come from the catalog (digest A is in the log). */
  static final List<String> WITHHELD_BY_RULE = List.of(
      "us-ca/ca-values-act-personal-info / forbid / Cal. Gov. Code § 7284.6(a)(1)(D) = 3, 0",
      "us-ca/ca-values-act-release-dates / forbid / Cal. Gov. Code § 7284.6(a)(1)(C) = 1, 0",
      "us-ca/dmv-source-docs-refer / refer / Cal. Veh. Code § 12800.7 = 0, 1",
      "total = 4, 1");

  @Test
  void quarterRulesReviewsRejectedAndFlags() {
    // personal-info withheld at 3's DMV, 7's DMV and 7's utility; sources with something withheld: those and 8.
    assertThat(lines(quarter.table("withheld-by-rule"))).containsExactlyElementsOf(WITHHELD_BY_RULE);
    assertThat(lines(quarter.table("auditor-reviews"))).containsExactly("PERMIT = 1, 1", "DENY = 0, 0",
        "total = 1, 1");
    assertThat(lines(quarter.table("referrals-by-rule"))).containsExactly(
        "us-ca/dmv-source-docs-refer / Cal. Veh. Code § 12800.7 / PERMIT = 1", "total = 1");
    assertThat(lines(quarter.table("rejected-requests"))).containsExactly("FEDERAL / not-found = 1", "total = 1");
    // November's five and 21 (immigration-agency HIGH, 2 December): counted in the quarter.
    assertThat(lines(quarter.table("flags-by-detector"))).containsExactly(
        "immigration-agency / HIGH = 2",
        "immigration-agency / MEDIUM = 1",
        "missing-case-number / LOW = 1",
        "relay / MEDIUM = 1",
        "task-force / HIGH = 1",
        "total = 6");
  }

  /** Requests: immigration 3, 7, 8; counter-terrorism 9; ordinary 2, 5, 6, 13, 19, 20. */
  static final List<String> Q4_DRIFT = List.of(
      // 3/10, 1/10, 6/10; records: ordinary 2 + 1 + 3 + 6 + 1 + 1 = 14, counter-terrorism 1 (the review of 9):
      // 1/15 = 6.67 -> 6.7 %, 14/15 = 93.33 -> 93.3 %.
      "immigration enforcement = 3, 30.0, 0, 0.0",
      "counter-terrorism = 1, 10.0, 1, 6.7",
      "ordinary crime = 6, 60.0, 14, 93.3",
      "other = 0, 0.0, 0, 0.0",
      "total = 10, 100.0, 15, 100.0");

  @Test
  void quarterMissionDrift() {
    assertThat(lines(quarter.table("mission-drift"))).containsExactlyElementsOf(Q4_DRIFT);
  }

  @Test
  void quarterTrendIsOverThePreviousQuarters() {
    Table t = quarter.table("mission-drift-trend");
    assertThat(t.title()).isEqualTo("Mission drift over the last quarters");
    assertThat(t.labelColumns()).containsExactly("quarter", "mission");
    // 2026-Q2 (April to June): entry 1 of 21 May, ordinary crime, 1 record. 2026-Q3: nothing, shares of nothing.
    List<String> expected = new ArrayList<>(List.of(
        "2026-Q2 / immigration enforcement = 0, 0.0, 0, 0.0",
        "2026-Q2 / counter-terrorism = 0, 0.0, 0, 0.0",
        "2026-Q2 / ordinary crime = 1, 100.0, 1, 100.0",
        "2026-Q2 / other = 0, 0.0, 0, 0.0",
        "2026-Q3 / immigration enforcement = 0, n/a, 0, n/a",
        "2026-Q3 / counter-terrorism = 0, n/a, 0, n/a",
        "2026-Q3 / ordinary crime = 0, n/a, 0, n/a",
        "2026-Q3 / other = 0, n/a, 0, n/a"));
    Q4_DRIFT.subList(0, 4).forEach(l -> expected.add("2026-Q4 / " + l));
    expected.addAll(List.of("2026-Q2 / total = 1, 100.0, 1, 100.0", "2026-Q3 / total = 0, n/a, 0, n/a",
        "2026-Q4 / " + Q4_DRIFT.get(4)));
    assertThat(lines(t)).containsExactlyElementsOf(expected);
  }

  @Test
  void quarterPacksInForce() {
    // In force on 1 October: entry 0. Entry 4 repeats it; entry 12 changes us-ca.
    assertThat(lines(quarter.table("packs-in-force"))).containsExactly(
        "2026-05-20 / us-ca / 2026.9.0 / " + Fixture.A + " / in force at the start of the period = ",
        "2026-05-20 / us-federal-floor / 1.0 / " + Fixture.B + " / in force at the start of the period = ",
        "2026-11-20 / us-ca / 2026.11.0 / " + Fixture.C + " / changed from 2026.9.0 " + Fixture.A + " = ",
        "2026-11-20 / us-federal-floor / 1.0 / " + Fixture.B + " / unchanged = ");
  }

  @Test
  void quarterBundleSpansTheTrendsQuarters() {
    // Days covered: 2026-04-01 (Q2) to 2026-12-31. Entry 0 (20 May) is in them, so the range starts at the log's
    // first entry; entry 22 (4 January 2027) is the first after: the range is [0, 23), no context.
    assertThat(quarter.bundle().treeSize()).isEqualTo(24);
    assertThat(quarter.bundle().first()).isZero();
    assertThat(quarter.bundle().end()).isEqualTo(23);
    assertThat(quarter.contextEntries()).isEmpty();
    assertThat(quarter.bundle().entries()).hasSize(23);
    assertThat(quarter.bundle().rules().rules()).containsOnlyKeys(Fixture.PERSONAL_INFO);
  }

  @Test
  void quarterJsonHtmlAndPdfNameThePeriod() throws Exception {
    Path out = tmp.resolve("q4");
    ReportWriter.write(quarter, out);
    String json = Files.readString(out.resolve(ReportWriter.JSON));
    assertThat(json).contains("\"period\" : {\n    \"label\" : \"2026-Q4\",\n    \"kind\" : \"quarter\",\n"
        + "    \"firstDay\" : \"2026-10-01\",\n    \"lastDay\" : \"2026-12-31\"\n  }");
    String html = Files.readString(out.resolve(ReportWriter.HTML));
    assertThat(html).contains("<title>Firebreak transparency report 2026-Q4</title>",
        "<h1>Firebreak transparency report: 2026-Q4</h1>",
        "<p class=\"period\">A quarter: every entry dated 2026-10-01 to 2026-12-31 counts; the mission-drift trend"
            + " adds the 2 quarters before, from 2026-04-01.</p>",
        "Share of requests by what they served, quarter by quarter (suppressed quarters are gaps).");
    String verify = Files.readString(out.resolve("bundle/VERIFY.md"));
    assertThat(verify).contains("report for 2026-Q4 (a quarter: the entries dated 2026-10-01\nto 2026-12-31)",
        "(2026-04-01 to 2026-12-31: the quarter and the\n   2 quarters before it",
        "The entries from index 0 up to (not including) 23");
    try (PDDocument pdf = Loader.loadPDF(out.resolve(ReportWriter.PDF).toFile())) {
      assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("Firebreak transparency report 2026-Q4");
    }
    assertThat(ReportVerifier.verify(out).problem()).isEmpty();
  }

  // ---- the year: entries 0 to 21 ----

  @Test
  void yearLedgerEntriesRequestsAndPurposes() {
    // The quarter's, with packs 0 and decision 1 (LOCAL POLICE, VIOLENT_CRIME, JUDICIAL_WARRANT, PERMIT).
    assertThat(lines(year.table("ledger-entries"))).containsExactly(
        "decision = 11", "flag = 6", "packs = 3", "rejected = 1", "review = 1", "total = 22");
    assertThat(lines(year.table("requests-by-decision"))).containsExactly(
        "PERMIT = 7", "DENY = 3", "REFER = 1", "total = 11");
    assertThat(lines(year.table("requests-by-requester"))).containsExactly(
        "FEDERAL / ICE_ERO = 2", "STATE / STATE_POLICE = 1", "LOCAL / POLICE = 7", "LOCAL / SHERIFF = 1",
        "total = 11");
    assertThat(lines(year.table("requests-by-declared-purpose"))).containsExactly(
        "COUNTERTERRORISM = 3", "VIOLENT_CRIME = 5", "PROPERTY_CRIME = 1", "NARCOTICS = 1", "OTHER = 1",
        "total = 11");
    assertThat(lines(year.table("requests-by-effective-purpose"))).containsExactly(
        "CIVIL_IMMIGRATION_ENFORCEMENT = 3", "COUNTERTERRORISM = 3", "VIOLENT_CRIME = 5", "PROPERTY_CRIME = 1",
        "NARCOTICS = 1", "OTHER = 1", "total = 11");
    assertThat(lines(year.table("requests-by-legal-process"))).containsExactly(
        "NONE = 3", "ADMINISTRATIVE_WARRANT = 2", "JUDICIAL_WARRANT = 5", "COURT_ORDER = 1", "total = 11");
    assertThat(lines(year.table("proxy-requests"))).containsExactly("SHERIFF / FEDERAL / ICE_ERO = 1",
        "total = 1");
    assertThat(lines(year.table("task-force-requests"))).containsExactly("JTTF = 1", "287G = 1", "total = 2");
  }

  @Test
  void yearDataRecordsRulesReviewsAndFlags() {
    // Entry 1's DMV released dmv.record (1 record, one source: counted per source though version 1).
    assertThat(lines(year.table("data-by-source"))).containsExactly(
        "DMV / dmv.record / yes = 5, 2, 0",
        "DMV / dmv.photo / yes = 1, 0, 0",
        "DMV / dmv.source_documents / yes = 1, 0, 1",
        "DMV / address.home / yes = 0, 1, 0",
        "ALPR / alpr.read / yes = 1, 0, 0",
        "SCHOOL / education.record / yes = 1, 0, 0",
        "UTILITY / utility.account / yes = 0, 1, 0",
        "POLICE_RECORDS / criminal_history / no = 1, 0, 0",
        "JAIL_BOOKING / custody.release_date / no = 0, 1, 0",
        "total = 10, 5, 1");
    assertThat(lines(year.table("records-by-source"))).containsExactly(
        "DMV / yes = 7", "ALPR / yes = 3", "SCHOOL / yes = 4", "POLICE_RECORDS / no = 2", "total = 16");
    List<String> nonCriminal = lines(year.table("non-criminal-sources-by-mission"));
    assertThat(nonCriminal).hasSize(17).contains("DMV / ordinary crime = 5, 0", "DMV / immigration enforcement = 0, 2",
        "UTILITY / immigration enforcement = 0, 1", "ALPR / ordinary crime = 1, 0", "SCHOOL / ordinary crime = 1, 0");
    assertThat(nonCriminal.get(16)).isEqualTo("total = 7, 3");
    // Entry 1 names no rule: the quarter's rules, reviews, rejections and flags are the year's.
    assertThat(lines(year.table("withheld-by-rule"))).containsExactlyElementsOf(WITHHELD_BY_RULE);
    for (String id : List.of("auditor-reviews", "referrals-by-rule", "rejected-requests", "flags-by-detector")) {
      assertThat(lines(year.table(id))).as(id).isEqualTo(lines(quarter.table(id)));
    }
  }

  /** Requests: immigration 3, 7, 8; counter-terrorism 9; ordinary 1, 2, 5, 6, 13, 19, 20. */
  static final List<String> DRIFT_2026 = List.of(
      // 3/11 = 27.27 -> 27.3 %, 1/11 = 9.09 -> 9.1 %, 7/11 = 63.64 -> 63.6 %; records: ordinary 1 + 14 = 15,
      // counter-terrorism 1: 1/16 = 6.25 -> 6.3 % and 15/16 = 93.75 -> 93.8 % (half up).
      "immigration enforcement = 3, 27.3, 0, 0.0",
      "counter-terrorism = 1, 9.1, 1, 6.3",
      "ordinary crime = 7, 63.6, 15, 93.8",
      "other = 0, 0.0, 0, 0.0",
      "total = 11, 100.0, 16, 100.0");

  @Test
  void yearMissionDriftAndItsTrendOverThePreviousYears() {
    assertThat(lines(year.table("mission-drift"))).containsExactlyElementsOf(DRIFT_2026);
    Table t = year.table("mission-drift-trend");
    assertThat(t.title()).isEqualTo("Mission drift over the last years");
    assertThat(t.labelColumns()).containsExactly("year", "mission");
    // 2021 to 2025: the log has nothing.
    List<String> rows = new ArrayList<>();
    List<String> totals = new ArrayList<>();
    for (String y : List.of("2021", "2022", "2023", "2024", "2025")) {
      for (String m : List.of("immigration enforcement", "counter-terrorism", "ordinary crime", "other")) {
        rows.add(y + " / " + m + " = 0, n/a, 0, n/a");
      }
      totals.add(y + " / total = 0, n/a, 0, n/a");
    }
    DRIFT_2026.subList(0, 4).forEach(l -> rows.add("2026 / " + l));
    totals.add("2026 / " + DRIFT_2026.get(4));
    rows.addAll(totals);
    assertThat(lines(t)).containsExactlyElementsOf(rows);
  }

  @Test
  void yearPacksInForce() {
    // Nothing announced before 1 January: entry 0 adds both packs, 4 repeats them, 12 changes us-ca.
    assertThat(lines(year.table("packs-in-force"))).containsExactly(
        "2026-05-20 / us-ca / 2026.9.0 / " + Fixture.A + " / added = ",
        "2026-05-20 / us-federal-floor / 1.0 / " + Fixture.B + " / added = ",
        "2026-11-20 / us-ca / 2026.11.0 / " + Fixture.C + " / changed from 2026.9.0 " + Fixture.A + " = ",
        "2026-11-20 / us-federal-floor / 1.0 / " + Fixture.B + " / unchanged = ");
  }

  @Test
  void yearBundleEndsWithTheFirstEntryOfTheNextYear() {
    // Days covered: 2021-01-01 to 2026-12-31: entries 0 to 21, then 22 (4 January 2027); 23 is left out.
    assertThat(year.bundle().first()).isZero();
    assertThat(year.bundle().end()).isEqualTo(23);
    assertThat(year.contextEntries()).isEmpty();
  }

  @Test
  void theNextYearsTrendShows2026AsTheYearBefore() throws Exception {
    TransparencyReport y2027 = TransparencyReport.compute(fixture.reader(), fixture.key(), Period.parse("2027"),
        Options.defaults().withThreshold(1).withRules(Fixture.catalog()).withTrendPeriods(1));
    // 2027: entries 22 and 23, ordinary crime, 1 record each.
    List<String> expected = new ArrayList<>();
    DRIFT_2026.subList(0, 4).forEach(l -> expected.add("2026 / " + l));
    expected.addAll(List.of("2027 / immigration enforcement = 0, 0.0, 0, 0.0",
        "2027 / counter-terrorism = 0, 0.0, 0, 0.0", "2027 / ordinary crime = 2, 100.0, 2, 100.0",
        "2027 / other = 0, 0.0, 0, 0.0", "2026 / " + DRIFT_2026.get(4), "2027 / total = 2, 100.0, 2, 100.0"));
    assertThat(lines(y2027.table("mission-drift-trend"))).containsExactlyElementsOf(expected);
    // 2026-01-01 to 2027-12-31: the whole log.
    assertThat(y2027.bundle().first()).isZero();
    assertThat(y2027.bundle().end()).isEqualTo(24);
  }
}
