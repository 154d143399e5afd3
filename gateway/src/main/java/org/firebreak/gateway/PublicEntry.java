package org.firebreak.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.firebreak.core.json.CanonicalJson;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.core.model.PackRef;
import org.firebreak.core.model.SourceDecision;
import org.firebreak.core.model.SourceRef;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.store.Release;

/**
 * The public projection of an event, as it enters the ledger (DESIGN.md, Ledger): who asked in terms of agency and
 * component, for what effective purposes, under what legal process, which source kinds and categories were
 * released or withheld under which rules (with their effects and citations), how many records each source released,
 * the decision and the day — plus a salted commitment to the full private record kept in the store. No personal
 * identifier ever enters: no user id, no case number, no free text, no record id, no query. Serialised as RFC 8785
 * canonical JSON, so the bytes are reproducible from the fields.
 *
 * <p>Version 2 (this one) added per source {@code releasedRecords} and rules as {@code {rule, effect, citation}}
 * objects (version 1: {@code "pack/id"} strings), per reviewed source what a review released, and the {@code flag}
 * entry. Readers of older logs must accept version 1 too (report/README.md says how the report does).
 */
public final class PublicEntry {
  /** Bumped when the shape changes; readers check it. */
  public static final int VERSION = 2;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** Detector ids are words joined by '-' ("immigration-purpose"): never anything a requester typed. */
  private static final Pattern DETECTOR = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern SEVERITY = Pattern.compile("[A-Z]{1,16}");
  /** A citation of a law is short printable text, one line ("Cal. Gov. Code § 7284.6(a)(1)"). */
  private static final int MAX_CITATION = 200;

  private PublicEntry() {}

  /**
   * The entry for a decided request. {@code releases} are the records released now (each names its source), counted
   * per source and in total.
   */
  public static byte[] decision(DecisionRequest request, DecisionResult result, List<Release> releases,
      byte[] commitment) {
    return decision(request, result, Packs.of(result.packs()), releases, commitment);
  }

  /**
   * As {@link #decision(DecisionRequest, DecisionResult, List, byte[])}, with the decision's packs written once
   * before ({@link Packs#of}): the same bytes.
   *
   * @throws IllegalArgumentException when {@code packs} are not the packs that decided
   */
  public static byte[] decision(DecisionRequest request, DecisionResult result, Packs packs, List<Release> releases,
      byte[] commitment) {
    if (!packs.refs.equals(result.packs())) {
      throw new IllegalArgumentException("the entry would name packs " + packs.refs + ", but " + result.packs()
          + " decided");
    }
    ObjectNode o = header("decision", request.time().atOffset(ZoneOffset.UTC).toLocalDate());
    o.set("requester", agency(request.requester().agency()));
    request.onBehalfOf().ifPresent(b -> o.set("onBehalfOf", agency(b)));
    ArrayNode tf = o.putArray("taskForces");
    request.requester().taskForces().forEach(t -> tf.add(t.wire()));
    o.put("purpose", request.purpose().name());
    ArrayNode ep = o.putArray("effectivePurposes");
    result.effectivePurposes().forEach(p -> ep.add(p.name()));
    o.put("legalProcess", request.legalProcess().type().name());
    o.put("caseNumberGiven", request.caseNumber().isPresent());
    Map<String, Integer> records = recordsBySource(releases);
    ArrayNode sources = o.putArray("sources");
    for (int i = 0; i < result.sources().size(); i++) {
      SourceDecision d = result.sources().get(i);
      SourceRef s = request.sources().get(i);
      ObjectNode so = sources.addObject();
      so.put("source", s.id());
      so.put("kind", s.kind().name());
      so.put("jurisdiction", s.jurisdiction().code());
      so.put("decision", d.decision().name());
      so.set("released", categories(d.released()));
      so.set("withheld", categories(d.withheld()));
      so.set("referred", categories(d.referred()));
      so.put("releasedRecords", records.getOrDefault(s.id(), 0));
      ArrayNode rules = so.putArray("rules");
      // The rule's effect and citation come from the rule pack, never from the request: a reader needs no pack.
      d.rules().forEach(r -> rules.addObject().put("rule", r.pack() + "/" + r.id()).put("effect", r.effect().wire())
          .put("citation", citation(r.citation())));
      ArrayNode obligations = so.putArray("obligations");
      d.obligations().forEach(ob -> obligations.add(ob.type().name()));
    }
    o.put("decision", result.decision().name());
    o.put("releasedRecords", releases.size());
    o.set("packs", packs.json.node());
    o.put("commitment", Base64.getEncoder().encodeToString(commitment));
    return canonical(o);
  }

  /**
   * The entry for an auditor's decision on a referred request, naming the request's ledger index. Per source that
   * had something referred: its kind, the categories the review released (PERMIT: what was referred) or kept withheld
   * (DENY), and how many records it released. {@code kinds} gives a source's kind by its id (the registry).
   */
  public static byte[] review(LocalDate day, long requestIndex, Decision decision, DecisionResult referred,
      Function<String, SourceKind> kinds, List<Release> releases, byte[] commitment) {
    if (decision == Decision.REFER) {
      throw new IllegalArgumentException("a review decides PERMIT or DENY");
    }
    ObjectNode o = header("review", day);
    o.put("requestIndex", requestIndex);
    o.put("decision", decision.name());
    Map<String, Integer> records = recordsBySource(releases);
    ArrayNode sources = o.putArray("sources");
    for (SourceDecision d : referred.sources()) {
      if (d.referred().isEmpty()) {
        continue; // nothing of this source was held for the auditor
      }
      ObjectNode so = sources.addObject();
      so.put("source", d.source());
      so.put("kind", kinds.apply(d.source()).name());
      so.set("released", categories(decision == Decision.PERMIT ? d.referred() : List.of()));
      so.set("withheld", categories(decision == Decision.DENY ? d.referred() : List.of()));
      so.put("releasedRecords", records.getOrDefault(d.source(), 0));
    }
    o.put("releasedRecords", releases.size());
    o.put("commitment", Base64.getEncoder().encodeToString(commitment));
    return canonical(o);
  }

  /**
   * The entry for a flag raised by detection on a decided request: the detector, its severity, the ledger index of
   * the flagged request's decision entry, the ledger indexes of the evidence (the flagged one first) and the laws it
   * concerns. Deliberately no explanation, requester or request id: the flag's words quote what requesters typed and
   * name people; an auditor reads them at {@code GET /v1/flags}.
   *
   * @throws IllegalArgumentException for a detector id that is not lower-case words joined by '-', a severity that is
   *     not an upper-case word, evidence that does not start with {@code requestIndex}, or a citation that is empty,
   *     longer than 200 characters or holds a control character
   */
  public static byte[] flag(LocalDate day, String detector, String severity, long requestIndex, List<Long> evidence,
      List<String> citations) {
    if (!DETECTOR.matcher(detector).matches() || detector.length() > 64) {
      throw new IllegalArgumentException("a detector id is lower-case words joined by '-': '" + detector + "'");
    }
    if (!SEVERITY.matcher(severity).matches()) {
      throw new IllegalArgumentException("a severity is an upper-case word: '" + severity + "'");
    }
    if (requestIndex < 0 || evidence.isEmpty() || evidence.get(0) != requestIndex
        || evidence.stream().anyMatch(i -> i < 0)) {
      throw new IllegalArgumentException("evidence must be ledger indexes starting with the flagged request's "
          + requestIndex + ": " + evidence);
    }
    ObjectNode o = header("flag", day);
    o.put("detector", detector);
    o.put("severity", severity);
    o.put("requestIndex", requestIndex);
    ArrayNode ev = o.putArray("evidence");
    evidence.forEach(ev::add);
    ArrayNode cites = o.putArray("citations");
    citations.forEach(c -> cites.add(citation(c)));
    return canonical(o);
  }

  /** The entry recording that a request was rejected before it could be decided (bad input, unknown source). */
  public static byte[] rejected(LocalDate day, Agency agency, String reasonCode, byte[] commitment) {
    ObjectNode o = header("rejected", day);
    o.set("requester", agency(agency));
    o.put("reason", reasonCode);
    o.put("commitment", Base64.getEncoder().encodeToString(commitment));
    return canonical(o);
  }

  /** The entry recording the rule packs now in force. */
  public static byte[] packsInForce(LocalDate day, List<PackRef> packs) {
    ObjectNode o = header("packs", day);
    ArrayNode a = o.putArray("packs");
    for (PackRef p : packs) {
      a.addObject().put("id", p.id()).put("version", p.version()).put("digest", p.digest());
    }
    return canonical(o);
  }

  /**
   * SHA-256(salt || canonical JSON of the private record): binds the public entry to the full record without
   * revealing it; whoever holds the record and the salt (an auditor, a court) can show they match.
   */
  public static byte[] commitment(byte[] salt, JsonNode privateRecord) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt);
      md.update(CanonicalJson.canonicalize(privateRecord));
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static ObjectNode header(String type, LocalDate day) {
    ObjectNode o = F.objectNode();
    o.put("v", VERSION);
    o.put("type", type);
    o.put("day", day.toString());
    return o;
  }

  private static ObjectNode agency(Agency a) {
    ObjectNode o = F.objectNode();
    o.put("agency", a.id());
    o.put("level", a.level().name());
    o.put("component", a.component().name());
    o.put("jurisdiction", a.jurisdiction().code());
    return o;
  }

  private static ArrayNode categories(List<org.firebreak.core.vocab.Category> cats) {
    ArrayNode a = F.arrayNode();
    cats.forEach(c -> a.add(c.wire()));
    return a;
  }

  /**
   * The packs a decision entry names, as the entry writes them ({@code "id@version digest"}), in canonical JSON once:
   * every decision names all the packs in force, and they are most of its entry's bytes.
   */
  public static final class Packs {
    private final List<PackRef> refs;
    private final CanonicalJson.Canonical json;

    private Packs(List<PackRef> refs, CanonicalJson.Canonical json) {
      this.refs = refs;
      this.json = json;
    }

    public static Packs of(List<PackRef> refs) {
      List<PackRef> copy = List.copyOf(refs);
      ArrayNode a = F.arrayNode();
      copy.forEach(p -> a.add(p.id() + "@" + p.version() + " " + p.digest()));
      return new Packs(copy, CanonicalJson.canonical(a));
    }

    public List<PackRef> refs() {
      return refs;
    }

    /** The list as it stands in the entry: canonical JSON, the same characters in every entry naming these packs. */
    public String text() {
      return json.text();
    }
  }

  private static Map<String, Integer> recordsBySource(List<Release> releases) {
    Map<String, Integer> n = new HashMap<>();
    releases.forEach(r -> n.merge(r.sourceId(), 1, Integer::sum));
    return n;
  }

  private static String citation(String c) {
    if (c.isBlank() || c.length() > MAX_CITATION || c.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("a citation is one line of 1 to " + MAX_CITATION + " characters: '" + c
          + "'");
    }
    return c;
  }

  private static byte[] canonical(ObjectNode o) {
    return CanonicalJson.canonicalize(o);
  }
}
