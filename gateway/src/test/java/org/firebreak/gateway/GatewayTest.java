package org.firebreak.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.json.StrictJson;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerOptions;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.ledger.note.NoteSigner;
import org.firebreak.ledger.tree.Proofs;
import org.firebreak.policy.Policy;
import org.firebreak.store.Release;
import org.firebreak.store.RequestStatus;
import org.firebreak.store.Role;
import org.firebreak.store.Source;
import org.firebreak.store.Store;
import org.firebreak.store.StoredRequest;
import org.firebreak.store.StoredRecord;
import org.firebreak.store.TestDatabases;
import org.firebreak.store.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pipeline end to end, without HTTP, on SQLite and on PostgreSQL, with the shipped packs and a real ledger. */
class GatewayTest {
  private static final StrictJson JSON = new StrictJson();

  @TempDir
  Path tmp;

  private TestDatabases.Database db;
  private Store store;
  private Ledger ledger;
  private NoteSigner signer;
  private Gateway gateway;

  private void start(TestDatabases.Kind kind) throws Exception {
    db = TestDatabases.create(kind, tmp);
    store = Store.open(db.url());
    signer = NoteSigner.generate("gateway.test/log", new SecureRandom());
    ledger = Ledger.create(store.ledgerStorage(), signer, "gateway.test/log", LedgerOptions.defaults());
    gateway = new Gateway(store, new Policy(JSON).shippedEngine(), ledger, JSON,
        Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));
    agency("sfpd", AgencyLevel.LOCAL, Component.POLICE, "US-CA-SF");
    agency("chp", AgencyLevel.STATE, Component.STATE_POLICE, "US-CA");
    agency("ice-ero-sf", AgencyLevel.FEDERAL, Component.ICE_ERO, "US");
    agency("ca-dmv-agency", AgencyLevel.STATE, Component.DMV, "US-CA");
    store.sources().create(new Source("ca-dmv", SourceKind.DMV, new Jurisdiction("US-CA"), "ca-dmv-agency",
        Map.of("name", Category.IDENTITY, "license", Category.DMV_RECORD, "home", Category.ADDRESS_HOME,
            "docs", Category.DMV_SOURCE_DOCUMENTS, "status", Category.IMMIGRATION_STATUS),
        List.of("name", "license")));
    store.records().ingest("ca-dmv", List.of(
        new StoredRecord("ca-dmv", "r1", Map.of("name", "Ana Ruiz", "license", "D1234567",
            "home", "12 Mission St", "docs", "passport MX 123", "status", "AB60")),
        new StoredRecord("ca-dmv", "r2", Map.of("name", "Ben Ito", "license", "D7654321",
            "home", "3 Oak Ave", "docs", "birth certificate", "status", "citizen"))));
  }

  @AfterEach
  void stop() throws Exception {
    if (ledger != null) {
      ledger.close();
    }
    if (store != null) {
      store.close();
    }
    if (db != null) {
      db.drop();
    }
  }

  private void agency(String id, AgencyLevel level, Component c, String j) {
    store.agencies().create(new Agency(id, id, level, c, new Jurisdiction(j)));
  }

  private Caller caller(String userId, String agencyId, Role... roles) {
    String token = store.users().createWithToken(new User(userId, agencyId, Set.of(roles), List.of(), List.of()));
    return gateway.authenticate(token);
  }

  private RequestOutcome ask(Caller c, String json) {
    return gateway.submit(c, JSON.read(json, RequestBody.class, "test"), json);
  }

  /** Officer {@code n} of SFPD asks for Ana Ruiz's DMV record for armed robbery case SF-26-{@code n}. */
  private RequestOutcome armedRobberyLookup(int n) {
    Caller officer = caller("officer-" + n, "sfpd", Role.REQUESTER);
    return ask(officer, """
        {"purpose":"VIOLENT_CRIME","justification":"armed robbery","caseNumber":"SF-26-%d",
         "sources":["ca-dmv"],"query":{"name":"Ana Ruiz"}}""".formatted(n));
  }

  private void assertReceiptVerifies(RequestOutcome o) throws Exception {
    Receipt r = o.receipt().orElseThrow();
    SignedCheckpoint cp = SignedCheckpoint.parse(r.checkpoint(), List.of(signer.verifier()));
    assertThat(cp.checkpoint().size()).isEqualTo(r.treeSize());
    Proofs.verifyInclusion(r.index(), r.treeSize(), r.leafHash(), r.inclusionProof(), cp.checkpoint().root());
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-20T10:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void aRevokedTokenStopsWorkingWithinTheCallerCacheTimeAndAnUnknownOneNeverWorks(TestDatabases.Kind kind)
      throws Exception {
    start(kind);
    MovableClock clock = new MovableClock();
    Gateway g = new Gateway(store, new Policy(JSON).shippedEngine(), ledger, JSON, clock);
    String token = store.users().createWithToken(new User("officer-9", "sfpd", Set.of(Role.REQUESTER), List.of(),
        List.of()));
    assertThat(g.authenticate(token).user().id()).isEqualTo("officer-9");
    assertThat(store.users().revokeToken(token)).isTrue();
    // Remembered: the registry is not read again until the cache time has passed.
    assertThat(g.authenticate(token).user().id()).isEqualTo("officer-9");
    clock.now = clock.now.plus(Gateway.CALLER_CACHE_TTL).plusMillis(1);
    assertThatThrownBy(() -> g.authenticate(token)).isInstanceOfSatisfying(GatewayException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    // Refusals are not remembered: a token issued later works at once.
    String unknown = "fbk_" + "0".repeat(43);
    assertThatThrownBy(() -> g.authenticate(unknown)).isInstanceOf(GatewayException.class);
    String fresh = store.users().issueToken("officer-9");
    assertThat(g.authenticate(fresh).user().id()).isEqualTo("officer-9");
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void theLedgerIndexIsRecordedAfterTheAnswerAndReadsBackAtOnce(TestDatabases.Kind kind) throws Exception {
    start(kind);
    Caller officer = caller("officer-8", "sfpd", Role.REQUESTER);
    RequestOutcome o = ask(officer, """
        {"purpose":"VIOLENT_CRIME","caseNumber":"SF-26-8","sources":["ca-dmv"],"query":{"license":"D1234567"}}""");
    long index = o.receipt().orElseThrow().index();
    // Whether or not the store has recorded it yet, the request reads back with the same receipt.
    assertThat(gateway.get(officer, o.id()).receipt().orElseThrow().index()).isEqualTo(index);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (store.requests().get(o.id()).orElseThrow().ledger().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(store.requests().get(o.id()).orElseThrow().ledger().orElseThrow().index()).isEqualTo(index);
    assertThat(store.requests().unlogged(10)).isEmpty();
    assertThat(gateway.reconcileLedger()).isEqualTo(new Gateway.Reconciled(0, 0));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void afterACrashBetweenStoreAndLedgerReconcilingFindsOrAppendsEachStoredEntryOnce(TestDatabases.Kind kind)
      throws Exception {
    start(kind);
    caller("officer-7", "sfpd", Role.REQUESTER);
    long floor = ledger.checkpoint().checkpoint().size();
    // Crash 1: stored with its entry, never appended.
    byte[] lost = "{\"type\":\"decision\",\"test\":\"never appended\"}".getBytes(StandardCharsets.UTF_8);
    String a = store.requests().newId();
    store.requests().receiveDecided(a, "officer-7", "sfpd", "{}", Instant.parse("2026-11-20T10:00:00Z"),
        Decision.DENY, "{}", List.of(), store.requests().newSalt(),
        java.util.Optional.of(new org.firebreak.store.UnloggedEntry(a, lost, floor)));
    // Crash 2: stored and appended, the index never recorded.
    byte[] appended = "{\"type\":\"decision\",\"test\":\"appended\"}".getBytes(StandardCharsets.UTF_8);
    String b = store.requests().newId();
    store.requests().receiveDecided(b, "officer-7", "sfpd", "{}", Instant.parse("2026-11-20T10:00:00Z"),
        Decision.DENY, "{}", List.of(), store.requests().newSalt(),
        java.util.Optional.of(new org.firebreak.store.UnloggedEntry(b, appended, floor)));
    long bIndex = ledger.append(appended).get();
    ledger.checkpointCovering(bIndex + 1).get();
    long sizeBefore = ledger.checkpoint().checkpoint().size();

    assertThat(gateway.reconcileLedger()).isEqualTo(new Gateway.Reconciled(1, 1));
    // b found where it was, a appended once: the log grew by exactly one entry, a's.
    assertThat(store.requests().get(b).orElseThrow().ledger().orElseThrow().index()).isEqualTo(bIndex);
    long aIndex = store.requests().get(a).orElseThrow().ledger().orElseThrow().index();
    assertThat(ledger.checkpoint().checkpoint().size()).isEqualTo(sizeBefore + 1);
    assertThat(aIndex).isEqualTo(sizeBefore);
    assertThat(ledger.reader().entry(aIndex)).isEqualTo(lost);
    assertThat(store.requests().get(a).orElseThrow().ledger().orElseThrow().leafHash())
        .isEqualTo(org.firebreak.ledger.tree.Hashes.leafHash(lost));
    assertThat(store.requests().unlogged(10)).isEmpty();
    assertThat(gateway.reconcileLedger()).isEqualTo(new Gateway.Reconciled(0, 0));
    assertThat(ledger.checkpoint().checkpoint().size()).isEqualTo(sizeBefore + 1);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void localPoliceGetTheMatchingRecordMinusWhatTheLawWithholds(TestDatabases.Kind kind) throws Exception {
    start(kind);
    Caller officer = caller("officer-1", "sfpd", Role.REQUESTER);
    RequestOutcome o = ask(officer, """
        {"purpose":"VIOLENT_CRIME","justification":"armed robbery suspect","caseNumber":"SF-26-1",
         "sources":["ca-dmv"],"query":{"license":"D1234567"}}""");
    assertThat(o.decision().orElseThrow().decision()).isEqualTo(Decision.PERMIT);
    assertThat(o.status()).isEqualTo(RequestStatus.DECIDED);
    assertThat(o.released()).hasSize(1);
    Release rel = o.released().get(0);
    assertThat(rel.recordId()).isEqualTo("r1");
    // SB 244 withholds the source documents; the baseline agreement releases the rest.
    assertThat(rel.fields()).containsOnlyKeys("name", "license", "home", "status");
    assertReceiptVerifies(o);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void iceEroIsDeniedEverythingButStatusAndTheAnswerHoldsNoOtherField(TestDatabases.Kind kind) throws Exception {
    start(kind);
    Caller ice = caller("agent-1", "ice-ero-sf", Role.REQUESTER);
    RequestOutcome o = ask(ice, """
        {"purpose":"COUNTERTERRORISM","caseNumber":"26-01628",
         "legalProcess":{"type":"ADMINISTRATIVE_WARRANT","issuer":"AGENCY_OFFICER","reference":"I-200"},
         "sources":["ca-dmv"],"query":{"name":"Ana Ruiz"}}""");
    // 8 U.S.C. 1373: status only; the Values Act withholds everything else.
    assertThat(o.decision().orElseThrow().sources().get(0).released()).containsExactly(Category.IMMIGRATION_STATUS);
    assertThat(o.released()).allSatisfy(r -> assertThat(r.fields()).containsOnlyKeys("status"));
    String body = JSON.write(o.released());
    assertThat(body).doesNotContain("12 Mission St").doesNotContain("D1234567");
    assertReceiptVerifies(o);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void aRelayForIceIsDeniedWhatIceWouldBeDenied(TestDatabases.Kind kind) throws Exception {
    start(kind);
    Caller officer = caller("officer-2", "sfpd", Role.REQUESTER);
    RequestOutcome o = ask(officer, """
        {"purpose":"PROPERTY_CRIME","caseNumber":"SF-26-2","sources":["ca-dmv"],"query":{"license":"D1234567"},
         "categories":["address.home","dmv.record"],
         "onBehalfOf":{"id":"ice-ero-sf","name":"ICE ERO","level":"FEDERAL","component":"ICE_ERO",
                       "jurisdiction":"US"}}""");
    assertThat(o.decision().orElseThrow().decision()).isEqualTo(Decision.DENY);
    assertThat(o.released()).isEmpty();
    assertReceiptVerifies(o);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void aReferralIsHeldThenReleasedByAnAuditorAndBothAreLogged(TestDatabases.Kind kind) throws Exception {
    start(kind);
    Caller trooper = caller("trooper-1", "chp", Role.REQUESTER);
    RequestOutcome held = ask(trooper, """
        {"purpose":"EXIGENT_THREAT","caseNumber":"CHP-26-9","justification":"armed subject, hostage",
         "sources":["ca-dmv"],"query":{"license":"D7654321"},"categories":["dmv.source_documents"]}""");
    assertThat(held.decision().orElseThrow().decision()).isEqualTo(Decision.REFER);
    assertThat(held.status()).isEqualTo(RequestStatus.HELD);
    assertThat(held.released()).isEmpty();
    assertThat(store.requests().pending(10)).extracting(r -> r.id()).contains(held.id());

    assertThatThrownBy(() -> gateway.review(trooper, held.id(), Decision.PERMIT, "mine"))
        .isInstanceOf(GatewayException.class).extracting(e -> ((GatewayException) e).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    Caller auditor = caller("auditor-1", "chp", Role.AUDITOR);
    RequestOutcome reviewed = gateway.review(auditor, held.id(), Decision.PERMIT, "urgency confirmed");
    assertThat(reviewed.status()).isEqualTo(RequestStatus.RELEASED);
    assertThat(reviewed.released()).singleElement().satisfies(r -> {
      assertThat(r.recordId()).isEqualTo("r2");
      assertThat(r.fields()).containsExactly(Map.entry("docs", "birth certificate"));
    });
    assertReceiptVerifies(reviewed);
    assertThat(reviewed.receipt().orElseThrow().index()).isGreaterThan(held.receipt().orElseThrow().index());
    assertThatThrownBy(() -> gateway.review(auditor, held.id(), Decision.DENY, "again"))
        .isInstanceOf(GatewayException.class).extracting(e -> ((GatewayException) e).code())
        .isEqualTo(ErrorCode.CONFLICT);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void anUnknownSourceIsRejectedAndTheRejectionIsRecordedAndLogged(TestDatabases.Kind kind) throws Exception {
    start(kind);
    Caller officer = caller("officer-3", "sfpd", Role.REQUESTER);
    long before = ledger.checkpoint().checkpoint().size();
    String json = """
        {"purpose":"VIOLENT_CRIME","caseNumber":"SF-26-3","sources":["no-such-source"],"query":{"name":"x"}}""";
    assertThatThrownBy(() -> ask(officer, json))
        .isInstanceOf(GatewayException.class).extracting(e -> ((GatewayException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(ledger.checkpointCovering(before + 1).get().checkpoint().size()).isEqualTo(before + 1);
    String entry = new String(ledger.reader().entry(before), StandardCharsets.UTF_8);
    assertThat(entry).contains("\"type\":\"rejected\"").contains("\"reason\":\"not-found\"")
        .doesNotContain("officer-3").doesNotContain("no-such-source");
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void theLedgerEntryHoldsNoPersonalIdentifier(TestDatabases.Kind kind) throws Exception {
    start(kind);
    Caller officer = caller("officer-4", "sfpd", Role.REQUESTER);
    RequestOutcome o = ask(officer, """
        {"purpose":"VIOLENT_CRIME","justification":"Ana Ruiz seen at 12 Mission St","caseNumber":"SF-26-4",
         "sources":["ca-dmv"],"query":{"name":"Ana Ruiz"}}""");
    String entry = new String(ledger.reader().entry(o.receipt().orElseThrow().index()), StandardCharsets.UTF_8);
    assertThat(entry).contains("\"type\":\"decision\"").contains("\"component\":\"POLICE\"")
        .contains("\"decision\":\"PERMIT\"").contains("\"commitment\":");
    for (String secret : List.of("Ana Ruiz", "12 Mission St", "officer-4", "SF-26-4", "D1234567", "r1")) {
      assertThat(entry).doesNotContain(secret);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void whoeverHoldsTheStoredRecordAndItsSaltCanRecomputeTheCommitmentInTheLedgerEntry(TestDatabases.Kind kind)
      throws Exception {
    start(kind);
    RequestOutcome o = armedRobberyLookup(5);
    assertThat(o.released()).isNotEmpty();
    // The private record as the store keeps it, rebuilt by hand from what was stored: the request, who sent it, the
    // body as received, when, the decision, what was released.
    StoredRequest stored = store.requests().get(o.id()).orElseThrow();
    com.fasterxml.jackson.databind.ObjectMapper plain = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode record = plain.createObjectNode();
    record.put("request", stored.id());
    record.put("requester", stored.requesterId());
    record.put("agency", stored.agencyId());
    record.put("body", stored.requestJson());
    record.put("receivedAt", stored.receivedAt().toString());
    record.set("decision", plain.readTree(stored.decisionJson().orElseThrow()));
    com.fasterxml.jackson.databind.node.ArrayNode released = record.putArray("released");
    for (Release r : store.requests().releases(o.id())) {
      com.fasterxml.jackson.databind.node.ObjectNode x = released.addObject();
      x.put("source", r.sourceId());
      x.put("record", r.recordId());
      com.fasterxml.jackson.databind.node.ObjectNode f = x.putObject("fields");
      new java.util.TreeMap<>(r.fields()).forEach(f::put);
    }
    // SHA-256(salt || RFC 8785 form), the canonical form taken from the printed text by the JCS library.
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update(stored.salt());
    sha.update(org.firebreak.core.json.CanonicalJson.canonicalize(record.toString()));
    String expected = java.util.Base64.getEncoder().encodeToString(sha.digest());
    String entry = new String(ledger.reader().entry(o.receipt().orElseThrow().index()), StandardCharsets.UTF_8);
    assertThat(plain.readTree(entry).get("commitment").asText()).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void theStoredDecisionIsTheCanonicalFormOfTheDecisionNamingEveryPackInForce(TestDatabases.Kind kind)
      throws Exception {
    start(kind);
    RequestOutcome o = armedRobberyLookup(6);
    String stored = store.requests().get(o.id()).orElseThrow().decisionJson().orElseThrow();
    // The reference path: the decision as Jackson prints it, canonicalised by the JCS library.
    org.firebreak.core.model.DecisionResult decided = o.decision().orElseThrow();
    assertThat(stored).isEqualTo(org.firebreak.core.json.CanonicalJson.canonicalString(
        JSON.toTree(decided).toString()));
    List<org.firebreak.core.model.PackRef> inForce = new Policy(JSON).shippedEngine().packs().refs();
    assertThat(decided.packs()).isEqualTo(inForce);
    com.fasterxml.jackson.databind.JsonNode packs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stored)
        .get("packs");
    assertThat(packs).hasSize(inForce.size());
    String entry = new String(ledger.reader().entry(o.receipt().orElseThrow().index()), StandardCharsets.UTF_8);
    for (org.firebreak.core.model.PackRef p : inForce) {
      assertThat(entry).contains("\"" + p.id() + "@" + p.version() + " " + p.digest() + "\"");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void thePacksInForceAreLedgeredOnceAndAgainOnlyWhenTheyChange(TestDatabases.Kind kind) throws Exception {
    start(kind);
    Receipt first = gateway.announcePacks().orElseThrow();
    String entry = new String(ledger.reader().entry(first.index()), StandardCharsets.UTF_8);
    assertThat(entry).contains("\"type\":\"packs\"").contains("\"id\":\"us-ca\"").contains("sha256:");
    assertThat(gateway.announcePacks()).isEmpty();
    store.settings().put("packs-in-force", "an older set");
    assertThat(gateway.announcePacks()).isPresent();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void onlyRequestersRequestAndBadTokensAreRefused(TestDatabases.Kind kind) throws Exception {
    start(kind);
    Caller custodian = caller("cust-1", "sfpd", Role.CUSTODIAN);
    assertThatThrownBy(() -> ask(custodian, """
        {"purpose":"VIOLENT_CRIME","sources":["ca-dmv"],"query":{"name":"x"}}"""))
        .isInstanceOf(GatewayException.class).extracting(e -> ((GatewayException) e).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThatThrownBy(() -> gateway.authenticate("fbk_not-a-token"))
        .isInstanceOf(GatewayException.class).extracting(e -> ((GatewayException) e).code())
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
  }
}
