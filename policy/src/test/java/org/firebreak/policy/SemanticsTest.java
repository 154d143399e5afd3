package org.firebreak.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.firebreak.policy.TestPacks.CA_DMV;
import static org.firebreak.policy.TestPacks.ICE_ERO;
import static org.firebreak.policy.TestPacks.ICE_HSI;
import static org.firebreak.policy.TestPacks.SF_POLICE;
import static org.firebreak.policy.TestPacks.engine;
import static org.firebreak.policy.TestPacks.header;
import static org.firebreak.policy.TestPacks.req;
import static org.firebreak.policy.TestPacks.rule;
import static org.firebreak.policy.TestPacks.source;

import java.util.List;
import org.firebreak.core.error.EvaluationException;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.core.model.Obligation;
import org.firebreak.core.model.RuleMatch;
import org.firebreak.core.model.SourceDecision;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.ObligationType;
import org.firebreak.core.vocab.Purpose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Checks the engine against PACKS.md, section by section. Each pack here is small and written for the case. */
class SemanticsTest {
  private static final String PERMIT_ALL = header("allow", "US") + rule("permit-all", "permit");

  private static SourceDecision only(DecisionResult r) {
    assertThat(r.sources()).hasSize(1);
    return r.sources().get(0);
  }

  private static List<String> ruleIds(SourceDecision s) {
    return s.rules().stream().map(m -> m.pack() + "/" + m.id()).toList();
  }

  @Nested
  class CandidateRules { // § 3
    @Test
    void aStatePackGovernsSourcesCollectedInItsLocalities() {
      PolicyEngine e = engine(PERMIT_ALL, header("ca", "US-CA") + rule("no-dmv", "forbid"));
      String sfDmv = source("sf-dmv", "DMV", "US-CA-SF", "dmv.record");
      assertThat(only(e.decide(req().sources(sfDmv).build())).withheld()).containsExactly(Category.DMV_RECORD);
    }

    @Test
    void aStatePackDoesNotGovernAnotherStatesData() {
      PolicyEngine e = engine(PERMIT_ALL, header("ca", "US-CA") + rule("no-dmv", "forbid"));
      String txDmv = source("tx-dmv", "DMV", "US-TX", "dmv.record");
      SourceDecision s = only(e.decide(req().sources(txDmv).build()));
      assertThat(s.released()).containsExactly(Category.DMV_RECORD);
      assertThat(ruleIds(s)).containsExactly("allow/permit-all");
    }

    @Test
    void jurisdictionPrefixesStopAtHyphens() {
      // US-CAL is not inside US-CA although the text starts the same way.
      PolicyEngine e = engine(PERMIT_ALL, header("ca", "US-CA") + rule("no-dmv", "forbid"));
      String odd = source("odd", "DMV", "US-CAL", "dmv.record");
      assertThat(only(e.decide(req().sources(odd).build())).released()).containsExactly(Category.DMV_RECORD);
    }

    @Test
    void kindsRestrictWhichSourcesARuleSees() {
      PolicyEngine e = engine(PERMIT_ALL, header("ca", "US-CA") + rule("no-alpr", "forbid", "kinds: [ALPR]"));
      String alpr = source("alpr", "ALPR", "US-CA-SF", "alpr.read");
      assertThat(only(e.decide(req().sources(CA_DMV).build())).withheld()).isEmpty();
      assertThat(only(e.decide(req().sources(alpr).build())).withheld()).containsExactly(Category.ALPR_READ);
    }

    @Test
    void effectiveAndExpiresBoundTheDaysARuleIsInForce() {
      PolicyEngine e = engine(PERMIT_ALL, header("ca", "US-CA")
          + rule("new-law", "forbid", "effective: 2026-01-01", "expires: 2027-01-01"));
      assertThat(only(e.decide(req().time("2025-12-31T23:59:59Z").build())).withheld()).isEmpty();
      assertThat(only(e.decide(req().time("2026-01-01T00:00:00Z").build())).withheld()).hasSize(3);
      assertThat(only(e.decide(req().time("2026-12-31T23:59:59Z").build())).withheld()).hasSize(3);
      assertThat(only(e.decide(req().time("2027-01-01T00:00:00Z").build())).withheld()).isEmpty();
    }

    @Test
    void scopeSeesTheSourceAndWhenSeesTheRequest() {
      PolicyEngine e = engine(header("p", "US")
          + rule("homes", "permit", "scope: \"'address.home' in source.categories\"",
              "when: \"requester.agency.component == 'POLICE'\""));
      assertThat(only(e.decide(req().build())).released()).hasSize(3);
      String noHome = source("s", "DMV", "US-CA", "dmv.record");
      assertThat(only(e.decide(req().sources(noHome).build())).released()).isEmpty();
      assertThat(only(e.decide(req().requester(ICE_HSI).build())).released()).isEmpty();
    }
  }

  @Nested
  class Combining { // § 5
    @Test
    void nothingIsReleasedWithoutAPermit() {
      PolicyEngine e = engine(header("empty", "US") + rule("obl", "obligate",
          "obligations: [{type: LOG_ACCESS, detail: log}]"));
      SourceDecision s = only(e.decide(req().build()));
      assertThat(s.decision()).isEqualTo(Decision.DENY);
      assertThat(s.released()).isEmpty();
      assertThat(s.withheld()).containsExactly(Category.DMV_RECORD, Category.ADDRESS_HOME,
          Category.IMMIGRATION_STATUS);
      assertThat(s.obligations()).isEmpty();
    }

    @Test
    void forbidBeatsReferBeatsPermitWhateverTheOrder() {
      String forbid = header("f", "US") + rule("f", "forbid", "categories: [address.home]");
      String refer = header("r", "US") + rule("r", "refer", "categories: [address.home, dmv.record]");
      String permit = PERMIT_ALL;
      for (String[] order : List.of(new String[] {forbid, refer, permit}, new String[] {permit, refer, forbid},
          new String[] {refer, permit, forbid})) {
        SourceDecision s = only(engine(order).decide(req().build()));
        assertThat(s.withheld()).containsExactly(Category.ADDRESS_HOME);
        assertThat(s.referred()).containsExactly(Category.DMV_RECORD);
        assertThat(s.released()).containsExactly(Category.IMMIGRATION_STATUS);
        assertThat(s.decision()).isEqualTo(Decision.PERMIT);
      }
    }

    @Test
    void aPartialForbidIsARedaction() {
      PolicyEngine e = engine(PERMIT_ALL, header("f", "US") + rule("no-home", "forbid",
          "categories: [address.home]"));
      SourceDecision s = only(e.decide(req().build()));
      assertThat(s.released()).containsExactly(Category.DMV_RECORD, Category.IMMIGRATION_STATUS);
      assertThat(s.withheld()).containsExactly(Category.ADDRESS_HOME);
      assertThat(s.decision()).isEqualTo(Decision.PERMIT);
    }

    @Test
    void aSourceWithOnlyReferredCategoriesIsReferred() {
      PolicyEngine e = engine(PERMIT_ALL, header("r", "US") + rule("hold", "refer"));
      SourceDecision s = only(e.decide(req().build()));
      assertThat(s.decision()).isEqualTo(Decision.REFER);
      assertThat(s.released()).isEmpty();
      assertThat(s.referred()).hasSize(3);
    }

    @Test
    void rulesNamedAreTheApplyingForbidsAndRefersAndThePermitsThatReleased() {
      PolicyEngine e = engine(
          header("a", "US")
              + rule("permit-status", "permit", "categories: [immigration_status]")
              + rule("permit-home", "permit", "categories: [address.home]")
              + rule("forbid-home", "forbid", "categories: [address.home]")
              + rule("forbid-photo", "forbid", "categories: [dmv.photo]")
              + rule("forbid-never", "forbid", "when: \"purpose == 'OTHER'\""));
      SourceDecision s = only(e.decide(req().build()));
      // permit-home released nothing; forbid-photo covers no requested category; forbid-never does not apply.
      assertThat(ruleIds(s)).containsExactly("a/permit-status", "a/forbid-home");
      RuleMatch forbid = s.rules().get(1);
      assertThat(forbid.citation()).isEqualTo("Test § forbid-home");
      assertThat(forbid.message()).isEqualTo("rule forbid-home");
    }
  }

  @Nested
  class Obligations { // § 6
    private final String pack = header("o", "US")
        + rule("permit-home", "permit", "categories: [address.home]",
            "obligations: [{type: NOTIFY_SUBJECT, detail: within 3 days}]")
        + rule("log", "obligate", "obligations: [{type: LOG_ACCESS, detail: who and why}]")
        + rule("log-status", "obligate", "categories: [immigration_status]",
            "obligations: [{type: REPORT_TO, detail: state AG}]");

    @Test
    void obligationsAttachToWhatIsReleased() {
      SourceDecision s = only(engine(pack).decide(req().build()));
      assertThat(s.released()).containsExactly(Category.ADDRESS_HOME);
      assertThat(s.obligations()).extracting(Obligation::type)
          .containsExactly(ObligationType.NOTIFY_SUBJECT, ObligationType.LOG_ACCESS);
    }

    @Test
    void referredCategoriesCarryTheirObligations() {
      String refer = header("r", "US") + rule("hold-status", "refer", "categories: [immigration_status]");
      SourceDecision s = only(engine(pack, refer).decide(req().build()));
      assertThat(s.referred()).containsExactly(Category.IMMIGRATION_STATUS);
      assertThat(s.obligations()).extracting(Obligation::type).contains(ObligationType.REPORT_TO);
    }

    @Test
    void nothingReleasedNothingObliged() {
      String forbidAll = header("f", "US") + rule("no", "forbid");
      SourceDecision s = only(engine(pack, forbidAll).decide(req().build()));
      assertThat(s.decision()).isEqualTo(Decision.DENY);
      assertThat(s.obligations()).isEmpty();
    }

    @Test
    void anObligationUponTheRequestArisesEvenWhenNothingIsReleased() {
      String notice = header("n", "US") + rule("notify", "obligate", "categories: [dmv.record]",
          "obligations: [{type: NOTIFY_SUBJECT, upon: request, detail: within 3 days}]");
      String forbidAll = header("f", "US") + rule("no", "forbid");
      SourceDecision s = only(engine(pack, notice, forbidAll).decide(req().build()));
      assertThat(s.decision()).isEqualTo(Decision.DENY);
      assertThat(s.obligations()).extracting(Obligation::type).containsExactly(ObligationType.NOTIFY_SUBJECT);
      assertThat(ruleIds(s)).contains("n/notify");
    }

    @Test
    void anObligationUponTheRequestNeedsARequestedCategoryItCovers() {
      String notice = header("n", "US") + rule("notify", "obligate", "categories: [dmv.photo]",
          "obligations: [{type: NOTIFY_SUBJECT, upon: request, detail: within 3 days}]");
      SourceDecision s = only(engine(notice).decide(req().build()));
      assertThat(s.obligations()).isEmpty();
      assertThat(ruleIds(s)).doesNotContain("n/notify");
    }

    @Test
    void onlyAnObligateRuleObligesUponTheRequest() {
      String permit = header("p", "US") + rule("p", "permit",
          "obligations: [{type: LOG_ACCESS, upon: request, detail: who}]");
      assertThatThrownBy(() -> engine(permit)).hasMessageContaining("only an obligate rule may oblige upon the request");
    }

    @Test
    void anObligationOfOneRuleAppearsOnceAndCitesItsRule() {
      String twice = header("t", "US") + rule("p", "permit",
          "obligations: [{type: LOG_ACCESS, detail: one}, {type: LOG_ACCESS, detail: two}]");
      SourceDecision s = only(engine(twice).decide(req().build()));
      assertThat(s.obligations()).hasSize(1);
      Obligation o = s.obligations().get(0);
      assertThat(o.pack()).isEqualTo("t");
      assertThat(o.rule()).isEqualTo("p");
      assertThat(o.citation()).isEqualTo("Test § p");
    }
  }

  @Nested
  class EffectivePurposes { // § 7
    private final PolicyEngine e = engine(PERMIT_ALL);

    private List<Purpose> purposes(TestPacks.Req r) {
      return e.decide(r.build()).effectivePurposes();
    }

    @Test
    void theDeclaredPurposeComesFirstAndAloneWhenNothingSaysOtherwise() {
      assertThat(purposes(req())).containsExactly(Purpose.VIOLENT_CRIME);
      assertThat(e.decide(req().build()).inferences()).isEmpty();
    }

    @Test
    void anImmigrationAuthorityImpliesCivilImmigrationEnforcement() {
      DecisionResult r = e.decide(req().requester(ICE_ERO).purpose("COUNTERTERRORISM").build());
      assertThat(r.effectivePurposes()).containsExactly(Purpose.COUNTERTERRORISM,
          Purpose.CIVIL_IMMIGRATION_ENFORCEMENT);
      assertThat(r.inferences().get(0).because()).contains("ICE_ERO");
    }

    @Test
    void unlessTheProcessIsJudicialAndTheCaseCriminal() {
      assertThat(purposes(req().requester(ICE_HSI).purpose("HUMAN_TRAFFICKING")
          .process("JUDICIAL_WARRANT", "MAGISTRATE", "AO 93")))
          .containsExactly(Purpose.HUMAN_TRAFFICKING);
      // A judicial warrant for a civil purpose does not lift the inference.
      assertThat(purposes(req().requester(ICE_HSI).purpose("CIVIL_OTHER")
          .process("JUDICIAL_WARRANT", "MAGISTRATE", "AO 93")))
          .contains(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT);
      // A criminal purpose without judicial process does not either.
      assertThat(purposes(req().requester(ICE_HSI).purpose("HUMAN_TRAFFICKING")))
          .contains(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT);
    }

    @Test
    void theBeneficiaryOfARelayedRequestCounts() {
      DecisionResult r = e.decide(req().onBehalfOf(ICE_ERO).build());
      assertThat(r.effectivePurposes()).contains(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT);
      assertThat(r.inferences()).anyMatch(i -> i.because().contains("on behalf of"));
    }

    @Test
    void administrativeProcessImpliesCivilImmigrationWhoeverPresentsIt() {
      for (String type : List.of("DETAINER", "ADMINISTRATIVE_WARRANT", "NCIC_IMMIGRATION_HIT")) {
        assertThat(purposes(req().process(type, null, null))).as(type)
            .contains(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT);
      }
      assertThat(purposes(req().process("ADMINISTRATIVE_SUBPOENA", null, null)))
          .doesNotContain(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT);
    }

    @Test
    void aFormNumberInTheReferenceCounts() {
      assertThat(purposes(req().process("ADMINISTRATIVE_SUBPOENA", "AGENCY_OFFICER", "Form I-138")))
          .contains(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT);
    }

    @Test
    void theJustificationTextCounts() {
      assertThat(purposes(req().justification("assist ICE ERO with a warrant")))
          .contains(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT);
      assertThat(purposes(req().justification("police follow-up, hotplate removal, possession of ice")))
          .containsExactly(Purpose.VIOLENT_CRIME);
    }

    @Test
    void aPurposeAppearsOnce() {
      DecisionResult r = e.decide(req().requester(ICE_ERO).purpose("CIVIL_IMMIGRATION_ENFORCEMENT")
          .process("ADMINISTRATIVE_WARRANT", "AGENCY_OFFICER", "I-200").justification("ICE warrant").build());
      assertThat(r.effectivePurposes()).containsExactly(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT);
      assertThat(r.inferences()).hasSize(4);
    }
  }

  @Nested
  class RequestLevel { // § 8
    private final String dmvOnly = header("d", "US") + rule("dmv", "permit", "kinds: [DMV]");
    private final String school = source("school", "SCHOOL", "US-CA-SF", "education.record");

    @Test
    void permitWhenAnySourceReleases() {
      DecisionResult r = engine(dmvOnly).decide(req().sources(CA_DMV, school).build());
      assertThat(r.decision()).isEqualTo(Decision.PERMIT);
      assertThat(r.sources()).extracting(SourceDecision::decision).containsExactly(Decision.PERMIT, Decision.DENY);
    }

    @Test
    void referWhenNothingIsReleasedButSomethingAwaitsReview() {
      String refer = header("r", "US") + rule("hold-school", "refer", "kinds: [SCHOOL]");
      DecisionResult r = engine(refer).decide(req().sources(CA_DMV, school).build());
      assertThat(r.decision()).isEqualTo(Decision.REFER);
    }

    @Test
    void denyWhenNothingIsReleasedOrPending() {
      DecisionResult r = engine(dmvOnly).decide(req().sources(school).build());
      assertThat(r.decision()).isEqualTo(Decision.DENY);
    }

    @Test
    void everyDecisionNamesThePacksInForceWithTheirDigests() {
      DecisionResult r = engine(dmvOnly, PERMIT_ALL).decide(req().build());
      assertThat(r.packs()).extracting(p -> p.id()).containsExactly("d", "allow");
      assertThat(r.packs()).allSatisfy(p -> assertThat(p.digest()).matches("sha256:[0-9a-f]{64}"));
    }
  }

  @Test
  void aConditionThatFailsAtRunTimeDecidesNothing() {
    PolicyEngine e = engine(PERMIT_ALL, header("bad", "US")
        + rule("oob", "forbid", "when: \"purposes[3] == 'OTHER'\""));
    assertThatThrownBy(() -> e.decide(req().build()))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("bad/oob");
  }

  @Test
  void explainSaysWhyEachCategoryWentItsWay() {
    PolicyEngine e = engine(header("x", "US") + rule("home", "permit", "categories: [address.home]")
        + rule("never", "forbid", "when: \"purpose == 'OTHER'\""));
    String text = e.explain(req().requester(SF_POLICE).build()).toText();
    assertThat(text).contains("address.home: released — x/home");
    assertThat(text).contains("dmv.record: withheld — no rule permits it");
    assertThat(text).contains("x/never [forbid] when is false for this request");
  }
}
