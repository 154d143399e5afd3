package org.firebreak.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers of the November 2026 report on {@link Fixture}, each worked out by hand from the entry list there.
 * Threshold 1 suppresses nothing, so every count is visible; {@link SuppressionTest} covers suppression.
 */
class TransparencyReportTest {
  static final Period NOV = Period.of(YearMonth.of(2026, 11));
  @TempDir
  static Path tmp;
  static TransparencyReport report;

  @BeforeAll
  static void compute() throws Exception {
    Fixture f = Fixture.create(tmp.resolve("log"));
    report = TransparencyReport.compute(f.reader(), f.key(), NOV,
        Options.defaults().withThreshold(1).withRules(Fixture.catalog()));
  }

  /** "labels / joined = values, joined" for every row, then "total = ..." lines. */
  static List<String> lines(Table t) {
    return java.util.stream.Stream.concat(t.rows().stream(), t.totals().stream())
        .map(r -> String.join(" / ", r.labels().stream().filter(l -> !l.isEmpty()).toList()) + " = "
            + String.join(", ", r.values().stream().map(Value::text).toList()))
        .toList();
  }

  @Test
  void ledgerEntriesOfNovemberByType() {
    // decisions 5,6,7,8,9,13; flags 14 to 18; review 11; rejected 10; packs 4 and 12.
    assertThat(lines(report.table("ledger-entries"))).containsExactly(
        "decision = 6", "flag = 5", "packs = 2", "rejected = 1", "review = 1", "total = 15");
  }

  @Test
  void requestsByDecision() {
    // PERMIT 5, 6, 13; DENY 7, 8; REFER 9.
    assertThat(lines(report.table("requests-by-decision"))).containsExactly(
        "PERMIT = 3", "DENY = 2", "REFER = 1", "total = 6");
  }

  @Test
  void requestsByRequesterLevelAndComponent() {
    // FEDERAL ICE_ERO 7; STATE STATE_POLICE 13; LOCAL POLICE 5, 6, 9; LOCAL SHERIFF 8.
    assertThat(lines(report.table("requests-by-requester"))).containsExactly(
        "FEDERAL / ICE_ERO = 1", "STATE / STATE_POLICE = 1", "LOCAL / POLICE = 3", "LOCAL / SHERIFF = 1",
        "total = 6");
  }

  @Test
  void requestsByDeclaredAndEffectivePurpose() {
    // Declared: COUNTERTERRORISM 7, 9; VIOLENT_CRIME 5; PROPERTY_CRIME 6; NARCOTICS 13; OTHER 8.
    assertThat(lines(report.table("requests-by-declared-purpose"))).containsExactly(
        "COUNTERTERRORISM = 2", "VIOLENT_CRIME = 1", "PROPERTY_CRIME = 1", "NARCOTICS = 1", "OTHER = 1",
        "total = 6");
    // Effective: CIVIL_IMMIGRATION 7, 8; COUNTERTERRORISM 7, 9; VIOLENT 5; PROPERTY 6; NARCOTICS 13; OTHER 8.
    assertThat(lines(report.table("requests-by-effective-purpose"))).containsExactly(
        "CIVIL_IMMIGRATION_ENFORCEMENT = 2", "COUNTERTERRORISM = 2", "VIOLENT_CRIME = 1", "PROPERTY_CRIME = 1",
        "NARCOTICS = 1", "OTHER = 1", "total = 6");
  }

  @Test
  void requestsByLegalProcess() {
    // NONE 6, 8, 9; ADMINISTRATIVE_WARRANT 7; JUDICIAL_WARRANT 5; COURT_ORDER 13.
    assertThat(lines(report.table("requests-by-legal-process"))).containsExactly(
        "NONE = 3", "ADMINISTRATIVE_WARRANT = 1", "JUDICIAL_WARRANT = 1", "COURT_ORDER = 1", "total = 6");
  }

  @Test
  void proxyAndTaskForceRequestsSeparately() {
    // Only 8 names onBehalfOf; 8 is in 287G, 9 in the JTTF.
    assertThat(lines(report.table("proxy-requests"))).containsExactly("SHERIFF / FEDERAL / ICE_ERO = 1",
        "total = 1");
    assertThat(lines(report.table("task-force-requests"))).containsExactly("JTTF = 1", "287G = 1", "total = 2");
  }

  @Test
  void dataReleasedWithheldAndReferredBySourceKindAndCategory() {
    // released: 5 dmv.record + dmv.photo, 6 alpr.read, 13 education.record and criminal_history, and the review 11
    // released 9's dmv.source_documents; withheld: 7 dmv.record, address.home, utility.account, 8 custody.release_date;
    // referred: 9 dmv.source_documents.
    assertThat(lines(report.table("data-by-source"))).containsExactly(
        "DMV / dmv.record / yes = 1, 1, 0",
        "DMV / dmv.photo / yes = 1, 0, 0",
        "DMV / dmv.source_documents / yes = 1, 0, 1",
        "DMV / address.home / yes = 0, 1, 0",
        "ALPR / alpr.read / yes = 1, 0, 0",
        "SCHOOL / education.record / yes = 1, 0, 0",
        "UTILITY / utility.account / yes = 0, 1, 0",
        "POLICE_RECORDS / criminal_history / no = 1, 0, 0",
        "JAIL_BOOKING / custody.release_date / no = 0, 1, 0",
        "total = 6, 4, 1");
  }

  @Test
  void recordsReleasedBySourceKind() {
    // DMV: 5 released 1 record and the review 11 another; the plate reader 3 (6); 13: the school 4 and police
    // records 2. 7, 8 and 9 released none, so the utility and the jail have no row. 11 records: Mission drift's.
    assertThat(lines(report.table("records-by-source"))).containsExactly(
        "DMV / yes = 2",
        "ALPR / yes = 3",
        "SCHOOL / yes = 4",
        "POLICE_RECORDS / no = 2",
        "total = 11");
  }

  @Test
  void nonCriminalSourcesByMission() {
    // 5 DMV released (ordinary crime), 6 ALPR released (ordinary), 13 SCHOOL released (ordinary), 7 DMV and
    // UTILITY withheld (immigration: ICE relabelled as counter-terrorism), 9 DMV referred only (counter-terrorism).
    List<String> l = lines(report.table("non-criminal-sources-by-mission"));
    assertThat(l).hasSize(17); // 4 kinds x 4 missions, then the total
    assertThat(l).contains("DMV / immigration enforcement = 0, 1", "DMV / counter-terrorism = 0, 0",
        "DMV / ordinary crime = 1, 0", "DMV / other = 0, 0", "ALPR / ordinary crime = 1, 0",
        "SCHOOL / ordinary crime = 1, 0", "UTILITY / immigration enforcement = 0, 1", "UTILITY / other = 0, 0");
    assertThat(l.get(16)).isEqualTo("total = 3, 2");
  }

  /** The citations and effects of the November entries, which carry them: the same with or without the packs. */
  static final List<String> WITHHELD_BY_RULE = List.of(
      "us-ca/ca-values-act-personal-info / forbid / Cal. Gov. Code § 7284.6(a)(1)(D) = 2, 0",
      "us-ca/ca-values-act-release-dates / forbid / Cal. Gov. Code § 7284.6(a)(1)(C) = 1, 0",
      "us-ca/dmv-source-docs-refer / refer / Cal. Veh. Code § 12800.7 = 0, 1",
      "total = 3, 1");

  @Test
  void denialsAndReferralsByRuleAndCitation() {
    // personal-info withheld at 7's DMV and 7's UTILITY; release-dates at 8; the DMV referral at 9. The permit rule
    // of 13 withholds nothing. Totals: sources with something withheld (7 DMV, 7 UTILITY, 8), referred (9).
    assertThat(lines(report.table("withheld-by-rule"))).containsExactlyElementsOf(WITHHELD_BY_RULE);
  }

  @Test
  void version2EntriesNeedNoRulePacks() throws Exception {
    Fixture f = Fixture.create(tmp.resolve("log-no-catalog"));
    TransparencyReport r = TransparencyReport.compute(f.reader(), f.key(), NOV, Options.defaults().withThreshold(1));
    assertThat(lines(r.table("withheld-by-rule"))).containsExactlyElementsOf(WITHHELD_BY_RULE);
    assertThat(lines(r.table("referrals-by-rule"))).containsExactly(
        "us-ca/dmv-source-docs-refer / Cal. Veh. Code § 12800.7 / PERMIT = 1", "total = 1");
    assertThat(r.bundle().rules().rules()).isEmpty();
  }

  @Test
  void auditorsReviewsAndRejectedRequests() {
    assertThat(lines(report.table("auditor-reviews"))).containsExactly("PERMIT = 1, 1", "DENY = 0, 0",
        "total = 1, 1");
    assertThat(lines(report.table("rejected-requests"))).containsExactly("FEDERAL / not-found = 1", "total = 1");
  }

  @Test
  void whatAuditorsDecidedOnReferralsByRule() {
    // The review 11 released the DMV's referral of 9, which us-ca/dmv-source-docs-refer had held.
    assertThat(lines(report.table("referrals-by-rule"))).containsExactly(
        "us-ca/dmv-source-docs-refer / Cal. Veh. Code § 12800.7 / PERMIT = 1", "total = 1");
  }

  @Test
  void flagsByDetectorAndSeverity() {
    // Flags 14 to 18 are dated in November (21, on a request of October, is dated December: not counted).
    assertThat(lines(report.table("flags-by-detector"))).containsExactly(
        "immigration-agency / HIGH = 1",
        "immigration-agency / MEDIUM = 1",
        "missing-case-number / LOW = 1",
        "relay / MEDIUM = 1",
        "task-force / HIGH = 1",
        "total = 5");
  }

  @Test
  void aLogOfVersion1DecisionsAndReviewsGivesTheSameNumbersWhereItCan() throws Exception {
    Fixture f = Fixture.create(tmp.resolve("log-v1"), Fixture.entries(1));
    TransparencyReport v1 = TransparencyReport.compute(f.reader(), f.key(), NOV,
        Options.defaults().withThreshold(1).withRules(Fixture.catalog()));
    for (Table t : report.tables()) {
      if (!t.id().equals("records-by-source")) {
        assertThat(lines(v1.table(t.id()))).as(t.id()).isEqualTo(lines(t));
      }
    }
    // 13 released from two sources: a version-1 entry does not say how its 6 records split. Every other request
    // released from one source at most (7: none from either), and the review's request referred one source.
    assertThat(lines(v1.table("records-by-source"))).containsExactly(
        "DMV / yes = 2",
        "ALPR / yes = 3",
        "not counted per source (version-1 entries) / unknown = 6",
        "total = 11");
    // The rules all come from the packs now.
    assertThat(v1.bundle().rules().rules()).containsOnlyKeys(Fixture.PERSONAL_INFO, Fixture.RELEASE_DATES,
        Fixture.DOCS_REFER, Fixture.COURT_ORDER);
    TransparencyReport bare = TransparencyReport.compute(f.reader(), f.key(), NOV,
        Options.defaults().withThreshold(1));
    // Without the packs the permit rule of 13 cannot be told apart; it withheld and referred nothing: no row.
    assertThat(lines(bare.table("withheld-by-rule"))).containsExactly(
        "us-ca/ca-values-act-personal-info / unknown / not in the public entry = 2, 0",
        "us-ca/ca-values-act-release-dates / unknown / not in the public entry = 1, 0",
        "us-ca/dmv-source-docs-refer / unknown / not in the public entry = 0, 1",
        "total = 3, 1");
    assertThat(lines(bare.table("referrals-by-rule"))).containsExactly(
        "us-ca/dmv-source-docs-refer / not in the public entry / PERMIT = 1", "total = 1");
  }

  @Test
  void missionDriftOfTheMonth() {
    // Requests: immigration 7, 8; counter-terrorism 9; ordinary crime 5, 6, 13; other none. 2/6 = 33.3 %,
    // 1/6 = 16.7 %, 3/6 = 50.0 %. Records: ordinary 1 + 3 + 6 = 10; counter-terrorism 1 (the review of 9);
    // 1/11 = 9.09 -> 9.1 %, 10/11 = 90.91 -> 90.9 %.
    assertThat(lines(report.table("mission-drift"))).containsExactly(
        "immigration enforcement = 2, 33.3, 0, 0.0",
        "counter-terrorism = 1, 16.7, 1, 9.1",
        "ordinary crime = 3, 50.0, 10, 90.9",
        "other = 0, 0.0, 0, 0.0",
        "total = 6, 100.0, 11, 100.0");
  }

  @Test
  void missionDriftTrendOverTheFiveMonthsBefore() {
    List<String> l = lines(report.table("mission-drift-trend"));
    // June to September: no requests; October: entry 2 (ordinary crime, 2 records) and entry 3 (immigration).
    assertThat(l).contains("2026-06 / immigration enforcement = 0, n/a, 0, n/a", "2026-06 / total = 0, n/a, 0, n/a",
        "2026-10 / immigration enforcement = 1, 50.0, 0, 0.0", "2026-10 / ordinary crime = 1, 50.0, 2, 100.0",
        "2026-10 / total = 2, 100.0, 2, 100.0",
        "2026-11 / immigration enforcement = 2, 33.3, 0, 0.0", "2026-11 / total = 6, 100.0, 11, 100.0");
    assertThat(report.table("mission-drift-trend").rows()).hasSize(6 * 4);
  }

  @Test
  void packsInForceAndWhenTheyChanged() {
    // In force on 1 November: entry 0 (20 May). Entry 4 repeats it (skipped); entry 12 changes us-ca.
    assertThat(lines(report.table("packs-in-force"))).containsExactly(
        "2026-05-20 / us-ca / 2026.9.0 / " + Fixture.A + " / in force at the start of the period = ",
        "2026-05-20 / us-federal-floor / 1.0 / " + Fixture.B + " / in force at the start of the period = ",
        "2026-11-20 / us-ca / 2026.11.0 / " + Fixture.C + " / changed from 2026.9.0 " + Fixture.A + " = ",
        "2026-11-20 / us-federal-floor / 1.0 / " + Fixture.B + " / unchanged = ");
  }

  @Test
  void theBundleHoldsTheRangeAroundTheMonthsAndItsContext() {
    // Months covered: June to November. Entry 1 (21 May) is the last before them, entry 19 (1 December) the first
    // after: the range is [1, 20). Entry 0, the packs in force before the range, is context.
    assertThat(report.bundle().treeSize()).isEqualTo(22);
    assertThat(report.bundle().first()).isEqualTo(1);
    assertThat(report.bundle().end()).isEqualTo(20);
    assertThat(report.contextEntries()).containsExactly(0L);
    assertThat(report.bundle().entries()).hasSize(20);
    // Only the rules a version-1 entry names without citation (3, in October), from packs the log recorded.
    assertThat(report.bundle().rules().rules()).containsOnlyKeys(Fixture.PERSONAL_INFO);
  }
}
