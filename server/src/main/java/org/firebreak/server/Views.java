package org.firebreak.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.Base64;
import java.util.List;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.json.StrictJson;
import org.firebreak.gateway.Receipt;
import org.firebreak.gateway.RequestOutcome;
import org.firebreak.store.Release;
import org.firebreak.store.StoredRequest;

/** The JSON the API answers with, built from the gateway's records. */
final class Views {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private final StrictJson json;

  Views(StrictJson json) {
    this.json = json;
  }

  /** {@code {id, status, decision, released:[{source, recordId, fields}], receipt}}. */
  ObjectNode outcome(RequestOutcome o) {
    ObjectNode n = F.objectNode();
    n.put("id", o.id());
    n.put("status", o.status().name());
    // The decision's JSON as stored (the gateway read or wrote that very text): not serialised again per answer.
    o.decisionJson().ifPresent(d -> n.putRawValue("decision", new RawValue(d)));
    n.set("released", released(o.released()));
    o.receipt().ifPresent(r -> n.set("receipt", receipt(r)));
    return n;
  }

  ArrayNode released(List<Release> releases) {
    ArrayNode a = F.arrayNode();
    for (Release r : releases) {
      ObjectNode x = a.addObject();
      x.put("source", r.sourceId());
      x.put("recordId", r.recordId());
      ObjectNode f = x.putObject("fields");
      r.fields().forEach(f::put);
    }
    return a;
  }

  /** {@code {index, leafHash, treeSize, inclusionProof:[...], checkpoint}}; hashes in standard base64. */
  static ObjectNode receipt(Receipt r) {
    ObjectNode n = F.objectNode();
    n.put("index", r.index());
    n.put("leafHash", B64.encodeToString(r.leafHash()));
    n.put("treeSize", r.treeSize());
    ArrayNode proof = n.putArray("inclusionProof");
    r.inclusionProof().forEach(h -> proof.add(B64.encodeToString(h)));
    n.put("checkpoint", r.checkpoint());
    return n;
  }

  /** A request held for review, as an auditor sees it: who asked, what they sent, and the packs' decision. */
  ObjectNode pending(StoredRequest r) {
    ObjectNode n = F.objectNode();
    n.put("id", r.id());
    n.put("status", r.status().name());
    n.put("requester", r.requesterId());
    n.put("agency", r.agencyId());
    n.put("receivedAt", r.receivedAt().toString());
    n.set("request", parsedOrText(r.requestJson()));
    r.decisionJson().ifPresent(d -> n.set("decision", parsedOrText(d)));
    r.ledger().ifPresent(l -> n.put("ledgerIndex", l.index()));
    return n;
  }

  private JsonNode parsedOrText(String text) {
    try {
      return json.readTree(text, "stored");
    } catch (InvalidInputException e) {
      return F.textNode(text);
    }
  }
}
