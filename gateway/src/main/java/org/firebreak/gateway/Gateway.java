package org.firebreak.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.json.CanonicalJson;
import org.firebreak.core.json.StrictJson;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.core.model.LegalProcess;
import org.firebreak.core.model.Requester;
import org.firebreak.core.model.SourceDecision;
import org.firebreak.core.model.SourceRef;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Decision;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerException;
import org.firebreak.ledger.LogReader;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.policy.PolicyEngine;
import org.firebreak.store.AuditedRequest;
import org.firebreak.store.Release;
import org.firebreak.store.Review;
import org.firebreak.store.Role;
import org.firebreak.store.Source;
import org.firebreak.store.Store;
import org.firebreak.store.StoredRecord;
import org.firebreak.store.StoredRequest;
import org.firebreak.store.User;
import org.firebreak.store.IngestResult;
import org.firebreak.store.LedgerRef;
import org.firebreak.store.UnloggedEntry;
import org.firebreak.core.model.PackRef;

/**
 * The request pipeline, without HTTP: authenticate -> load the sources named -> decide with the rule packs (source
 * kind, jurisdiction and field categories from the registry, never from the requester) -> match and minimise the
 * records to the released categories -> append to the ledger and wait until durable -> answer with the released
 * data, the decision and a receipt. REFER holds the request until an auditor decides; that decision is ledgered too.
 * One instance serves every request; it is thread-safe.
 */
public final class Gateway {
  /** The most records one request may receive from one source. */
  public static final int MAX_RECORDS_PER_SOURCE = 100;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String PACKS_SETTING = "packs-in-force";

  private final Store store;
  private final PolicyEngine engine;
  private final Ledger ledger;
  private final StrictJson json;
  private final Clock clock;
  /** How long an authenticated token is remembered. */
  public static final java.time.Duration CALLER_CACHE_TTL = java.time.Duration.ofSeconds(5);
  private final com.github.benmanes.caffeine.cache.Cache<String, Caller> callers;
  /** Ledger indexes appended but not yet recorded in the store, by request id (see recordLater). */
  private final Map<String, LedgerRef> loggedSoon = new java.util.concurrent.ConcurrentHashMap<>();
  /** The packs in force as the decisions and their entries write them, written once (see {@link PacksJson}). */
  private final PacksJson packsInForce;
  private final Consumer<AuditedRequest> onLogged;
  private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

  /** As the full constructor, with nobody told of the requests it logs. */
  public Gateway(Store store, PolicyEngine engine, Ledger ledger, StrictJson json, Clock clock) {
    this(store, engine, ledger, json, clock, r -> { });
  }

  /**
   * @param onLogged told of every request this gateway decides, once it is stored and its entry is in the log (on the
   *     request's own thread, before it is answered): how detection learns of new requests without reading them back
   *     from the store. It must be quick and must not throw.
   */
  public Gateway(Store store, PolicyEngine engine, Ledger ledger, StrictJson json, Clock clock,
      Consumer<AuditedRequest> onLogged) {
    this.onLogged = Objects.requireNonNull(onLogged, "onLogged");
    this.store = store;
    this.engine = engine;
    this.ledger = ledger;
    this.json = json;
    this.clock = clock;
    this.callers = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(CALLER_CACHE_TTL)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).maximumSize(10_000).build();
    this.packsInForce = PacksJson.of(engine.packs().refs(), json);
    // Every decision and entry stored names them: the store keeps them once instead of in each request's row.
    store.requests().keepOnce(packsInForce.decision().text());
    store.requests().keepOnce(packsInForce.entry().text());
  }

  /**
   * The packs that decided, as a decision's JSON and as its ledger entry name them, each in canonical JSON. Every
   * decision names all the packs in force, and they are more than half of its bytes: written once, not per request.
   */
  private record PacksJson(CanonicalJson.Canonical decision, PublicEntry.Packs entry) {
    static PacksJson of(List<PackRef> refs, StrictJson json) {
      return new PacksJson(CanonicalJson.canonical(json.toTree(refs)), PublicEntry.Packs.of(refs));
    }

    List<PackRef> refs() {
      return entry.refs();
    }
  }

  /**
   * The caller a bearer token belongs to. Known tokens are remembered for {@link #CALLER_CACHE_TTL} (by the token's
   * hash), so a request costs no registry reads; a revoked token therefore keeps working for at most that long.
   */
  public Caller authenticate(String token) {
    String key = java.util.HexFormat.of().formatHex(org.firebreak.store.UserRepository.tokenHash(token));
    Caller known = callers.getIfPresent(key);
    if (known != null) {
      return known;
    }
    User user = store.users().authenticate(token)
        .orElseThrow(() -> new GatewayException(ErrorCode.UNAUTHENTICATED, "unknown or revoked token"));
    Agency agency = store.agencies().get(user.agencyId())
        .orElseThrow(() -> new GatewayException(ErrorCode.UNAUTHENTICATED, "the token's agency is gone"));
    Caller caller = new Caller(user, agency);
    callers.put(key, caller);
    return caller;
  }

  /**
   * The caller for an identity another issuer vouched for (an OIDC token): the user must be registered, the agency
   * named must be theirs, and they act with the roles both the issuer grants and the registry gives them.
   *
   * @throws GatewayException UNAUTHENTICATED for an unregistered user or agency or another agency than the
   *     user's; FORBIDDEN when no granted role is one of the user's
   */
  public Caller caller(String userId, String agencyId, Set<Role> granted) {
    Agency agency = store.agencies().get(agencyId).orElseThrow(() -> new GatewayException(
        ErrorCode.UNAUTHENTICATED, "the token's agency '" + agencyId + "' is not registered"));
    User registered = store.users().get(userId).orElseThrow(() -> new GatewayException(
        ErrorCode.UNAUTHENTICATED, "the token's subject '" + userId + "' is not a registered user"));
    if (!registered.agencyId().equals(agency.id())) {
      throw new GatewayException(ErrorCode.UNAUTHENTICATED, "the token's agency '" + agencyId
          + "' is not the agency of user '" + userId + "'");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    roles.addAll(granted);
    roles.retainAll(registered.roles());
    if (roles.isEmpty()) {
      throw new GatewayException(ErrorCode.FORBIDDEN, "the token grants user '" + userId
          + "' none of their registered roles " + registered.roles());
    }
    return new Caller(new User(registered.id(), registered.agencyId(), roles, registered.taskForces(),
        registered.certifications()), agency);
  }

  /** Decides and answers a request. {@code raw} is the body as received, kept in the private record. */
  public RequestOutcome submit(Caller caller, RequestBody body, String raw) {
    caller.require(Role.REQUESTER);
    // To the microsecond, as the store keeps it: the private record committed to says what the store holds.
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    List<Source> sources = new ArrayList<>();
    for (String id : body.sources()) {
      Optional<Source> s = store.sources().get(id);
      if (s.isEmpty()) {
        throw rejected(caller, raw, now, ErrorCode.NOT_FOUND, "unknown source '" + id + "'");
      }
      sources.add(s.get());
    }
    List<SourceRef> refs = new ArrayList<>();
    for (Source s : sources) {
      List<Category> asked = body.categories().isEmpty() ? s.categories()
          : s.categories().stream().filter(body.categories()::contains).toList();
      if (asked.isEmpty()) {
        throw rejected(caller, raw, now, ErrorCode.INVALID_INPUT, "source '" + s.id()
            + "' holds none of the categories asked for");
      }
      refs.add(new SourceRef(s.id(), s.kind(), s.jurisdiction(), asked));
    }
    DecisionRequest request = new DecisionRequest(
        new Requester(caller.user().id(), caller.agency(), caller.user().taskForces(),
            caller.user().certifications()),
        body.onBehalfOf(), body.purpose(), body.justification().orElse(""), body.caseNumber(),
        body.legalProcess().orElse(LegalProcess.NONE), refs, now);

    DecisionResult result;
    try {
      result = engine.decide(request);
    } catch (org.firebreak.core.error.EvaluationException e) {
      throw rejected(caller, raw, now, ErrorCode.EVALUATION_FAILED, e.getMessage());
    }
    String id = store.requests().newId();
    List<Release> releases = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      releases.addAll(minimise(id, sources.get(i), result.sources().get(i), body.query()));
    }
    // The decision as canonical JSON once: the text stored, and the same text inside the private record's canonical
    // form (written as it is, neither parsed nor canonicalised again).
    PacksJson packs = result.packs().equals(packsInForce.refs()) ? packsInForce : PacksJson.of(result.packs(), json);
    ObjectNode tree = (ObjectNode) json.toTree(new DecisionResult(result.decision(), result.effectivePurposes(),
        result.inferences(), result.sources(), List.of()));
    tree.set("packs", packs.decision().node());
    CanonicalJson.Canonical decision = CanonicalJson.canonical(tree);
    String decisionJson = decision.text();
    byte[] salt = store.requests().newSalt();
    JsonNode privateRecord = privateRecord(id, caller, raw, now, decision.node(), releases);
    byte[] entry = PublicEntry.decision(request, result, packs.entry(), releases,
        PublicEntry.commitment(salt, privateRecord));
    // Stored with its decision and its public entry before the entry is appended: a crash in between leaves a
    // decided request whose entry reconcileLedger() appends on the next start, never a ledger entry without its
    // private record. One grouped write; the index is recorded afterwards without waiting (recordLater).
    // The append is chained to the commit and the checkpoint to the append, so the request waits once, for all three.
    long floor = ledger.checkpoint().checkpoint().size();
    CompletableFuture<StoredRequest> stored = store.requests().receiveDecidedLater(id, caller.user().id(),
        caller.agency().id(), raw, now, result.decision(), decisionJson, releases, salt,
        Optional.of(new UnloggedEntry(id, entry, floor)));
    Receipt receipt = logged(stored.thenCompose(s -> appendAndCheckpoint(entry)));
    LedgerRef ref = new LedgerRef(receipt.index(), receipt.leafHash());
    recordLater(id, ref);
    StoredRequest s = stored.join(); // done: the receipt came after it
    onLogged.accept(AuditedRequest.of(s).withLedger(ref));
    return new RequestOutcome(s.id(), s.status(), Optional.of(result), Optional.of(decisionJson), releases,
        Optional.of(receipt));
  }

  /**
   * Records a request's ledger index in a later grouped commit. Until it is committed the index is remembered here,
   * so the request reads back with its receipt at once; if the commit is lost in a crash, the entry stored with the
   * request lets {@link #reconcileLedger} find the index on the next start.
   */
  private void recordLater(String requestId, LedgerRef ref) {
    loggedSoon.put(requestId, ref);
    store.requests().loggedLater(requestId, ref).whenComplete((ok, e) -> {
      loggedSoon.remove(requestId);
      if (e != null) {
        LOG.log(System.Logger.Level.WARNING, "the ledger index of request " + requestId + " was not recorded ("
            + e.getMessage() + "); it is recorded at the next start");
      }
    });
  }

  /**
   * A request as stored, with its ledger entry: recorded in the store, or appended and about to be recorded. The
   * entry about to be recorded is looked up before the store is read: it leaves {@link #loggedSoon} only once its
   * commit is done, so one of the two always has it (looked up after the read, it could be gone from both).
   */
  private Optional<Located> located(String requestId) {
    Optional<LedgerRef> soon = Optional.ofNullable(loggedSoon.get(requestId));
    return store.requests().get(requestId).map(r -> new Located(r, r.ledger().or(() -> soon)));
  }

  private record Located(StoredRequest request, Optional<LedgerRef> ledger) {}

  /** What {@link #reconcileLedger} did. */
  public record Reconciled(int found, int appended) {}

  /**
   * Repairs what a crash may leave between the store and the log: every stored request whose ledger index is not
   * recorded gets it, from the log when its entry is there (looked for from the log's size when the request was
   * stored), else by appending the stored entry now. Call once at start, before serving requests.
   */
  public Reconciled reconcileLedger() {
    int found = 0;
    int appended = 0;
    for (List<UnloggedEntry> batch = store.requests().unlogged(1_000); !batch.isEmpty();
        batch = store.requests().unlogged(1_000)) {
      try {
        LogReader reader = ledger.reader();
        long size = reader.checkpoint().checkpoint().size();
        long from = Math.min(size, batch.get(0).floor()); // the batch is sorted by floor
        Map<String, Long> inLog = new java.util.HashMap<>();
        java.util.HexFormat hex = java.util.HexFormat.of();
        for (long i = from; i < size; i++) {
          inLog.putIfAbsent(hex.formatHex(reader.leafHash(i)), i);
        }
        for (UnloggedEntry u : batch) {
          byte[] leaf = org.firebreak.ledger.tree.Hashes.leafHash(u.entry());
          Long index = inLog.get(hex.formatHex(leaf));
          if (index != null && index >= u.floor()) {
            store.requests().logged(u.requestId(), new LedgerRef(index, leaf));
            found++;
          } else {
            Receipt r = log(u.entry());
            store.requests().logged(u.requestId(), new LedgerRef(r.index(), r.leafHash()));
            appended++;
          }
        }
      } catch (IOException | LedgerException e) {
        throw new GatewayException(ErrorCode.UNAVAILABLE, "cannot read the ledger to reconcile it: "
            + e.getMessage());
      }
    }
    return new Reconciled(found, appended);
  }

  /**
   * Records a request that could not even be read (malformed JSON, unknown values) as rejected: stored with its
   * reason and ledgered, so refused requests are counted like decided ones.
   */
  public void recordRejection(Caller caller, String raw, ErrorCode code, String why) {
    rejected(caller, raw, clock.instant(), code, why);
  }

  /** An auditor's decision on a held request: PERMIT releases what the referral held back; DENY releases nothing. */
  public RequestOutcome review(Caller auditor, String requestId, Decision decision, String note) {
    auditor.require(Role.AUDITOR);
    if (decision == Decision.REFER) {
      throw new GatewayException(ErrorCode.INVALID_INPUT, "a review decides PERMIT or DENY");
    }
    Located found = located(requestId)
        .orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "no request '" + requestId + "'"));
    StoredRequest held = found.request();
    if (held.status() != org.firebreak.store.RequestStatus.HELD) {
      throw new GatewayException(ErrorCode.CONFLICT, "request '" + requestId + "' is " + held.status()
          + ", not held for review");
    }
    DecisionResult result = json.read(held.decisionJson().orElseThrow(), DecisionResult.class, "stored decision");
    RequestBody body = json.read(held.requestJson(), RequestBody.class, "stored request");
    Instant now = clock.instant();
    List<Release> releases = new ArrayList<>();
    if (decision == Decision.PERMIT) {
      for (SourceDecision sd : result.sources()) {
        Source s = store.sources().get(sd.source()).orElseThrow();
        // The auditor releases what was referred; what a rule forbade stays withheld.
        Set<Category> referred = EnumSet.noneOf(Category.class);
        referred.addAll(sd.referred());
        releases.addAll(records(requestId, s, referred, body.query()));
      }
    }
    Review review = store.requests().review(requestId, auditor.user().id(), decision, note, now, releases);
    ObjectNode priv = F.objectNode();
    priv.put("review", review.id());
    priv.put("request", requestId);
    priv.put("auditor", auditor.user().id());
    priv.put("decision", decision.name());
    priv.put("note", note);
    priv.set("released", releasesJson(releases));
    long requestIndex = found.ledger().map(LedgerRef::index).orElse(-1L);
    byte[] entry = PublicEntry.review(LocalDate.ofInstant(now, ZoneOffset.UTC), requestIndex, decision, result,
        sourceId -> store.sources().get(sourceId).orElseThrow().kind(), releases,
        PublicEntry.commitment(held.salt(), priv));
    Receipt receipt = log(entry);
    store.requests().reviewLogged(review.id(), new LedgerRef(receipt.index(), receipt.leafHash()));
    StoredRequest after = store.requests().get(requestId).orElseThrow();
    return new RequestOutcome(requestId, after.status(), Optional.of(result), held.decisionJson(),
        store.requests().releases(requestId), Optional.of(receipt));
  }

  /** A request as stored, for its requester (same user), an auditor or an admin. */
  public RequestOutcome get(Caller caller, String requestId) {
    Located found = located(requestId)
        .orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "no request '" + requestId + "'"));
    StoredRequest r = found.request();
    boolean own = r.requesterId().equals(caller.user().id());
    if (!own && !caller.user().has(Role.AUDITOR) && !caller.user().has(Role.ADMIN)) {
      throw new GatewayException(ErrorCode.NOT_FOUND, "no request '" + requestId + "'");
    }
    Optional<DecisionResult> result = r.decisionJson()
        .map(j -> json.read(j, DecisionResult.class, "stored decision"));
    Optional<Receipt> receipt = Optional.empty();
    Optional<LedgerRef> ref = found.ledger();
    if (ref.isPresent()) {
      receipt = Optional.of(receiptFor(ref.get().index()));
    }
    List<Release> released = own ? store.requests().releases(requestId) : List.of();
    return new RequestOutcome(r.id(), r.status(), result, r.decisionJson(), released, receipt);
  }

  // ---- the registry

  /** Registers an agency (ADMIN). */
  public void registerAgency(Caller caller, Agency agency) {
    caller.require(Role.ADMIN);
    store.agencies().create(agency);
  }

  /** Registers a user and returns their API token, shown this once and stored only as a hash (ADMIN). */
  public String registerUser(Caller caller, User user) {
    caller.require(Role.ADMIN);
    return store.users().createWithToken(user);
  }

  /** Registers a source: its kind, jurisdiction, owning agency and field categories (CUSTODIAN or ADMIN). */
  public void registerSource(Caller caller, Source source) {
    caller.require(Role.CUSTODIAN, Role.ADMIN);
    store.sources().create(source);
  }

  /** Ingests a batch of records into a source, all or nothing (CUSTODIAN of the source's agency, or ADMIN). */
  public IngestResult ingest(Caller caller, String sourceId, List<StoredRecord> batch) {
    caller.require(Role.CUSTODIAN, Role.ADMIN);
    Source s = store.sources().get(sourceId)
        .orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "no source '" + sourceId + "'"));
    if (!caller.user().has(Role.ADMIN) && !s.agencyId().equals(caller.agency().id())) {
      throw new GatewayException(ErrorCode.FORBIDDEN, "source '" + sourceId + "' belongs to another agency");
    }
    return store.records().ingest(sourceId, batch);
  }

  /** The requests held for review, oldest first (AUDITOR). */
  public List<StoredRequest> pending(Caller caller, int limit) {
    caller.require(Role.AUDITOR);
    return store.requests().pending(limit);
  }

  /**
   * Ledgers the rule packs in force when they differ from those last ledgered, so the log shows which rules
   * decided every later entry. Call once at start, after the engine is built.
   */
  public Optional<Receipt> announcePacks() {
    List<PackRef> packs = engine.packs().refs();
    String digests = packs.stream().map(p -> p.id() + "@" + p.version() + " " + p.digest())
        .collect(java.util.stream.Collectors.joining("\n"));
    if (store.settings().get(PACKS_SETTING).filter(digests::equals).isPresent()) {
      return Optional.empty();
    }
    Receipt r = log(PublicEntry.packsInForce(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), packs));
    store.settings().put(PACKS_SETTING, digests);
    return Optional.of(r);
  }

  // ---- internals

  private List<Release> minimise(String requestId, Source source, SourceDecision decision,
      Map<String, String> query) {
    if (decision.released().isEmpty()) {
      return List.of();
    }
    return records(requestId, source, EnumSet.copyOf(decision.released()), query);
  }

  /** The records matching the query, each cut down to the fields of the given categories. */
  private List<Release> records(String requestId, Source source, Set<Category> categories,
      Map<String, String> query) {
    if (categories.isEmpty()) {
      return List.of();
    }
    Map<String, String> q = new LinkedHashMap<>();
    query.forEach((k, v) -> {
      if (source.searchable().contains(k)) {
        q.put(k, v);
      }
    });
    if (q.isEmpty()) {
      return List.of(); // none of the query's fields can be searched in this source: nothing matches
    }
    List<Release> out = new ArrayList<>();
    for (StoredRecord rec : store.records().lookup(source.id(), q, MAX_RECORDS_PER_SOURCE)) {
      Map<String, String> fields = new LinkedHashMap<>();
      rec.fields().forEach((name, value) -> {
        Category c = source.fields().get(name);
        if (c != null && categories.contains(c)) {
          fields.put(name, value);
        }
      });
      if (!fields.isEmpty()) {
        out.add(new Release(requestId, source.id(), rec.id(), fields));
      }
    }
    return out;
  }

  private GatewayException rejected(Caller caller, String raw, Instant now, ErrorCode code, String why) {
    StoredRequest r = store.requests().reject(caller.user().id(), caller.agency().id(), raw, now, why);
    ObjectNode priv = F.objectNode();
    priv.put("request", r.id());
    priv.put("requester", caller.user().id());
    priv.put("body", raw);
    priv.put("reason", why);
    log(PublicEntry.rejected(LocalDate.ofInstant(now, ZoneOffset.UTC), caller.agency(), code.slug(),
        PublicEntry.commitment(r.salt(), priv)));
    return new GatewayException(code, why);
  }

  private JsonNode privateRecord(String requestId, Caller caller, String raw, Instant receivedAt,
      JsonNode decision, List<Release> releases) {
    ObjectNode o = F.objectNode();
    o.put("request", requestId);
    o.put("requester", caller.user().id());
    o.put("agency", caller.agency().id());
    o.put("body", raw);
    o.put("receivedAt", receivedAt.toString());
    o.set("decision", decision);
    o.set("released", releasesJson(releases));
    return o;
  }

  private static ArrayNode releasesJson(List<Release> releases) {
    ArrayNode a = F.arrayNode();
    for (Release rel : releases) {
      ObjectNode x = a.addObject();
      x.put("source", rel.sourceId());
      x.put("record", rel.recordId());
      ObjectNode f = x.putObject("fields");
      rel.fields().forEach(f::put);
    }
    return a;
  }

  /** Appends an entry, waits until it is durable and under a signed checkpoint, and returns its receipt. */
  private Receipt log(byte[] entry) {
    return logged(appendAndCheckpoint(entry));
  }

  /** The entry's index, once it is durable in the log and a published checkpoint covers it. */
  private CompletableFuture<Long> appendAndCheckpoint(byte[] entry) {
    return ledger.append(entry).thenCompose(index -> ledger.checkpointCovering(index + 1).thenApply(cp -> index));
  }

  /**
   * Waits for an entry to be logged and returns its receipt. Untimed, as the wait for the store's commit always was:
   * the ledger fails every waiting future when it fails or closes, and a timer per request cost the JDK's delay
   * scheduler a thread wake-up for every request.
   */
  private Receipt logged(CompletableFuture<Long> index) {
    try {
      return receiptFor(index.join());
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof org.firebreak.store.StoreException
          || cause instanceof org.firebreak.store.StoreFailureException) {
        throw (RuntimeException) cause; // the store refused or failed: answered as the store's errors are
      }
      throw new GatewayException(ErrorCode.UNAVAILABLE, "the ledger did not log the decision: "
          + cause.getMessage());
    }
  }

  private Receipt receiptFor(long index) {
    try {
      LogReader reader = ledger.reader();
      SignedCheckpoint cp = reader.checkpoint();
      long size = cp.checkpoint().size();
      return new Receipt(index, reader.leafHash(index), size, reader.inclusionProof(index, size), cp.note());
    } catch (IOException | LedgerException e) {
      throw new GatewayException(ErrorCode.UNAVAILABLE, "cannot read the ledger: " + e.getMessage());
    }
  }
}
