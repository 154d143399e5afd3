package org.firebreak.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.firebreak.core.error.FirebreakException;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.core.vocab.TaskForce;
import org.firebreak.detect.detector.FederalAccess;
import org.firebreak.detect.detector.ImmigrationAgency;
import org.firebreak.detect.detector.OutOfState;
import org.firebreak.detect.detector.Relay;
import org.firebreak.detect.detector.TaskForceMember;
import org.firebreak.detect.importer.Format;
import org.firebreak.store.Role;
import org.firebreak.store.Source;
import org.firebreak.store.Store;
import org.firebreak.store.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format firebreak}: requests stored in a real SQLite data directory, read back and run through detection. */
class FirebreakImportTest {
  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  private static final String CITY = "US-CA-COSTA_VERDE";

  @TempDir
  static Path dir;

  static Runs run;
  static String local;
  static String relay;
  static String texas;
  static String ice;
  static String taskForce;
  static String texasDmv;
  static String forTexas;
  static String forArizona;

  @BeforeAll
  static void storeAMonth() {
    try (Store store = Store.open("jdbc:sqlite:" + dir.resolve("firebreak.db"))) {
      store.agencies().create(new Agency("cvpd", "Costa Verde PD", AgencyLevel.LOCAL, Component.POLICE,
          new Jurisdiction(CITY)));
      store.agencies().create(new Agency("ice-ero", "ICE ERO San Francisco", AgencyLevel.FEDERAL, Component.ICE_ERO,
          new Jurisdiction("US")));
      store.agencies().create(new Agency("txdps", "Texas DPS", AgencyLevel.STATE, Component.STATE_POLICE,
          new Jurisdiction("US-TX")));
      store.users().create(new User("officer", "cvpd", Set.of(Role.REQUESTER), List.of(), List.of()));
      store.users().create(new User("tfo", "cvpd", Set.of(Role.REQUESTER), List.of(TaskForce.HSI_TASK_FORCE),
          List.of()));
      store.users().create(new User("agent", "ice-ero", Set.of(Role.REQUESTER), List.of(), List.of()));
      store.users().create(new User("trooper", "txdps", Set.of(Role.REQUESTER), List.of(), List.of()));
      store.sources().create(new Source("cvpd-alpr", SourceKind.ALPR, new Jurisdiction(CITY), "cvpd",
          Map.of("plate", Category.ALPR_READ), List.of("plate")));
      store.sources().create(new Source("ca-dmv", SourceKind.DMV, new Jurisdiction("US-CA"), "cvpd",
          Map.of("plate", Category.DMV_RECORD), List.of("plate")));

      local = store(store, "officer", "cvpd", T0, """
          {"purpose":"VIOLENT_CRIME","justification":"robbery suspect vehicle","caseNumber":"26-01628",
           "sources":["cvpd-alpr"],"query":{"plate":"7ABC123"}}""");
      relay = store(store, "officer", "cvpd", T0.plusSeconds(2 * 86_400), """
          {"purpose":"OTHER","justification":"follow-up","caseNumber":"26-01629",
           "onBehalfOf":{"id":"ice-ero","name":"ICE ERO San Francisco","level":"FEDERAL","component":"ICE_ERO",
                         "jurisdiction":"US"},
           "sources":["cvpd-alpr"],"query":{"plate":"7abc-123"}}""");
      texas = store(store, "trooper", "txdps", T0.plusSeconds(3_600), """
          {"purpose":"NARCOTICS","caseNumber":"TX-555","sources":["cvpd-alpr"],"query":{"plate":"8XYZ999"}}""");
      ice = store(store, "agent", "ice-ero", T0.plusSeconds(7_200), """
          {"purpose":"COUNTERTERRORISM","justification":"national security","caseNumber":"26-0001",
           "legalProcess":{"type":"ADMINISTRATIVE_WARRANT","issuer":"AGENCY_OFFICER","reference":"I-200"},
           "sources":["cvpd-alpr"],"query":{"plate":"5DEF456"}}""");
      taskForce = store(store, "tfo", "cvpd", T0.plusSeconds(10_800), """
          {"purpose":"CRIMINAL_IMMIGRATION","caseNumber":"HSI-77","sources":["cvpd-alpr"],"query":{"plate":"1AAA111"}}""");
      texasDmv = store(store, "trooper", "txdps", T0.plusSeconds(14_400), """
          {"purpose":"NARCOTICS","caseNumber":"TX-556","sources":["ca-dmv"],"query":{"plate":"8XYZ999"}}""");
      store.requests().reject("officer", "cvpd", "{not json", T0.plusSeconds(18_000), "malformed JSON");
      // a Costa Verde officer relaying for Texas DPS (in the registry), then for Arizona DPS (only in the body)
      forTexas = store(store, "officer", "cvpd", T0.plusSeconds(3 * 86_400), """
          {"purpose":"NARCOTICS","justification":"RFI from Texas DPS","caseNumber":"TX-557",
           "onBehalfOf":{"id":"txdps","name":"Texas DPS"},"sources":["cvpd-alpr"],"query":{"plate":"9TEX001"}}""");
      forArizona = store(store, "officer", "cvpd", T0.plusSeconds(3 * 86_400 + 3_600), """
          {"purpose":"PROPERTY_CRIME","justification":"stolen trailer","caseNumber":"AZ-12",
           "onBehalfOf":{"id":"azdps","name":"Arizona DPS","level":"STATE","component":"STATE_POLICE",
                         "jurisdiction":"US-AZ"},
           "sources":["cvpd-alpr"],"query":{"plate":"9ARZ002"},"categories":["alpr.read","no.such.category"]}""");
    }
    run = Runs.of(dir, Format.FIREBREAK);
  }

  private static String store(Store store, String user, String agency, Instant at, String body) {
    String id = store.requests().newId();
    store.requests().receiveDecided(id, user, agency, body, at, Decision.DENY, "{\"decision\":\"DENY\"}", List.of());
    return id;
  }

  @Test
  void everyRequestIsAnEventInTheOrderReceivedAndAMalformedBodyIsAProblem() {
    assertThat(run.events()).extracting(AuditEvent::id)
        .containsExactly(local, texas, ice, taskForce, texasDmv, relay, forTexas, forArizona);
    assertThat(run.problems()).hasSize(1);
    assertThat(run.problems().get(0).line()).isEqualTo(6); // received sixth, before the relay two days later
    assertThat(run.problems().get(0).toString()).contains("not a JSON object").contains("malformed JSON");
  }

  @Test
  void anEventTakesTheRequesterFromTheRegistryAndTheRestFromTheBody() {
    AuditEvent e = run.event(relay);
    assertThat(e.time()).contains(T0.plusSeconds(2 * 86_400));
    assertThat(e.user()).contains("officer");
    assertThat(e.organization()).contains("Costa Verde PD");
    assertThat(e.level()).contains(AgencyLevel.LOCAL);
    assertThat(e.component()).contains(Component.POLICE);
    assertThat(e.requesterJurisdiction()).contains(CITY);
    assertThat(e.onBehalfOf()).contains("ICE ERO San Francisco (ICE ERO)");
    assertThat(e.reason()).isEqualTo("follow-up");
    assertThat(e.caseNumber()).contains("26-01629");
    assertThat(e.offenseType()).contains("other");
    assertThat(e.subject()).contains("7abc-123");
    assertThat(e.sources()).containsExactly(SourceKind.ALPR);
    assertThat(e.custodian()).contains("Costa Verde PD");
    assertThat(e.custodianJurisdiction()).contains(CITY);
    assertThat(e.sharedAccess()).isFalse(); // the officer's own agency's plate reads

    assertThat(run.event(ice).reason()).isEqualTo("national security (legal process I-200)");
    assertThat(run.event(ice).legalProcess()).contains(LegalProcessType.ADMINISTRATIVE_WARRANT);
    assertThat(run.event(forArizona).categories()).containsExactly(Category.ALPR_READ);
    assertThat(run.event(local).categories()).isEmpty();
    assertThat(run.event(taskForce).taskForces()).containsExactly(TaskForce.HSI_TASK_FORCE);
    assertThat(run.event(texas).sharedAccess()).isTrue();
  }

  @Test
  void theAgencyActedForIsPlacedByTheRegistryElseByTheBody() {
    AuditEvent registered = run.event(forTexas);
    assertThat(registered.onBehalfOf()).contains("Texas DPS");
    assertThat(registered.onBehalfOfLevel()).contains(AgencyLevel.STATE);
    assertThat(registered.onBehalfOfJurisdiction()).contains("US-TX");
    assertThat(run.event(forArizona).onBehalfOfJurisdiction()).contains("US-AZ");
    assertThat(run.event(relay).onBehalfOfLevel()).contains(AgencyLevel.FEDERAL);
    assertThat(run.event(relay).onBehalfOfJurisdiction()).contains("US");
    assertThat(run.event(local).onBehalfOfJurisdiction()).isEmpty();
  }

  /**
   * Cal. Civ. Code § 1798.90.55(b) forbids sharing ALPR information with out-of-state and federal agencies: a Costa
   * Verde officer searching Costa Verde's own plate reads for Texas DPS, Arizona DPS or ICE shares them with it.
   */
  @Test
  void aSearchForAnotherStatesOrAFederalAgencyIsFlaggedAsItsOwnWouldBe() {
    assertThat(detectors(forTexas)).containsExactly(OutOfState.ID);
    assertThat(detectors(forArizona)).containsExactly(OutOfState.ID);
    assertThat(run.on(forTexas)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.citations()).containsExactly("Cal. Civ. Code § 1798.90.55(b)");
    });
    assertThat(detectors(relay)).contains(FederalAccess.ID).doesNotContain(OutOfState.ID);
  }

  @Test
  void theDetectorsReadFirebreaksOwnEvents() {
    assertThat(detectors(relay)).contains(ImmigrationAgency.ID);
    // The local search of 7ABC123 is followed two days later by a search of the same plate for ICE.
    assertThat(run.by(Relay.ID)).singleElement().satisfies(f -> {
      assertThat(f.eventId()).isEqualTo(local);
      assertThat(f.evidence()).containsExactly(local, relay);
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
    });
    assertThat(detectors(texas)).containsExactly(OutOfState.ID);
    assertThat(detectors(ice)).contains(ImmigrationAgency.ID, FederalAccess.ID);
    assertThat(detectors(taskForce)).contains(TaskForceMember.ID);
    // SB 34 is about plate reads: Texas asking for a DMV record is not an out-of-state ALPR search.
    assertThat(detectors(texasDmv)).isEmpty();
  }

  @Test
  void aDirectoryWithoutADatabaseIsAnErrorNamingItAndNothingIsCreated(@TempDir Path empty) {
    assertThatThrownBy(() -> Runs.of(empty, Format.FIREBREAK)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(empty.toString()).hasMessageContaining("no firebreak.db");
    assertThat(empty.resolve("firebreak.db")).doesNotExist();
    assertThatThrownBy(() -> Runs.of(empty.resolve("none.db"), Format.FIREBREAK))
        .isInstanceOf(FirebreakException.class).hasMessageContaining("none.db");
  }

  @Test
  void aFileThatIsNotADatabaseIsAnErrorNamingIt(@TempDir Path tmp) throws Exception {
    Path notDb = Files.writeString(tmp.resolve("firebreak.db"), "hello, not SQLite");
    assertThatThrownBy(() -> Runs.of(notDb, Format.FIREBREAK)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(notDb.toString()).hasMessageContaining("not a Firebreak database");
  }

  private static List<String> detectors(String eventId) {
    return run.on(eventId).stream().map(Flag::detector).toList();
  }
}
