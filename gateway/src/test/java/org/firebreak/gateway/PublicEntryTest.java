package org.firebreak.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.model.LegalProcess;
import org.firebreak.core.model.PackRef;
import org.firebreak.core.model.Requester;
import org.firebreak.core.model.RuleMatch;
import org.firebreak.core.model.SourceDecision;
import org.firebreak.core.model.SourceRef;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.Effect;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.store.Release;
import org.junit.jupiter.api.Test;

/** The exact bytes of each version-2 entry, written out by hand. */
class PublicEntryTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final Agency SFPD = new Agency("sfpd", "San Francisco PD", AgencyLevel.LOCAL, Component.POLICE,
      new Jurisdiction("US-CA-SF"));
  private static final byte[] COMMITMENT = new byte[] {1, 2, 3};

  private static String text(byte[] entry) {
    return new String(entry, StandardCharsets.UTF_8);
  }

  /** A request to two sources: the DMV releases dmv.record (two records match), the school refers a record. */
  private static DecisionResult twoSources() {
    return new DecisionResult(Decision.PERMIT, List.of(Purpose.VIOLENT_CRIME), List.of(), List.of(
        new SourceDecision("ca-dmv", Decision.PERMIT, List.of(Category.DMV_RECORD), List.of(Category.ADDRESS_HOME),
            List.of(), List.of(
                new RuleMatch("us-ca", "permit-warrant", Effect.PERMIT, "Cal. Penal Code § 1524", "message one"),
                new RuleMatch("us-ca", "home-address", Effect.FORBID, "Cal. Gov. Code § 7284.6(a)(1)(D)",
                    "message two")), List.of()),
        new SourceDecision("sfusd", Decision.REFER, List.of(), List.of(), List.of(Category.EDUCATION_RECORD),
            List.of(new RuleMatch("us-ferpa", "refer-records", Effect.REFER, "20 U.S.C. § 1232g(b)", "message three")),
            List.of())),
        List.of(new PackRef("us-ca", "2026.11.0", DIGEST)));
  }

  @Test
  void aDecisionCountsReleasedRecordsPerSourceAndCitesEachRule() {
    DecisionRequest request = new DecisionRequest(new Requester("officer-9", SFPD, List.of(), List.of()),
        Optional.empty(), Purpose.VIOLENT_CRIME, "Ana Ruiz, 12 Mission St", Optional.of("SF-26-9"), LegalProcess.NONE,
        List.of(new SourceRef("ca-dmv", SourceKind.DMV, new Jurisdiction("US-CA"),
                List.of(Category.DMV_RECORD, Category.ADDRESS_HOME)),
            new SourceRef("sfusd", SourceKind.SCHOOL, new Jurisdiction("US-CA-SF"),
                List.of(Category.EDUCATION_RECORD))),
        Instant.parse("2026-11-20T10:00:00Z"));
    List<Release> released = List.of(
        new Release("req-1", "ca-dmv", "r1", Map.of("license", "D1234567")),
        new Release("req-1", "ca-dmv", "r2", Map.of("license", "D7654321")));
    String entry = text(PublicEntry.decision(request, twoSources(), released, COMMITMENT));
    assertThat(entry).isEqualTo("{\"caseNumberGiven\":true,\"commitment\":\"AQID\",\"day\":\"2026-11-20\","
        + "\"decision\":\"PERMIT\",\"effectivePurposes\":[\"VIOLENT_CRIME\"],\"legalProcess\":\"NONE\","
        + "\"packs\":[\"us-ca@2026.11.0 " + DIGEST + "\"],\"purpose\":\"VIOLENT_CRIME\",\"releasedRecords\":2,"
        + "\"requester\":{\"agency\":\"sfpd\",\"component\":\"POLICE\",\"jurisdiction\":\"US-CA-SF\","
        + "\"level\":\"LOCAL\"},"
        + "\"sources\":[{\"decision\":\"PERMIT\",\"jurisdiction\":\"US-CA\",\"kind\":\"DMV\",\"obligations\":[],"
        + "\"referred\":[],\"released\":[\"dmv.record\"],\"releasedRecords\":2,"
        + "\"rules\":[{\"citation\":\"Cal. Penal Code § 1524\",\"effect\":\"permit\",\"rule\":\"us-ca/permit-warrant\"},"
        + "{\"citation\":\"Cal. Gov. Code § 7284.6(a)(1)(D)\",\"effect\":\"forbid\",\"rule\":\"us-ca/home-address\"}],"
        + "\"source\":\"ca-dmv\",\"withheld\":[\"address.home\"]},"
        + "{\"decision\":\"REFER\",\"jurisdiction\":\"US-CA-SF\",\"kind\":\"SCHOOL\",\"obligations\":[],"
        + "\"referred\":[\"education.record\"],\"released\":[],\"releasedRecords\":0,"
        + "\"rules\":[{\"citation\":\"20 U.S.C. § 1232g(b)\",\"effect\":\"refer\",\"rule\":\"us-ferpa/refer-records\"}],"
        + "\"source\":\"sfusd\",\"withheld\":[]}],"
        + "\"taskForces\":[],\"type\":\"decision\",\"v\":2}");
    for (String secret : List.of("officer-9", "Ana Ruiz", "Mission", "SF-26-9", "D1234567", "\"r1\"", "\"r2\"",
        "message")) {
      assertThat(entry).doesNotContain(secret);
    }
  }

  @Test
  void packsWrittenOnceGiveTheSameEntryAndOnlyForThePacksThatDecided() {
    DecisionRequest request = new DecisionRequest(new Requester("officer-9", SFPD, List.of(), List.of()),
        Optional.empty(), Purpose.VIOLENT_CRIME, "", Optional.empty(), LegalProcess.NONE,
        List.of(new SourceRef("ca-dmv", SourceKind.DMV, new Jurisdiction("US-CA"), List.of(Category.DMV_RECORD)),
            new SourceRef("sfusd", SourceKind.SCHOOL, new Jurisdiction("US-CA-SF"),
                List.of(Category.EDUCATION_RECORD))),
        Instant.parse("2026-11-20T10:00:00Z"));
    DecisionResult result = twoSources();
    PublicEntry.Packs packs = PublicEntry.Packs.of(List.of(new PackRef("us-ca", "2026.11.0", DIGEST)));
    String once = text(PublicEntry.decision(request, result, packs, List.of(), COMMITMENT));
    assertThat(once).isEqualTo(text(PublicEntry.decision(request, result, List.of(), COMMITMENT)))
        .contains("\"packs\":[\"us-ca@2026.11.0 " + DIGEST + "\"]");
    // Another version of the same pack is another pack: its entry would misstate which rules decided.
    PublicEntry.Packs other = PublicEntry.Packs.of(List.of(new PackRef("us-ca", "2026.12.0", DIGEST)));
    assertThatThrownBy(() -> PublicEntry.decision(request, result, other, List.of(), COMMITMENT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026.12.0");
  }

  @Test
  void aReviewSaysWhatItReleasedPerReferredSource() {
    List<Release> released = List.of(new Release("req-1", "sfusd", "s7", Map.of("grades", "A")));
    String permit = text(PublicEntry.review(LocalDate.parse("2026-11-21"), 41, Decision.PERMIT, twoSources(),
        id -> SourceKind.SCHOOL, released, COMMITMENT));
    // Only the school had something referred; the DMV's decision stands and is not part of the review.
    assertThat(permit).isEqualTo("{\"commitment\":\"AQID\",\"day\":\"2026-11-21\",\"decision\":\"PERMIT\","
        + "\"releasedRecords\":1,\"requestIndex\":41,\"sources\":[{\"kind\":\"SCHOOL\",\"released\":"
        + "[\"education.record\"],\"releasedRecords\":1,\"source\":\"sfusd\",\"withheld\":[]}],\"type\":\"review\","
        + "\"v\":2}");
    String deny = text(PublicEntry.review(LocalDate.parse("2026-11-21"), 41, Decision.DENY, twoSources(),
        id -> SourceKind.SCHOOL, List.of(), COMMITMENT));
    assertThat(deny).contains("\"sources\":[{\"kind\":\"SCHOOL\",\"released\":[],\"releasedRecords\":0,"
        + "\"source\":\"sfusd\",\"withheld\":[\"education.record\"]}]").contains("\"releasedRecords\":0,");
    assertThatThrownBy(() -> PublicEntry.review(LocalDate.parse("2026-11-21"), 41, Decision.REFER, twoSources(),
        id -> SourceKind.SCHOOL, List.of(), COMMITMENT)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFlagNamesDetectorSeverityIndexesAndLawsOnly() {
    String flag = text(PublicEntry.flag(LocalDate.parse("2026-11-22"), "relay", "MEDIUM", 7, List.of(7L, 12L),
        List.of("Cal. Gov. Code § 7284.6(a)(1)")));
    assertThat(flag).isEqualTo("{\"citations\":[\"Cal. Gov. Code § 7284.6(a)(1)\"],\"day\":\"2026-11-22\","
        + "\"detector\":\"relay\",\"evidence\":[7,12],\"requestIndex\":7,\"severity\":\"MEDIUM\",\"type\":\"flag\","
        + "\"v\":2}");
  }

  @Test
  void aFlagRefusesAnythingThatCouldCarryFreeText() {
    LocalDate day = LocalDate.parse("2026-11-22");
    assertThatThrownBy(() -> PublicEntry.flag(day, "relay of Ana Ruiz", "HIGH", 1, List.of(1L), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detector");
    assertThatThrownBy(() -> PublicEntry.flag(day, "relay", "very high", 1, List.of(1L), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("severity");
    assertThatThrownBy(() -> PublicEntry.flag(day, "relay", "HIGH", 1, List.of(2L, 1L), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evidence");
    assertThatThrownBy(() -> PublicEntry.flag(day, "relay", "HIGH", 1, List.of(1L), List.of("a\nb")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("citation");
    assertThatThrownBy(() -> PublicEntry.flag(day, "relay", "HIGH", 1, List.of(1L), List.of("x".repeat(201))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("citation");
  }
}
