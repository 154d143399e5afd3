package org.firebreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firebreak.core.vocab.Decision;
import org.firebreak.store.StoreException.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestTest extends StoreTestBase {
  private static final String BODY = "{\"purpose\":\"VIOLENT_CRIME\",\"sources\":[\"ca-dmv\"],\"query\":{\"name\":\"Ann\"}}";
  private static final String PERMIT_JSON = "{\"decision\":\"PERMIT\"}";
  private static final String REFER_JSON = "{\"decision\":\"REFER\"}";

  @BeforeEach
  void setUp() {
    basics();
  }

  @Test
  void aPermittedRequestRoundTripsWithItsReleasesAndLedgerEntry() {
    StoredRequest received = store.requests().receive("officer", "sfpd", BODY, T0);
    assertThat(received.status()).isEqualTo(RequestStatus.RECEIVED);
    assertThat(received.id()).startsWith("req-");
    assertThat(received.salt()).hasSize(32).isNotEqualTo(new byte[32]);
    assertThat(received.receivedAt()).isEqualTo(T0);
    assertThat(received.decision()).isEmpty();
    assertThat(store.requests().get(received.id())).contains(received);

    Release release = new Release(received.id(), "ca-dmv", "d-1", Map.of("name", "Ann", "dob", "1980-01-01"));
    Instant decidedAt = T0.plusMillis(3);
    StoredRequest decided = store.requests().decide(received.id(), Decision.PERMIT, PERMIT_JSON, List.of(release),
        decidedAt);
    assertThat(decided.status()).isEqualTo(RequestStatus.DECIDED);
    assertThat(decided.decision()).contains(Decision.PERMIT);
    assertThat(decided.decisionJson()).contains(PERMIT_JSON);
    assertThat(decided.decidedAt()).contains(decidedAt);
    assertThat(decided.salt()).isEqualTo(received.salt());
    assertThat(store.requests().releases(received.id())).containsExactly(release);

    LedgerRef ref = new LedgerRef(41, leaf(7));
    StoredRequest logged = store.requests().logged(received.id(), ref);
    assertThat(logged.ledger()).contains(ref);
    assertThat(openAgain().requests().get(received.id())).contains(logged);
    assertThat(logged.requestJson()).isEqualTo(BODY);
  }

  @Test
  void requestIdsAreVersion7UuidsThatCarryTheirTimeAndSortInTheOrderTheyWereMade() throws Exception {
    long before = System.currentTimeMillis();
    String a = store.requests().newId();
    Thread.sleep(2); // the next millisecond at least
    String b = store.requests().newId();
    long after = System.currentTimeMillis();
    for (String id : List.of(a, b)) {
      java.util.UUID u = java.util.UUID.fromString(id.substring("req-".length()));
      // RFC 9562 § 5.7: version 7, the RFC's variant (binary 10), the top 48 bits the Unix time in milliseconds.
      assertThat(u.version()).isEqualTo(7);
      assertThat(u.variant()).isEqualTo(2);
      assertThat(u.getMostSignificantBits() >>> 16).isBetween(before, after);
    }
    assertThat(a).isLessThan(b);
    assertThat(store.requests().newId()).isNotEqualTo(store.requests().newId());
  }

  @Test
  void aRequestStoredWithItsDecisionAtOnceIsWhatReceiveThenDecideWouldStore() {
    String id = store.requests().newId();
    assertThat(id).startsWith("req-").isNotEqualTo(store.requests().newId());
    Release release = new Release(id, "ca-dmv", "d-1", Map.of("name", "Ann"));
    StoredRequest r = store.requests().receiveDecided(id, "officer", "sfpd", BODY, T0, Decision.PERMIT, PERMIT_JSON,
        List.of(release));
    assertThat(r.id()).isEqualTo(id);
    assertThat(r.status()).isEqualTo(RequestStatus.DECIDED);
    assertThat(r.decision()).contains(Decision.PERMIT);
    assertThat(r.decisionJson()).contains(PERMIT_JSON);
    assertThat(r.decidedAt()).contains(T0);
    assertThat(r.receivedAt()).isEqualTo(T0);
    assertThat(r.salt()).hasSize(32);
    assertThat(r.ledger()).isEmpty();
    assertThat(openAgain().requests().get(id)).contains(r);
    assertThat(store.requests().releases(id)).containsExactly(release);

    String held = store.requests().newId();
    assertThat(store.requests().receiveDecided(held, "agent", "ice-ero-sfr", BODY, T0, Decision.REFER, REFER_JSON,
        List.of()).status()).isEqualTo(RequestStatus.HELD);
    assertThat(store.requests().pending(10)).extracting(StoredRequest::id).containsExactly(held);
  }

  @Test
  void aRequestStoredWithABadDecisionStoresNothing() {
    String id = store.requests().newId();
    Release release = new Release(id, "ca-dmv", "d-1", Map.of("name", "Ann"));
    assertThatThrownBy(() -> store.requests().receiveDecided(id, "officer", "sfpd", BODY, T0, Decision.DENY, "{}",
        List.of(release))).isInstanceOf(StoreException.class).hasMessageContaining("a DENY releases nothing");
    Release other = new Release("req-other", "ca-dmv", "d-1", Map.of("name", "Ann"));
    assertThatThrownBy(() -> store.requests().receiveDecided(id, "officer", "sfpd", BODY, T0, Decision.PERMIT,
        PERMIT_JSON, List.of(other))).isInstanceOf(StoreException.class).hasMessageContaining("belongs to request");
    Release unknownSource = new Release(id, "no-such-source", "d-1", Map.of("name", "Ann"));
    assertThatThrownBy(() -> store.requests().receiveDecided(id, "officer", "sfpd", BODY, T0, Decision.PERMIT,
        PERMIT_JSON, List.of(unknownSource)))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_REFERENCE));
    assertThatThrownBy(() -> store.requests().receiveDecided(id, "officer", "no-agency", BODY, T0, Decision.PERMIT,
        PERMIT_JSON, List.of(release)))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_REFERENCE));
    assertThat(store.requests().get(id)).isEmpty();
    assertThat(store.requests().releases(id)).isEmpty();

    store.requests().receiveDecided(id, "officer", "sfpd", BODY, T0, Decision.PERMIT, PERMIT_JSON, List.of(release));
    assertThatThrownBy(() -> store.requests().receiveDecided(id, "officer", "sfpd", BODY, T0, Decision.DENY, "{}",
        List.of())).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.DUPLICATE));
    assertThat(store.requests().get(id).orElseThrow().decision()).contains(Decision.PERMIT);
  }

  @Test
  void requestsReceivedInATimeRangeAreListedOldestFirstWhateverTheirStatusAndPagedByKey() {
    StoredRequest before = store.requests().receive("officer", "sfpd", BODY, T0.minusSeconds(1));
    // Two at the same microsecond: the id orders them.
    StoredRequest a = store.requests().receive("officer", "sfpd", BODY, T0);
    StoredRequest b = store.requests().reject("agent", "ice-ero-sfr", "not json", T0, "malformed");
    StoredRequest c = store.requests().receiveDecided(store.requests().newId(), "agent", "ice-ero-sfr", BODY,
        T0.plusSeconds(60), Decision.REFER, REFER_JSON, List.of());
    StoredRequest atEnd = store.requests().receive("officer", "sfpd", BODY, T0.plusSeconds(120));
    List<StoredRequest> sameTime = a.id().compareTo(b.id()) < 0 ? List.of(a, b) : List.of(b, a);
    Instant from = T0;
    Instant to = T0.plusSeconds(120);

    List<String> all = store.requests().received(from, to, Optional.empty(), 10).stream()
        .map(AuditedRequest::id).toList();
    assertThat(all).containsExactly(sameTime.get(0).id(), sameTime.get(1).id(), c.id());
    assertThat(all).doesNotContain(before.id(), atEnd.id()); // from inclusive, to exclusive

    List<AuditedRequest> page1 = store.requests().received(from, to, Optional.empty(), 1);
    List<AuditedRequest> page2 = store.requests().received(from, to, Optional.of(page1.get(0)), 1);
    List<AuditedRequest> page3 = store.requests().received(from, to, Optional.of(page2.get(0)), 1);
    List<AuditedRequest> page4 = store.requests().received(from, to, Optional.of(page3.get(0)), 1);
    assertThat(List.of(page1.get(0).id(), page2.get(0).id(), page3.get(0).id())).isEqualTo(all);
    assertThat(page4).isEmpty();
    assertThat(page3.get(0).status()).isEqualTo(RequestStatus.HELD);
    assertThat(page3.get(0).requestJson()).isEqualTo(BODY);
    // Each is the audit trail's view of the request as stored: everything but the decision document and the salt.
    for (AuditedRequest listed : List.of(page1.get(0), page2.get(0), page3.get(0))) {
      assertThat(listed).isEqualTo(AuditedRequest.of(store.requests().get(listed.id()).orElseThrow()));
    }
    assertThat(page3.get(0).decision()).contains(Decision.REFER);
    StoredRequest rejected = sameTime.get(0).status() == RequestStatus.REJECTED ? sameTime.get(0) : sameTime.get(1);
    assertThat(AuditedRequest.of(rejected).rejection()).contains("malformed");

    // The count covers the same range: the two at T0 and the REFER at +60 s, not the one before nor the one at the end.
    assertThat(store.requests().countReceived(from, to)).isEqualTo(3);
    assertThat(store.requests().countReceived(T0.minusSeconds(1), T0)).isEqualTo(1);
    assertThat(store.requests().countReceived(T0.plusSeconds(61), to)).isZero();
    assertThatThrownBy(() -> store.requests().countReceived(to, to))
        .isInstanceOf(StoreException.class).extracting("kind").isEqualTo(Kind.INVALID);

    assertThatThrownBy(() -> store.requests().received(to, from, Optional.empty(), 10))
        .isInstanceOf(StoreException.class).extracting("kind").isEqualTo(Kind.INVALID);
    assertThatThrownBy(() -> store.requests().received(from, to, Optional.empty(), 0))
        .isInstanceOf(StoreException.class).extracting("kind").isEqualTo(Kind.INVALID);
  }

  @Test
  void timesAreKeptToTheMicrosecond() {
    Instant nanos = Instant.parse("2026-11-20T10:00:00.123456789Z");
    StoredRequest r = store.requests().receive("officer", "sfpd", BODY, nanos);
    assertThat(r.receivedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00.123456Z"));
    assertThat(store.requests().get(r.id()).orElseThrow().receivedAt()).isEqualTo(r.receivedAt());
    assertThatThrownBy(() -> store.requests().receive("officer", "sfpd", BODY, Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(StoreException.class).hasMessageContaining("outside the years");
  }

  @Test
  void aReferIsHeldListedAsPendingAndReleasedByAnAuditor() {
    StoredRequest first = store.requests().receive("agent", "ice-ero-sfr", BODY, T0);
    StoredRequest second = store.requests().receive("officer", "sfpd", BODY, T0.plusSeconds(1));
    StoredRequest third = store.requests().receive("officer", "sfpd", BODY, T0.plusSeconds(2));
    store.requests().decide(second.id(), Decision.REFER, REFER_JSON, List.of(), T0.plusSeconds(3));
    store.requests().decide(first.id(), Decision.REFER, REFER_JSON, List.of(), T0.plusSeconds(3));
    store.requests().decide(third.id(), Decision.DENY, "{}", List.of(), T0.plusSeconds(3));
    assertThat(store.requests().pending(10)).extracting(StoredRequest::id).containsExactly(first.id(), second.id());
    assertThat(store.requests().pending(1)).extracting(StoredRequest::id).containsExactly(first.id());
    assertThat(store.requests().get(first.id()).orElseThrow().status()).isEqualTo(RequestStatus.HELD);

    Release release = new Release(second.id(), "ca-dmv", "d-9", Map.of("plate", "7ABC123"));
    Review review = store.requests().review(second.id(), "auditor", Decision.PERMIT, "judicial warrant on file",
        T0.plusSeconds(60), List.of(release));
    assertThat(review.id()).startsWith("rev-");
    assertThat(store.requests().get(second.id()).orElseThrow().status()).isEqualTo(RequestStatus.RELEASED);
    assertThat(store.requests().releases(second.id())).containsExactly(release);
    assertThat(store.requests().reviewOf(second.id())).contains(review);

    Review denied = store.requests().review(first.id(), "auditor", Decision.DENY, "civil immigration",
        T0.plusSeconds(61), List.of());
    assertThat(store.requests().get(first.id()).orElseThrow().status()).isEqualTo(RequestStatus.DENIED);
    assertThat(store.requests().pending(10)).isEmpty();

    Review logged = store.requests().reviewLogged(denied.id(), new LedgerRef(5, leaf(1)));
    assertThat(logged.ledger()).contains(new LedgerRef(5, leaf(1)));
    assertThat(store.requests().reviewOf(first.id())).contains(logged);
    assertThatThrownBy(() -> store.requests().reviewLogged(denied.id(), new LedgerRef(6, leaf(2))))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
  }

  @Test
  void reviewsAreRefusedUnlessHeldByAnAuditorOnceAndChangeNothingWhenRefused() {
    StoredRequest r = store.requests().receive("officer", "sfpd", BODY, T0);
    assertThatThrownBy(() -> store.requests().review(r.id(), "auditor", Decision.PERMIT, "", T0, List.of()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining("RECEIVED, not HELD");
    store.requests().decide(r.id(), Decision.REFER, REFER_JSON, List.of(), T0);
    assertThatThrownBy(() -> store.requests().review(r.id(), "officer", Decision.PERMIT, "", T0, List.of()))
        .isInstanceOf(StoreException.class).hasMessageContaining("not an AUDITOR");
    assertThatThrownBy(() -> store.requests().review(r.id(), "ghost", Decision.PERMIT, "", T0, List.of()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_REFERENCE));
    assertThatThrownBy(() -> store.requests().review(r.id(), "auditor", Decision.REFER, "", T0, List.of()))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.requests().review(r.id(), "auditor", Decision.DENY, "", T0,
        List.of(new Release(r.id(), "ca-dmv", "d-1", Map.of()))))
        .isInstanceOf(StoreException.class).hasMessageContaining("DENY releases nothing");
    // A release from an unknown source fails after the status update ran: the update is rolled back with it.
    assertThatThrownBy(() -> store.requests().review(r.id(), "auditor", Decision.PERMIT, "", T0,
        List.of(new Release(r.id(), "no-such-source", "x", Map.of("a", "b")))))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_REFERENCE));
    assertThat(store.requests().get(r.id()).orElseThrow().status()).isEqualTo(RequestStatus.HELD);
    assertThat(store.requests().reviewOf(r.id())).isEmpty();
    assertThat(store.requests().releases(r.id())).isEmpty();

    store.requests().review(r.id(), "auditor", Decision.PERMIT, "ok", T0, List.of());
    assertThatThrownBy(() -> store.requests().review(r.id(), "auditor", Decision.DENY, "again", T0, List.of()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
    assertThat(store.requests().reviewOf(r.id()).orElseThrow().note()).isEqualTo("ok");
    assertThatThrownBy(() -> store.requests().review("req-none", "auditor", Decision.DENY, "", T0, List.of()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
  }

  @Test
  void decideOnlyOnceAndAtomically() {
    StoredRequest r = store.requests().receive("officer", "sfpd", BODY, T0);
    Release good = new Release(r.id(), "ca-dmv", "d-1", Map.of("name", "Ann"));
    // Refused: the second release names a source that does not exist. Neither the status nor the first release stays.
    assertThatThrownBy(() -> store.requests().decide(r.id(), Decision.PERMIT, PERMIT_JSON,
        List.of(good, new Release(r.id(), "nope", "x", Map.of())), T0))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.item()).hasValue(1));
    assertThat(store.requests().get(r.id())).contains(r);
    assertThat(store.requests().releases(r.id())).isEmpty();
    assertThatThrownBy(() -> store.requests().decide(r.id(), Decision.PERMIT, PERMIT_JSON, List.of(good, good), T0))
        .isInstanceOf(StoreException.class).hasMessageContaining("again");
    assertThatThrownBy(() -> store.requests().decide(r.id(), Decision.DENY, "{}", List.of(good), T0))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.requests().decide(r.id(), Decision.PERMIT, PERMIT_JSON,
        List.of(new Release("req-other", "ca-dmv", "d-1", Map.of())), T0))
        .isInstanceOf(StoreException.class).hasMessageContaining("belongs to request");
    assertThat(store.requests().get(r.id())).contains(r);

    store.requests().decide(r.id(), Decision.PERMIT, PERMIT_JSON, List.of(good), T0);
    assertThatThrownBy(() -> store.requests().decide(r.id(), Decision.DENY, "{}", List.of(), T0))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining("DECIDED, not RECEIVED");
    assertThatThrownBy(() -> store.requests().decide("req-none", Decision.DENY, "{}", List.of(), T0))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    assertThat(store.requests().releases(r.id())).containsExactly(good);
  }

  @Test
  void aStoredEntryStaysUnloggedUntilItsIndexIsRecordedLater() {
    byte[] salt = store.requests().newSalt();
    String a = store.requests().newId();
    String b = store.requests().newId();
    byte[] entryA = "{\"type\":\"decision\",\"n\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] entryB = "{\"type\":\"decision\",\"n\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    StoredRequest ra = store.requests().receiveDecided(a, "officer", "sfpd", BODY, T0, Decision.DENY, "{}",
        List.of(), salt, Optional.of(new UnloggedEntry(a, entryA, 12)));
    store.requests().receiveDecided(b, "officer", "sfpd", BODY, T0, Decision.DENY, "{}", List.of(),
        store.requests().newSalt(), Optional.of(new UnloggedEntry(b, entryB, 10)));
    // The salt is the one the caller committed to; a request stored without an entry is never listed.
    assertThat(ra.salt()).isEqualTo(salt);
    store.requests().receiveDecided(store.requests().newId(), "officer", "sfpd", BODY, T0, Decision.DENY, "{}",
        List.of());
    // Lowest floor first, and the same after reopening (what a restart after a crash sees).
    assertThat(openAgain().requests().unlogged(10)).containsExactly(new UnloggedEntry(b, entryB, 10),
        new UnloggedEntry(a, entryA, 12));

    store.requests().loggedLater(b, new LedgerRef(11, leaf(11)));
    store.awaitQueuedWrites(); // the write queued above is committed once this returns
    assertThat(store.requests().unlogged(10)).containsExactly(new UnloggedEntry(a, entryA, 12));
    assertThat(store.requests().get(b).orElseThrow().ledger()).contains(new LedgerRef(11, leaf(11)));
    // Recorded once only, like logged(); the failure arrives in the future, not as a throw.
    assertThat(store.requests().loggedLater(b, new LedgerRef(13, leaf(13))))
        .failsWithin(java.time.Duration.ofSeconds(10)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause().isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
    assertThat(store.requests().loggedLater("req-none", new LedgerRef(14, leaf(14))))
        .failsWithin(java.time.Duration.ofSeconds(10)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause().isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    store.requests().logged(a, new LedgerRef(12, leaf(12)));
    assertThat(store.requests().unlogged(10)).isEmpty();
    // Once its index is recorded the store keeps no copy of an entry: the log holds it (V7).
    int copies = store.jdbi().withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM ledger_pending) "
        + "+ (SELECT COUNT(*) FROM requests WHERE ledger_entry IS NOT NULL)").mapTo(Integer.class).one());
    assertThat(copies).isZero();
  }

  @Test
  void aTextKeptOnceIsCutOutOfTheRowsAndPutBackByteForByte() {
    // Two recurring parts, as the gateway names them (the packs in force as a decision and as an entry write them),
    // with characters outside ASCII, so character and byte offsets differ.
    String decisionPart = "[{\"digest\":\"sha256:aa\",\"id\":\"us-ca\",\"note\":\"§ 7284.6 — Values Act\"}]";
    String entryPart = "[\"us-ca@2026.11.0 sha256:aa ¶\"]";
    store.requests().keepOnce(decisionPart);
    store.requests().keepOnce(entryPart);
    store.requests().keepOnce(decisionPart); // naming it again changes nothing
    String decision = "{\"decision\":\"PERMIT\",\"note\":\"é\",\"packs\":" + decisionPart + ",\"sources\":[]}";
    byte[] entry = ("{\"day\":\"2026-11-20\",\"note\":\"ü\",\"packs\":" + entryPart + ",\"v\":2}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String id = store.requests().newId();
    store.requests().receiveDecided(id, "officer", "sfpd", BODY, T0, Decision.DENY, decision, List.of(),
        store.requests().newSalt(), Optional.of(new UnloggedEntry(id, entry, 4)));
    // A decision holding no kept part is stored whole.
    String plain = store.requests().newId();
    store.requests().receiveDecided(plain, "officer", "sfpd", BODY, T0, Decision.DENY, PERMIT_JSON.replace(
        "PERMIT", "DENY"), List.of(), store.requests().newSalt(), Optional.of(new UnloggedEntry(plain, entry, 5)));

    // The rows hold neither part; where it goes is recorded. The entry is kept with the pending index, not in the
    // request's row (V7).
    record Row(String decision, byte[] entry, Long decisionPart, Long entryPart, byte[] inRow) {}
    Row row = store.jdbi().withHandle(h -> h.createQuery("SELECT r.decision_json, p.entry, r.decision_part, "
        + "p.entry_part, r.ledger_entry FROM requests r JOIN ledger_pending p ON p.request_id = r.id WHERE r.id = :id")
        .bind("id", id).map((rs, ctx) -> new Row(rs.getString(1), rs.getBytes(2), (Long) rs.getObject(3, Long.class),
            (Long) rs.getObject(4, Long.class), rs.getBytes(5))).one());
    assertThat(row.inRow()).isNull();
    assertThat(row.decision()).doesNotContain(decisionPart).hasSize(decision.length() - decisionPart.length());
    assertThat(new String(row.entry(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(entryPart);
    assertThat(row.decisionPart()).isNotNull();
    assertThat(row.entryPart()).isNotNull().isNotEqualTo(row.decisionPart());

    // Read back, here and by a store opened again (the parts are in the database, not only in memory), exactly.
    for (Store s : List.of(store, openAgain())) {
      assertThat(s.requests().get(id).orElseThrow().decisionJson()).contains(decision);
      assertThat(s.requests().get(plain).orElseThrow().decisionJson()).contains("{\"decision\":\"DENY\"}");
      assertThat(s.requests().unlogged(10)).containsExactly(new UnloggedEntry(id, entry, 4),
          new UnloggedEntry(plain, entry, 5));
    }
    // The kept text is one row however often it is named, and by a store opened again.
    openAgain().requests().keepOnce(decisionPart);
    int kept = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM repeated_texts")
        .mapTo(Integer.class).one());
    assertThat(kept).isEqualTo(2);
  }

  @Test
  void anEntryForAnotherRequestOrABadSaltIsRefusedAndNothingIsStored() {
    String id = store.requests().newId();
    byte[] entry = {'{', '}'};
    assertThatThrownBy(() -> store.requests().receiveDecided(id, "officer", "sfpd", BODY, T0, Decision.DENY, "{}",
        List.of(), store.requests().newSalt(), Optional.of(new UnloggedEntry("req-other", entry, 0))))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("req-other");
    assertThatThrownBy(() -> store.requests().receiveDecided(id, "officer", "sfpd", BODY, T0, Decision.DENY, "{}",
        List.of(), new byte[31], Optional.empty()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
    assertThatThrownBy(() -> new UnloggedEntry(id, new byte[0], 0)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> new UnloggedEntry(id, new byte[65_536], 0)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> new UnloggedEntry(id, entry, -1)).isInstanceOf(StoreException.class);
    assertThat(store.requests().get(id)).isEmpty();
    assertThat(store.requests().unlogged(10)).isEmpty();
  }

  @Test
  void loggedOnceOnlyAndLedgerIndexesAreUnique() {
    StoredRequest a = store.requests().receive("officer", "sfpd", BODY, T0);
    StoredRequest b = store.requests().receive("officer", "sfpd", BODY, T0);
    store.requests().logged(a.id(), new LedgerRef(0, leaf(0)));
    assertThatThrownBy(() -> store.requests().logged(a.id(), new LedgerRef(1, leaf(1))))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
    assertThatThrownBy(() -> store.requests().logged(b.id(), new LedgerRef(0, leaf(0))))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.DUPLICATE));
    assertThatThrownBy(() -> store.requests().logged("req-none", new LedgerRef(2, leaf(2))))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    assertThat(store.requests().get(b.id()).orElseThrow().ledger()).isEmpty();
    assertThat(store.requests().get(a.id()).orElseThrow().ledger()).contains(new LedgerRef(0, leaf(0)));
  }

  @Test
  void aRejectedRequestIsStoredAsReceivedWhateverItHolds() {
    String garbage = "{\"purpose\": \"NOT_A_PURPOSE\", \"x\": \"\u0000\u00e9\ud83d\ude00\" ";
    StoredRequest r = store.requests().reject("officer", "sfpd", garbage, T0,
        "$.purpose: unknown value 'NOT_A_PURPOSE\u0000'");
    assertThat(r.status()).isEqualTo(RequestStatus.REJECTED);
    assertThat(r.rejection()).contains("$.purpose: unknown value 'NOT_A_PURPOSE\uFFFD'");
    StoredRequest read = store.requests().get(r.id()).orElseThrow();
    assertThat(read).isEqualTo(r);
    assertThat(read.requestJson()).isEqualTo(garbage);
    assertThat(read.decision()).isEmpty();
    assertThatThrownBy(() -> store.requests().decide(r.id(), Decision.PERMIT, "{}", List.of(), T0))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
    assertThat(store.requests().reject("officer", "sfpd", "", T0, " ").rejection()).contains("rejected");
  }

  @Test
  void requestsNeedAKnownRequesterAndAgency() {
    assertThatThrownBy(() -> store.requests().receive("ghost", "sfpd", BODY, T0))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_REFERENCE));
    assertThatThrownBy(() -> store.requests().reject("officer", "nowhere", BODY, T0, "bad"))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_REFERENCE));
    long rows = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM requests").mapTo(Long.class).one());
    assertThat(rows).isZero();
    assertThat(store.requests().get("req-none")).isEqualTo(Optional.empty());
  }

  private static byte[] leaf(int seed) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) seed);
    b[0] = (byte) 0xAB;
    return b;
  }
}
