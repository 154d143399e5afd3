package org.firebreak.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.cedarpolicy.model.exception.AuthException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.firebreak.core.json.StrictJson;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.model.LegalProcess;
import org.firebreak.core.model.Requester;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.Issuer;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.policy.Policy;
import org.firebreak.policy.PolicyEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Cedar translation of the shipped packs ({@code shipped-packs.cedar}) and the Firebreak engine decide the
 * benchmark's requests, and variants of them, alike: same released, withheld and referred categories per source,
 * same rules named, same obligations. If a shipped pack changes, this fails until the Cedar port follows.
 */
class CedarTranslationTest {
  private static final StrictJson JSON = new StrictJson();
  private static PolicyEngine engine;
  private static CedarPeer cedar;
  private static DecisionRequest relay;
  private static DecisionRequest fusion;

  @BeforeAll
  static void load() {
    engine = new Policy(JSON).shippedEngine();
    cedar = CedarPeer.load();
    relay = DecisionBenchmark.request(JSON, "relay");
    fusion = DecisionBenchmark.request(JSON, "fusion");
  }

  private static DecisionResult agree(DecisionRequest r) throws AuthException {
    DecisionResult f = engine.decide(r);
    CedarPeer.Outcome c = cedar.decide(r);
    assertThat(Agreement.differences(f, c)).as("Firebreak %s vs Cedar %s", f, c).isEmpty();
    return f;
  }

  private static Agency agency(String id, AgencyLevel level, Component component, String jurisdiction) {
    return new Agency(id, id, level, component, Jurisdiction.of(jurisdiction));
  }

  private static final Agency ICE_ERO = agency("ice-ero-sf", AgencyLevel.FEDERAL, Component.ICE_ERO, "US");
  private static final Agency ICE_HSI = agency("ice-hsi-sf", AgencyLevel.FEDERAL, Component.ICE_HSI, "US");
  private static final Agency SFPD = agency("sfpd", AgencyLevel.LOCAL, Component.POLICE, "US-CA-SF");
  private static final Agency CHP = agency("chp", AgencyLevel.STATE, Component.STATE_POLICE, "US-CA");
  private static final Agency TX_DPS = agency("tx-dps", AgencyLevel.STATE, Component.STATE_POLICE, "US-TX");

  /** The benchmark request with another requester, relay, purpose, case number, process or time. */
  private static DecisionRequest variant(Agency requester, Agency onBehalfOf, Purpose purpose, String caseNumber,
      LegalProcess process, String justification, Instant time) {
    return new DecisionRequest(new Requester("u-1", requester, List.of(), List.of()), Optional.ofNullable(onBehalfOf),
        purpose, justification, Optional.ofNullable(caseNumber), process, relay.sources(), time);
  }

  private static DecisionRequest variant(Agency requester, Agency onBehalfOf, Purpose purpose, String caseNumber,
      LegalProcess process) {
    return variant(requester, onBehalfOf, purpose, caseNumber, process, "", relay.time());
  }

  @Test
  void relayForIceReleasesOnlyImmigrationStatus() throws AuthException {
    DecisionResult r = agree(relay);
    assertThat(r.decision()).isEqualTo(Decision.PERMIT);
    assertThat(r.sources().get(0).released()).containsExactly(Category.IMMIGRATION_STATUS);
    assertThat(r.sources().get(1).decision()).isEqualTo(Decision.DENY);
    assertThat(r.sources().get(2).released()).containsExactly(Category.IMMIGRATION_STATUS);
  }

  @Test
  void fusionCenterCriminalCaseIsRedactedAndObliged() throws AuthException {
    DecisionResult r = agree(fusion);
    assertThat(r.decision()).isEqualTo(Decision.PERMIT);
    assertThat(r.sources().get(0).withheld()).containsExactly(Category.DMV_SOURCE_DOCUMENTS);
    assertThat(r.sources().get(1).obligations()).isNotEmpty();
  }

  @Test
  void iceDirectWithAnAdministrativeWarrant() throws AuthException {
    agree(variant(ICE_ERO, null, Purpose.CIVIL_IMMIGRATION_ENFORCEMENT, null,
        LegalProcess.of(LegalProcessType.ADMINISTRATIVE_WARRANT, Issuer.AGENCY_OFFICER, "I-200")));
    agree(variant(ICE_ERO, null, Purpose.COUNTERTERRORISM, "26-01628", LegalProcess.NONE));
  }

  @Test
  void relays() throws AuthException {
    agree(variant(SFPD, ICE_ERO, Purpose.VIOLENT_CRIME, "26-01628", LegalProcess.NONE));
    agree(variant(SFPD, ICE_HSI, Purpose.NARCOTICS, "26-01628",
        LegalProcess.of(LegalProcessType.JUDICIAL_WARRANT, Issuer.STATE_JUDGE, null)));
    agree(variant(CHP, TX_DPS, Purpose.PROPERTY_CRIME, "26-01628", LegalProcess.NONE));
  }

  @Test
  void localCriminalCases() throws AuthException {
    agree(variant(SFPD, null, Purpose.VIOLENT_CRIME, "26-01628", LegalProcess.NONE));
    agree(variant(SFPD, null, Purpose.VIOLENT_CRIME, null, LegalProcess.NONE));
    agree(variant(SFPD, null, Purpose.PROPERTY_CRIME, "26-01628",
        LegalProcess.of(LegalProcessType.COURT_ORDER, Issuer.STATE_JUDGE, null)));
    agree(variant(TX_DPS, null, Purpose.VIOLENT_CRIME, "26-01628", LegalProcess.NONE));
    agree(variant(SFPD, null, Purpose.VIOLENT_CRIME, "26-01628", LegalProcess.NONE,
        "suspect may be deported, check with ICE", relay.time()));
  }

  @Test
  void anExigentThreatRefersDmvSourceDocuments() throws AuthException {
    DecisionResult r = agree(variant(CHP, null, Purpose.EXIGENT_THREAT, "26-01628", LegalProcess.NONE));
    assertThat(r.sources().get(0).referred()).containsExactly(Category.DMV_SOURCE_DOCUMENTS);
  }

  @Test
  void rulesNotYetInForce() throws AuthException {
    Instant before = Instant.parse("2015-06-01T12:00:00Z");
    LegalProcess warrant = LegalProcess.of(LegalProcessType.JUDICIAL_WARRANT, Issuer.ARTICLE_III_JUDGE, null);
    agree(variant(ICE_ERO, null, Purpose.CIVIL_IMMIGRATION_ENFORCEMENT, null, warrant, "", before));
    agree(variant(ICE_ERO, null, Purpose.CIVIL_IMMIGRATION_ENFORCEMENT, null, warrant, "",
        Instant.parse("2017-06-01T12:00:00Z")));
    agree(variant(ICE_ERO, null, Purpose.CIVIL_IMMIGRATION_ENFORCEMENT, null, warrant, "", relay.time()));
  }

  /** Every component, purpose and legal-process type, directly and relayed by SFPD, with and without a case. */
  @Test
  void grid() throws AuthException {
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (Component component : Component.values()) {
      Agency a = agencyFor(component);
      for (Purpose purpose : Purpose.values()) {
        for (LegalProcessType type : LegalProcessType.values()) {
          LegalProcess process = type == LegalProcessType.NONE ? LegalProcess.NONE
              : new LegalProcess(type, Optional.empty(), Optional.empty());
          boolean relayed = (n & 1) == 1;
          String caseNumber = (n & 2) == 0 ? "26-01628" : null;
          DecisionRequest r = relayed ? variant(SFPD, a, purpose, caseNumber, process)
              : variant(a, null, purpose, caseNumber, process);
          n++;
          List<String> d = Agreement.differences(engine.decide(r), cedar.decide(r));
          if (!d.isEmpty()) {
            failures.add(component + " " + purpose + " " + type + (relayed ? " relayed" : "") + ": " + d);
          }
        }
      }
    }
    assertThat(n).isGreaterThan(2000);
    assertThat(failures).isEmpty();
  }

  private static Agency agencyFor(Component c) {
    return switch (c) {
      case ICE_ERO, ICE_HSI, CBP, USBP, USCIS, DHS_OTHER, FBI, DEA, ATF, USMS, FEDERAL_OTHER ->
          agency("a-" + c.name().toLowerCase(), AgencyLevel.FEDERAL, c, "US");
      case STATE_POLICE, FUSION_CENTER, DMV -> agency("a-" + c.name().toLowerCase(), AgencyLevel.STATE, c, "US-CA");
      default -> agency("a-" + c.name().toLowerCase(), AgencyLevel.LOCAL, c, "US-CA-SF");
    };
  }
}
