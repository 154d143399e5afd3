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
import java.util.List;
import org.firebreak.core.json.CanonicalJson;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.core.model.PackRef;
import org.firebreak.core.model.SourceDecision;
import org.firebreak.core.model.SourceRef;

/**
 * The public projection of an event, as it enters the ledger (DESIGN.md, Ledger): who asked in terms of agency and
 * component, for what effective purposes, under what legal process, which source kinds and categories were
 * released or withheld under which rules, the decision and the day — plus a salted commitment to the full private
 * record kept in the store. No personal identifier ever enters: no user id, no case number, no free text, no
 * record id, no query. Serialised as RFC 8785 canonical JSON, so the bytes are reproducible from the fields.
 */
public final class PublicEntry {
  /** Bumped when the shape changes; readers check it. */
  public static final int VERSION = 1;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private PublicEntry() {}

  /** The entry for a decided request. {@code released} counts the records whose fields were released. */
  public static byte[] decision(DecisionRequest request, DecisionResult result, int releasedRecords,
      byte[] commitment) {
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
      ArrayNode rules = so.putArray("rules");
      d.rules().forEach(r -> rules.add(r.pack() + "/" + r.id()));
      ArrayNode obligations = so.putArray("obligations");
      d.obligations().forEach(ob -> obligations.add(ob.type().name()));
    }
    o.put("decision", result.decision().name());
    o.put("releasedRecords", releasedRecords);
    o.set("packs", packs(result.packs()));
    o.put("commitment", Base64.getEncoder().encodeToString(commitment));
    return canonical(o);
  }

  /** The entry for an auditor's decision on a referred request, naming the request's ledger index. */
  public static byte[] review(LocalDate day, long requestIndex, String decision, int releasedRecords,
      byte[] commitment) {
    ObjectNode o = header("review", day);
    o.put("requestIndex", requestIndex);
    o.put("decision", decision);
    o.put("releasedRecords", releasedRecords);
    o.put("commitment", Base64.getEncoder().encodeToString(commitment));
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
      md.update(CanonicalJson.canonicalize(privateRecord.toString()));
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

  private static ArrayNode packs(List<PackRef> packs) {
    ArrayNode a = F.arrayNode();
    packs.forEach(p -> a.add(p.id() + "@" + p.version() + " " + p.digest()));
    return a;
  }

  private static byte[] canonical(ObjectNode o) {
    return CanonicalJson.canonicalize(o.toString());
  }
}
