package org.firebreak.store;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.firebreak.core.vocab.Decision;
import org.firebreak.store.StoreException.Kind;
import org.jdbi.v3.core.Handle;

/**
 * Requests, their releases and reviews. A request is stored as received ({@link #receive}) or as rejected ({@link
 * #reject}); {@link #decide} records the rule packs' decision and what was released; {@link #logged} records where
 * its ledger entry sits. A REFER holds it until {@link #review}. Every method is one transaction; a refused one
 * changes nothing. The writes of the request path are grouped: many threads' writes share one commit. State changes are conditional updates, so two nodes reviewing the same request at once cannot
 * both succeed.
 */
public final class RequestRepository {
  /** Most requests one listing returns. */
  public static final int MAX_LIMIT = 10_000;
  /** Requests with their ledger index when recorded (V5 keeps it beside the row). */
  private static final String REQUESTS_WITH_INDEX =
      " FROM requests r LEFT JOIN request_ledger l ON l.request_id = r.id";
  /** A stored request; queries add their WHERE. */
  private static final String SELECT_REQUESTS = "SELECT r.id, r.requester_id, r.agency_id, r.body, r.received_at, "
      + "r.status, r.decision, r.decision_json, r.decision_part_at, dp.text AS decision_part, r.decided_at, "
      + "r.rejection, r.salt, l.ledger_index, l.leaf_hash" + REQUESTS_WITH_INDEX
      + " LEFT JOIN repeated_texts dp ON dp.id = r.decision_part";

  private final Db db;
  private final SourceRepository sources;
  private final RepeatedTexts repeated;
  private final SecureRandom random = new SecureRandom();

  RequestRepository(Db db, SourceRepository sources) {
    this.db = db;
    this.sources = sources;
    this.repeated = new RepeatedTexts(db);
  }

  /**
   * Names a text that most decisions or public entries stored from now on contain (the packs in force, as they write
   * them): the store keeps it once and each row refers to it, instead of holding it in every row. What is read back is
   * the same, byte for byte. At most {@value RepeatedTexts#MAX} texts; naming one again does nothing.
   */
  public void keepOnce(String text) {
    repeated.keep(text);
  }

  /**
   * Stores a request as received (status {@code RECEIVED}) with a fresh id and salt.
   *
   * @param requestJson the body as received
   * @throws StoreException {@code UNKNOWN_REFERENCE} for an unknown requester or agency
   */
  public StoredRequest receive(String requesterId, String agencyId, String requestJson, Instant time) {
    Objects.requireNonNull(requestJson, "requestJson");
    return insert(newId(), requesterId, agencyId, requestJson, time, RequestStatus.RECEIVED, null,
        Optional.empty(), newSalt(), Optional.empty());
  }

  /**
   * A fresh request id, for {@link #receiveDecided}: its releases name the request before it is stored. A version 7
   * UUID (RFC 9562 § 5.7: the Unix time in milliseconds, then 74 random bits), so ids of requests stored together sort
   * together and each insert lands at the end of the id index, not on a random page of it.
   */
  public String newId() {
    long hi = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
    long lo = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return "req-" + new UUID(hi, lo);
  }

  /**
   * Stores a request and its decision at once, as {@link #receive} then {@link #decide} would, in one transaction
   * (grouped with other threads' writes): status {@code HELD} for REFER, else {@code DECIDED}.
   *
   * @param id from {@link #newId}
   * @throws StoreException as {@link #receive} and {@link #decide}, and {@code DUPLICATE} for an id already stored
   */
  public StoredRequest receiveDecided(String id, String requesterId, String agencyId, String requestJson,
      Instant time, Decision decision, String decisionJson, List<Release> releases) {
    return receiveDecided(id, requesterId, agencyId, requestJson, time, decision, decisionJson, releases, newSalt(),
        Optional.empty());
  }

  /** 32 fresh random bytes for a request's ledger commitment. */
  public byte[] newSalt() {
    byte[] salt = new byte[32];
    random.nextBytes(salt);
    return salt;
  }

  /**
   * As {@link #receiveDecided(String, String, String, String, Instant, Decision, String, List)}, with the salt the
   * caller committed to and the public ledger entry it will append: kept with the request until {@link
   * #loggedLater} records its index, so that a crash in between loses nothing ({@link #unlogged}).
   *
   * @param salt from {@link #newSalt}
   * @param entry the request's public ledger entry, naming this request
   */
  public StoredRequest receiveDecided(String id, String requesterId, String agencyId, String requestJson,
      Instant time, Decision decision, String decisionJson, List<Release> releases, byte[] salt,
      Optional<UnloggedEntry> entry) {
    return Db.await(receiveDecidedLater(id, requesterId, agencyId, requestJson, time, decision, decisionJson,
        releases, salt, entry));
  }

  /**
   * As {@link #receiveDecided(String, String, String, String, Instant, Decision, String, List, byte[], Optional)},
   * without waiting: the future completes with the stored request once it is committed (so a caller can chain the
   * ledger append to the commit), or exceptionally with the {@link StoreException} the write failed with. Invalid
   * arguments are still thrown at once.
   */
  public java.util.concurrent.CompletableFuture<StoredRequest> receiveDecidedLater(String id, String requesterId,
      String agencyId, String requestJson, Instant time, Decision decision, String decisionJson,
      List<Release> releases, byte[] salt, Optional<UnloggedEntry> entry) {
    Checks.idArg(id, "id");
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(entry, "entry");
    if (salt.length != 32) {
      throw new StoreException(Kind.INVALID, "a salt has 32 bytes; this one has " + salt.length);
    }
    if (entry.isPresent() && !entry.get().requestId().equals(id)) {
      throw new StoreException(Kind.INVALID, "the ledger entry names request '" + entry.get().requestId()
          + "', not '" + id + "'");
    }
    Objects.requireNonNull(requestJson, "requestJson");
    Objects.requireNonNull(decision, "decision");
    Checks.textArg(decisionJson, "decisionJson");
    Checks.noNulls(releases, "releases");
    if (decision == Decision.DENY && !releases.isEmpty()) {
      throw new StoreException(Kind.INVALID, "request '" + id + "': a DENY releases nothing");
    }
    checkReleases(id, releases);
    checkSources(releases);
    RequestStatus status = decision == Decision.REFER ? RequestStatus.HELD : RequestStatus.DECIDED;
    return insertLater(id, requesterId, agencyId, requestJson, time, status, null,
        Optional.of(new Decided(decision, decisionJson, releases)), salt.clone(), entry);
  }

  /**
   * Stores a request refused as bad input (status {@code REJECTED}) with the reason. The body is kept byte for byte,
   * whatever it holds; a U+0000 in the reason becomes U+FFFD.
   */
  public StoredRequest reject(String requesterId, String agencyId, String body, Instant time, String reason) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(reason, "reason");
    String why = reason.isBlank() ? "rejected" : reason.replace('\0', '\uFFFD');
    return insert(newId(), requesterId, agencyId, body, time, RequestStatus.REJECTED, why, Optional.empty(),
        newSalt(), Optional.empty());
  }

  /**
   * Records the decision of a {@code RECEIVED} request and what it released: status {@code HELD} for REFER, else
   * {@code DECIDED}. A DENY releases nothing.
   *
   * @throws StoreException {@code NOT_FOUND}, {@code CONFLICT} when the request is not {@code RECEIVED},
   *     {@code INVALID} for a release of another request or a record released twice, {@code UNKNOWN_REFERENCE} for a
   *     release from an unknown source
   */
  public StoredRequest decide(String id, Decision decision, String decisionJson, List<Release> releases,
      Instant time) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(time, "time");
    Checks.textArg(decisionJson, "decisionJson");
    Checks.noNulls(releases, "releases");
    if (decision == Decision.DENY && !releases.isEmpty()) {
      throw new StoreException(Kind.INVALID, "request '" + id + "': a DENY releases nothing");
    }
    checkReleases(id, releases);
    RequestStatus next = decision == Decision.REFER ? RequestStatus.HELD : RequestStatus.DECIDED;
    checkSources(releases);
    return db.writeGrouped("decide request '" + id + "'", h -> {
      int n = h.createUpdate("UPDATE requests SET status = :next, decision = :d, decision_json = :j, "
              + "decision_part = NULL, decision_part_at = NULL, decided_at = :t WHERE id = :id AND status = :expected")
          .bind("next", next.name())
          .bind("d", decision.name())
          .bind("j", decisionJson)
          .bind("t", db.time(time, "time"))
          .bind("id", id)
          .bind("expected", RequestStatus.RECEIVED.name())
          .execute();
      if (n == 0) {
        throw notIn(h, id, RequestStatus.RECEIVED);
      }
      insertReleases(h, releases);
      return load(h, id).orElseThrow();
    });
  }

  /**
   * Records where the request's ledger entry sits.
   *
   * @throws StoreException {@code NOT_FOUND}, or {@code CONFLICT} when it was logged already
   */
  public StoredRequest logged(String id, LedgerRef ledger) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ledger, "ledger");
    return db.writeGrouped("record the ledger entry of request '" + id + "'", h -> {
      recordLogged(h, id, ledger);
      return load(h, id).orElseThrow();
    });
  }

  /**
   * Records where the request's ledger entry sits, in a later grouped commit that nobody waits for: the future
   * completes once it is committed, or exceptionally as {@link #logged} would fail. A crash before then leaves the
   * request in {@link #unlogged}.
   */
  public java.util.concurrent.CompletableFuture<Void> loggedLater(String id, LedgerRef ledger) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ledger, "ledger");
    return db.writeGroupedLater("record the ledger entry of request '" + id + "'", h -> {
      recordLogged(h, id, ledger);
      return null;
    });
  }

  /**
   * The stored public entries whose ledger index is not recorded, lowest floor first, at most {@code limit}: after
   * a crash, the entries to look for in the log (or to append).
   */
  public List<UnloggedEntry> unlogged(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new StoreException(Kind.INVALID, "limit " + limit + " is not in 1.." + MAX_LIMIT);
    }
    return db.read("list requests whose ledger index is not recorded", h -> h.createQuery(
            "SELECT p.request_id, p.entry, p.floor, p.entry_part_at, ep.text FROM ledger_pending p "
                + "LEFT JOIN repeated_texts ep ON ep.id = p.entry_part ORDER BY p.floor, p.request_id LIMIT :limit")
        .bind("limit", limit)
        .map((rs, ctx) -> new UnloggedEntry(rs.getString(1), RepeatedTexts.join(rs.getBytes(2),
            Optional.ofNullable(rs.getString(5)), rs.getInt(4), "the ledger entry of request " + rs.getString(1)),
            rs.getLong(3))).list());
  }

  /**
   * An auditor decides a {@code HELD} request: PERMIT releases it (status {@code RELEASED}, with the releases given),
   * DENY denies it (status {@code DENIED}, nothing released). One review per request.
   *
   * @throws StoreException {@code NOT_FOUND}; {@code CONFLICT} when the request is not {@code HELD};
   *     {@code INVALID} for a REFER, releases with a DENY, or a user who is not an {@code AUDITOR};
   *     {@code UNKNOWN_REFERENCE} for an unknown auditor
   */
  public Review review(String requestId, String auditorId, Decision decision, String note, Instant time,
      List<Release> releases) {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(auditorId, "auditorId");
    Objects.requireNonNull(decision, "decision");
    Checks.textArg(note, "note");
    Objects.requireNonNull(time, "time");
    Checks.noNulls(releases, "releases");
    if (decision == Decision.REFER) {
      throw new StoreException(Kind.INVALID, "a review decides PERMIT or DENY, not REFER");
    }
    if (decision == Decision.DENY && !releases.isEmpty()) {
      throw new StoreException(Kind.INVALID, "request '" + requestId + "': a DENY releases nothing");
    }
    checkReleases(requestId, releases);
    checkSources(releases);
    Review review = new Review("rev-" + UUID.randomUUID(), requestId, auditorId, decision, note,
        Db.truncate(time), Optional.empty());
    return db.write("review request '" + requestId + "'", h -> {
      boolean auditor = h.createQuery("SELECT 1 FROM user_roles WHERE user_id = :u AND role = :r")
          .bind("u", auditorId).bind("r", Role.AUDITOR.name()).mapTo(Integer.class).findOne().isPresent();
      if (!auditor) {
        throw UserRepository.exists(h, auditorId)
            ? new StoreException(Kind.INVALID, "user '" + auditorId + "' is not an AUDITOR")
            : new StoreException(Kind.UNKNOWN_REFERENCE, "user '" + auditorId + "' does not exist");
      }
      RequestStatus next = decision == Decision.PERMIT ? RequestStatus.RELEASED : RequestStatus.DENIED;
      int n = h.createUpdate("UPDATE requests SET status = :next WHERE id = :id AND status = :expected")
          .bind("next", next.name()).bind("id", requestId).bind("expected", RequestStatus.HELD.name()).execute();
      if (n == 0) {
        throw notIn(h, requestId, RequestStatus.HELD);
      }
      h.createUpdate("INSERT INTO reviews (id, request_id, auditor_id, decision, note, reviewed_at) "
              + "VALUES (:id, :request, :auditor, :decision, :note, :t)")
          .bind("id", review.id())
          .bind("request", requestId)
          .bind("auditor", auditorId)
          .bind("decision", decision.name())
          .bind("note", note)
          .bind("t", db.time(time, "time"))
          .execute();
      insertReleases(h, releases);
      return review;
    });
  }

  /**
   * Records where a review's ledger entry sits.
   *
   * @throws StoreException {@code NOT_FOUND}, or {@code CONFLICT} when it was logged already
   */
  public Review reviewLogged(String reviewId, LedgerRef ledger) {
    Objects.requireNonNull(reviewId, "reviewId");
    Objects.requireNonNull(ledger, "ledger");
    return db.writeGrouped("record the ledger entry of review '" + reviewId + "'", h -> {
      int n = h.createUpdate("UPDATE reviews SET ledger_index = :i, leaf_hash = :h "
              + "WHERE id = :id AND ledger_index IS NULL")
          .bind("i", ledger.index()).bind("h", ledger.leafHash()).bind("id", reviewId).execute();
      Optional<Review> r = h.createQuery("SELECT * FROM reviews WHERE id = :id").bind("id", reviewId)
          .map((rs, ctx) -> mapReview(rs)).findOne();
      if (r.isEmpty()) {
        throw new StoreException(Kind.NOT_FOUND, "review '" + reviewId + "' does not exist");
      }
      if (n == 0) {
        throw new StoreException(Kind.CONFLICT, "review '" + reviewId + "' is logged already");
      }
      return r.get();
    });
  }

  public Optional<StoredRequest> get(String id) {
    Objects.requireNonNull(id, "id");
    return db.read("read request '" + id + "'", h -> load(h, id));
  }

  /** The review queue; the status as a literal, so the planner uses the partial index of held requests. */
  static final String PENDING_SQL = SELECT_REQUESTS
      + " WHERE r.status = 'HELD' ORDER BY r.received_at, r.id LIMIT :limit";

  /** Requests held for review (REFER), oldest first, at most {@code limit}. */
  public List<StoredRequest> pending(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new StoreException(Kind.INVALID, "limit " + limit + " is not in 1.." + MAX_LIMIT);
    }
    return db.read("list held requests", h -> h.createQuery(PENDING_SQL).bind("limit", limit)
        .map((rs, ctx) -> map(rs)).list());
  }

  /**
   * Requests received from {@code from} (inclusive) to {@code to} (exclusive), whatever their status, oldest first
   * (by time, then id), at most {@code limit}: the audit trail detection reads. Pages by key: pass the last request
   * of the previous page as {@code after} (empty for the first page), so requests stored meanwhile are neither
   * skipped nor repeated.
   */
  public List<AuditedRequest> received(Instant from, Instant to, Optional<AuditedRequest> after, int limit) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new StoreException(Kind.INVALID, "limit " + limit + " is not in 1.." + MAX_LIMIT);
    }
    if (!from.isBefore(to)) {
      throw new StoreException(Kind.INVALID, "from " + from + " is not before to " + to);
    }
    // Bound to the first moment not before "from" after the last one: received_at > t OR (= t AND id > last id).
    Instant afterTime = after.map(AuditedRequest::receivedAt).orElse(from);
    String afterId = after.map(AuditedRequest::id).orElse("");
    // The columns the audit trail needs only: the decision document is most of a row's bytes.
    return db.read("list requests received in a time range", h -> h.createQuery(
            "SELECT r.id, r.requester_id, r.agency_id, r.body, r.received_at, r.status, r.decision, r.rejection, "
                + "l.ledger_index, l.leaf_hash" + REQUESTS_WITH_INDEX
                + " WHERE r.received_at >= :from AND r.received_at < :to"
                + " AND (r.received_at > :t OR (r.received_at = :t AND r.id > :id))"
                + " ORDER BY r.received_at, r.id LIMIT :limit")
        .bind("from", db.time(from, "from")).bind("to", db.time(to, "to"))
        .bind("t", db.time(afterTime, "after")).bind("id", afterId).bind("limit", limit)
        .map((rs, ctx) -> mapAudited(rs)).list());
  }

  /**
   * How many requests were received from {@code from} (inclusive) to {@code to} (exclusive), whatever their status:
   * a count on the time index, for a reader that only needs to know whether anything arrived.
   */
  public long countReceived(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new StoreException(Kind.INVALID, "from " + from + " is not before to " + to);
    }
    return db.read("count requests received in a time range", h -> h.createQuery(
            "SELECT COUNT(*) FROM requests WHERE received_at >= :from AND received_at < :to")
        .bind("from", db.time(from, "from")).bind("to", db.time(to, "to"))
        .mapTo(Long.class).one());
  }

  /** What the request released, by source and record id. */
  public List<Release> releases(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    return db.read("read releases", h -> h.createQuery(
            "SELECT * FROM releases WHERE request_id = :r ORDER BY source_id, record_id")
        .bind("r", requestId)
        .map((rs, ctx) -> new Release(rs.getString("request_id"), rs.getString("source_id"),
            rs.getString("record_id"), db.stringMap(rs.getString("fields"))))
        .list());
  }

  /** The auditor's review of the request, once reviewed. */
  public Optional<Review> reviewOf(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    return db.read("read a review", h -> h.createQuery("SELECT * FROM reviews WHERE request_id = :r")
        .bind("r", requestId).map((rs, ctx) -> mapReview(rs)).findOne());
  }

  // ---- internals

  private record Decided(Decision decision, String json, List<Release> releases) {}

  private StoredRequest insert(String id, String requesterId, String agencyId, String body, Instant time,
      RequestStatus status, String rejection, Optional<Decided> decided, byte[] salt,
      Optional<UnloggedEntry> entry) {
    return Db.await(insertLater(id, requesterId, agencyId, body, time, status, rejection, decided, salt, entry));
  }

  private java.util.concurrent.CompletableFuture<StoredRequest> insertLater(String id, String requesterId,
      String agencyId, String body, Instant time, RequestStatus status, String rejection,
      Optional<Decided> decided, byte[] salt, Optional<UnloggedEntry> entry) {
    Checks.idArg(requesterId, "requester");
    Checks.idArg(agencyId, "agency");
    Objects.requireNonNull(time, "time");
    Instant t = Db.truncate(time);
    var at = db.time(time, "time");
    StoredRequest request = new StoredRequest(id, requesterId, agencyId, body, t, status,
        decided.map(Decided::decision), decided.map(Decided::json), decided.map(d -> t),
        Optional.ofNullable(rejection), Optional.empty(), salt);
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    // The texts most rows repeat (the packs in force) cut out here, off the committer's thread: stored once (V6).
    Optional<RepeatedTexts.Text> decisionText = decided.map(d -> repeated.cut(d.json()));
    Optional<RepeatedTexts.Bytes> entryBytes = entry.map(e -> repeated.cut(e.entry()));
    return db.writeGroupedLater("store a request of user '" + requesterId + "'", h -> {
        // The foreign keys check the requester and the agency: no reads on the way in. Plain JDBC: this runs for
        // every request on the store's one committer thread, where Jdbi's statement building cost more than SQLite.
        db.statement(h, "INSERT INTO requests (id, requester_id, agency_id, body, received_at, status, rejection, "
            + "salt, decision, decision_json, decided_at, decision_part, decision_part_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", st -> {
              st.setString(1, id);
              st.setString(2, requesterId);
              st.setString(3, agencyId);
              st.setBytes(4, bodyBytes);
              at.apply(5, st, null);
              st.setString(6, status.name());
              st.setString(7, rejection);
              st.setBytes(8, salt);
              st.setString(9, decided.map(d -> d.decision().name()).orElse(null));
              st.setString(10, decisionText.map(RepeatedTexts.Text::rest).orElse(null));
              if (decided.isPresent()) {
                at.apply(11, st, null);
              } else {
                st.setNull(11, db.vendor == Vendor.SQLITE ? java.sql.Types.VARCHAR
                    : java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
              }
              Optional<RepeatedTexts.Part> dp = decisionText.flatMap(RepeatedTexts.Text::part);
              setPart(st, 12, dp, decisionText.map(RepeatedTexts.Text::at).orElse(0));
              return st.executeUpdate();
            });
        if (entry.isPresent()) {
          // The entry stays only until its index is recorded (V7): the row is written once, and small.
          RepeatedTexts.Bytes e = entryBytes.orElseThrow();
          db.statement(h, "INSERT INTO ledger_pending (request_id, floor, entry, entry_part, entry_part_at) "
              + "VALUES (?, ?, ?, ?, ?)", st -> {
                st.setString(1, id);
                st.setLong(2, entry.get().floor());
                st.setBytes(3, e.rest());
                setPart(st, 4, e.part(), e.at());
                return st.executeUpdate();
              });
        }
        if (decided.isPresent()) {
          insertReleases(h, decided.get().releases());
        }
        return request;
      }).exceptionallyCompose(failure -> {
        // Only a grouped commit fails here: inside a caller's transaction the write runs at once and throws.
        Throwable e = failure instanceof java.util.concurrent.CompletionException c ? c.getCause() : failure;
        if (!(e instanceof StoreException se) || se.kind() != Kind.UNKNOWN_REFERENCE) {
          return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        // Say which reference it was (after the rollback, so this works on PostgreSQL too).
        boolean user = db.read("check a user", h -> UserRepository.exists(h, requesterId));
        return java.util.concurrent.CompletableFuture.failedFuture(new StoreException(Kind.UNKNOWN_REFERENCE,
            user ? "agency '" + agencyId + "' does not exist" : "user '" + requesterId + "' does not exist", null,
            se));
      });
  }

  /** A part's id and offset at {@code column} and the next one, or two NULLs when the text is stored whole. */
  private static void setPart(java.sql.PreparedStatement st, int column, Optional<RepeatedTexts.Part> part, int at)
      throws SQLException {
    if (part.isPresent()) {
      st.setLong(column, part.get().id());
      st.setInt(column + 1, at);
    } else {
      st.setNull(column, java.sql.Types.BIGINT);
      st.setNull(column + 1, java.sql.Types.INTEGER);
    }
  }

  /** Releases name registered sources (sources are cached, so this rarely reads). */
  private void checkSources(List<Release> releases) {
    for (int i = 0; i < releases.size(); i++) {
      if (sources.get(releases.get(i).sourceId()).isEmpty()) {
        throw new StoreException(Kind.UNKNOWN_REFERENCE, "release " + i + ": source '"
            + releases.get(i).sourceId() + "' does not exist", i, null);
      }
    }
  }

  private static void checkReleases(String requestId, List<Release> releases) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < releases.size(); i++) {
      Release r = releases.get(i);
      if (!r.requestId().equals(requestId)) {
        throw new StoreException(Kind.INVALID, "release " + i + " belongs to request '" + r.requestId()
            + "', not '" + requestId + "'", i, null);
      }
      Integer earlier = seen.putIfAbsent(r.sourceId() + '\0' + r.recordId(), i);
      if (earlier != null) {
        throw new StoreException(Kind.INVALID, "release " + i + " releases record '" + r.recordId()
            + "' of source '" + r.sourceId() + "' again (release " + earlier + ")", i, null);
      }
    }
  }

  private void insertReleases(Handle h, List<Release> releases) {
    if (releases.isEmpty()) {
      return;
    }
    db.statement(h, "INSERT INTO releases (request_id, source_id, record_id, fields) VALUES (?, ?, ?, ?)",
        batch -> {
          for (Release r : releases) {
            batch.setString(1, r.requestId());
            batch.setString(2, r.sourceId());
            batch.setString(3, r.recordId());
            batch.setString(4, db.toJson(r.fields()));
            batch.addBatch();
          }
          return batch.executeBatch();
        });
  }

  /**
   * Records a request's ledger index and takes it off the pending list, or throws as {@link #logged} says. Plain JDBC:
   * one of these runs for every request, on the store's one committer thread.
   */
  private void recordLogged(Handle h, String id, LedgerRef ledger) {
    int n = db.statement(h, "INSERT INTO request_ledger (request_id, ledger_index, leaf_hash) "
        + "SELECT id, ?, ? FROM requests WHERE id = ? ON CONFLICT (request_id) DO NOTHING", st -> {
          st.setLong(1, ledger.index());
          st.setBytes(2, ledger.leafHash());
          st.setString(3, id);
          return st.executeUpdate();
        });
    if (n == 0) {
      throw load(h, id).isEmpty() ? new StoreException(Kind.NOT_FOUND, "request '" + id + "' does not exist")
          : new StoreException(Kind.CONFLICT, "request '" + id + "' is logged already");
    }
    db.statement(h, "DELETE FROM ledger_pending WHERE request_id = ?", st -> {
      st.setString(1, id);
      return st.executeUpdate();
    });
  }

  private StoreException notIn(Handle h, String id, RequestStatus expected) {
    Optional<StoredRequest> r = load(h, id);
    if (r.isEmpty()) {
      return new StoreException(Kind.NOT_FOUND, "request '" + id + "' does not exist");
    }
    return new StoreException(Kind.CONFLICT, "request '" + id + "' is " + r.get().status() + ", not " + expected);
  }

  private Optional<StoredRequest> load(Handle h, String id) {
    return h.createQuery(SELECT_REQUESTS + " WHERE r.id = :id").bind("id", id).map((rs, ctx) -> map(rs))
        .findOne();
  }

  private StoredRequest map(ResultSet rs) throws SQLException {
    AuditedRequest a = mapAudited(rs);
    Optional<String> part = Optional.ofNullable(rs.getString("decision_part"));
    int at = rs.getInt("decision_part_at");
    return new StoredRequest(a.id(), a.requesterId(), a.agencyId(), a.requestJson(), a.receivedAt(), a.status(),
        a.decision(), Optional.ofNullable(rs.getString("decision_json"))
            .map(j -> RepeatedTexts.join(j, part, at, "the decision of request " + a.id())),
        Optional.ofNullable(db.readTime(rs, "decided_at")), a.rejection(), a.ledger(), rs.getBytes("salt"));
  }

  private AuditedRequest mapAudited(ResultSet rs) throws SQLException {
    String decision = rs.getString("decision");
    return new AuditedRequest(rs.getString("id"), rs.getString("requester_id"), rs.getString("agency_id"),
        new String(rs.getBytes("body"), StandardCharsets.UTF_8), db.readTime(rs, "received_at"),
        RequestStatus.valueOf(rs.getString("status")), Optional.ofNullable(decision).map(Decision::valueOf),
        Optional.ofNullable(rs.getString("rejection")), ledgerRef(rs));
  }

  /** The ledger_index and leaf_hash columns, when the request's ledger index is recorded. */
  private static Optional<LedgerRef> ledgerRef(ResultSet rs) throws SQLException {
    long index = rs.getLong("ledger_index");
    boolean logged = !rs.wasNull();
    return logged ? Optional.of(new LedgerRef(index, rs.getBytes("leaf_hash"))) : Optional.empty();
  }

  private Review mapReview(ResultSet rs) throws SQLException {
    long index = rs.getLong("ledger_index");
    boolean logged = !rs.wasNull();
    byte[] leaf = rs.getBytes("leaf_hash");
    return new Review(rs.getString("id"), rs.getString("request_id"), rs.getString("auditor_id"),
        Decision.valueOf(rs.getString("decision")), rs.getString("note"), db.readTime(rs, "reviewed_at"),
        logged ? Optional.of(new LedgerRef(index, leaf)) : Optional.empty());
  }
}
