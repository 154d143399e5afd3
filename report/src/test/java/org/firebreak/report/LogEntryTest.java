package org.firebreak.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.vocab.Effect;
import org.firebreak.report.LogEntry.DecisionEntry;
import org.firebreak.report.LogEntry.FlagEntry;
import org.firebreak.report.LogEntry.ReviewEntry;
import org.firebreak.report.LogEntry.RuleRef;
import org.junit.jupiter.api.Test;

/** Reading entries of both versions: what version 1 lacks is absent, never guessed; bad values are named. */
class LogEntryTest {
  private static byte[] bytes(ObjectNode o) {
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode twoSources(int v, int dmvRecords, int schoolRecords) {
    return Fixture.decision(v, "2026-11-02", Fixture.agency("LOCAL", "POLICE"), null, List.of(), "VIOLENT_CRIME",
        List.of("VIOLENT_CRIME"), "NONE", List.of(
            Fixture.source(v, "DMV", "PERMIT", List.of("dmv.record"), List.of(), List.of(),
                List.of(Fixture.COURT_ORDER), dmvRecords),
            Fixture.source(v, "SCHOOL", "PERMIT", List.of("education.record"), List.of(), List.of(), List.of(),
                schoolRecords)), "PERMIT", List.of());
  }

  @Test
  void version2CarriesRecordsPerSourceAndEachRulesEffectAndCitation() {
    DecisionEntry d = (DecisionEntry) LogEntry.parse(7, bytes(twoSources(2, 2, 3)));
    assertThat(d.releasedRecords()).isEqualTo(5);
    assertThat(d.sources()).extracting(s -> s.releasedRecords()).containsExactly(OptionalLong.of(2),
        OptionalLong.of(3));
    assertThat(d.sources().get(0).rules()).containsExactly(new RuleRef(Fixture.COURT_ORDER,
        Optional.of(Effect.PERMIT), Optional.of("Cal. Penal Code § 1524")));
  }

  @Test
  void version1RecordsPerSourceAreKnownOnlyWhenOneSourceReleased() {
    // Two sources released categories and 5 records went out: which released how many, the entry does not say.
    DecisionEntry two = (DecisionEntry) LogEntry.parse(7, bytes(twoSources(1, 2, 3)));
    assertThat(two.releasedRecords()).isEqualTo(5);
    assertThat(two.sources()).extracting(s -> s.releasedRecords()).containsOnly(OptionalLong.empty());
    assertThat(two.sources().get(0).rules()).containsExactly(new RuleRef(Fixture.COURT_ORDER, Optional.empty(),
        Optional.empty()));
    // No record at all: each released none.
    DecisionEntry none = (DecisionEntry) LogEntry.parse(7, bytes(twoSources(1, 0, 0)));
    assertThat(none.sources()).extracting(s -> s.releasedRecords()).containsOnly(OptionalLong.of(0));
    // One source released categories: it released every record, the other none.
    ObjectNode one = Fixture.decision(1, "2026-11-02", Fixture.agency("LOCAL", "POLICE"), null, List.of(),
        "VIOLENT_CRIME", List.of("VIOLENT_CRIME"), "NONE", List.of(
            Fixture.source(1, "DMV", "PERMIT", List.of("dmv.record"), List.of(), List.of(), List.of(), 4),
            Fixture.source(1, "UTILITY", "DENY", List.of(), List.of("utility.account"), List.of(), List.of(), 0)),
        "PERMIT", List.of());
    assertThat(((DecisionEntry) LogEntry.parse(7, bytes(one))).sources()).extracting(s -> s.releasedRecords())
        .containsExactly(OptionalLong.of(4), OptionalLong.of(0));
  }

  @Test
  void aVersion1ReviewHasNoSourcesAVersion2ReviewDoes() {
    ReviewEntry v1 = (ReviewEntry) LogEntry.parse(11, bytes(Fixture.review(1, "2026-11-12", 9, "PERMIT",
        List.of(Fixture.reviewed("DMV", List.of("dmv.source_documents"), List.of(), 1)))));
    assertThat(v1.sources()).isEmpty();
    assertThat(v1.releasedRecords()).isEqualTo(1);
    ReviewEntry v2 = (ReviewEntry) LogEntry.parse(11, bytes(Fixture.review(2, "2026-11-12", 9, "DENY",
        List.of(Fixture.reviewed("DMV", List.of(), List.of("dmv.source_documents"), 0)))));
    assertThat(v2.sources()).hasValueSatisfying(s -> assertThat(s).singleElement().satisfies(rs -> {
      assertThat(rs.kind().name()).isEqualTo("DMV");
      assertThat(rs.withheld()).extracting(c -> c.wire()).containsExactly("dmv.source_documents");
      assertThat(rs.released()).isEmpty();
    }));
  }

  @Test
  void aFlag() {
    FlagEntry f = (FlagEntry) LogEntry.parse(17, bytes(Fixture.flag("2026-11-27", "relay", "MEDIUM", 5,
        List.of(5L, 8L), List.of("Cal. Gov. Code § 7284.6(a)(1)"))));
    assertThat(f).isEqualTo(new FlagEntry(17, java.time.LocalDate.parse("2026-11-27"), "relay", "MEDIUM", 5,
        List.of(5L, 8L), List.of("Cal. Gov. Code § 7284.6(a)(1)")));
  }

  @Test
  void badValuesAreNamedByEntryAndPath() {
    assertBad(Fixture.flag("2026-11-27", "relay", "MEDIUM", 5, List.of(8L, 5L), List.of()), "$.evidence");
    assertBad(Fixture.flag("2026-11-27", "Relay Of Ana", "MEDIUM", 5, List.of(5L), List.of()), "$.detector");
    assertBad(Fixture.flag("2026-11-27", "relay", "medium", 5, List.of(5L), List.of()), "$.severity");
    assertBad(twoSources(2, 2, 3).put("releasedRecords", 4), "$.releasedRecords");
    assertBad(Fixture.review(2, "2026-11-12", 9, "PERMIT", List.of(Fixture.reviewed("DMV",
        List.of("dmv.source_documents"), List.of(), 1))).put("releasedRecords", 2), "$.releasedRecords");
    assertBad(Fixture.review(2, "2026-11-12", 9, "REFER", List.of()), "$.decision");
    assertBad(twoSources(2, 2, 3).put("v", 3), "$.v");
    ObjectNode badEffect = twoSources(2, 2, 3);
    ((ObjectNode) badEffect.get("sources").get(0).get("rules").get(0)).put("effect", "maybe");
    assertBad(badEffect, "$.sources[0].rules[0].effect");
  }

  private static void assertBad(ObjectNode entry, String path) {
    assertThatThrownBy(() -> LogEntry.parse(3, bytes(entry))).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains("ledger entry 3").contains(path));
  }
}
