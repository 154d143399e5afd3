package org.firebreak.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.tiles.EntryBundle;
import org.firebreak.ledger.tree.Hashes;
import org.firebreak.ledger.tree.Proofs;
import org.firebreak.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The service end to end over real HTTP, on SQLite (ledger in a tile directory) and PostgreSQL (ledger in the
 * database): register, ingest, request as local police, as ICE ERO, as a relay for ICE, and a referral reviewed by an
 * auditor; every receipt verifies against the public checkpoint with the public verifier key, and its leaf is the
 * hash of the entry the public entry bundle holds.
 */
class EndToEndTest {
  private static final Base64.Decoder B64 = Base64.getDecoder();

  @TempDir
  Path tmp;

  private Fixture f;

  @AfterEach
  void close() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void registerIngestRequestReviewAndVerifyEveryReceipt(TestDatabases.Kind kind) throws Exception {
    f = Fixture.open(kind, tmp);
    Http http = f.http;
    f.agency("sfpd", "LOCAL", "POLICE", "US-CA-SF");
    f.agency("chp", "STATE", "STATE_POLICE", "US-CA");
    f.agency("ice-ero-sf", "FEDERAL", "ICE_ERO", "US");
    f.agency("ca-dmv-agency", "STATE", "DMV", "US-CA");
    f.agency("oversight", "STATE", "OTHER", "US-CA");
    String officer = f.user("officer-1", "sfpd", "REQUESTER");
    String trooper = f.user("trooper-1", "chp", "REQUESTER");
    String agent = f.user("agent-1", "ice-ero-sf", "REQUESTER");
    String custodian = f.user("custodian-1", "ca-dmv-agency", "CUSTODIAN");
    String auditor = f.user("auditor-1", "oversight", "AUDITOR");
    f.dmvSource(custodian, "ca-dmv", "ca-dmv-agency");

    // Ingest, then again: idempotent by id.
    Http.Response in = http.postNdjson("/v1/sources/ca-dmv/records", custodian, Fixture.DMV_RECORDS);
    assertThat(in.status()).as(in.toString()).isEqualTo(200);
    assertThat(in.json().get("inserted").asInt()).isEqualTo(2);
    Http.Response again = http.postNdjson("/v1/sources/ca-dmv/records", custodian, Fixture.DMV_RECORDS);
    assertThat(again.json().get("replaced").asInt()).isEqualTo(2);
    assertThat(again.json().get("inserted").asInt()).isZero();
    assertThat(f.store.records().count("ca-dmv")).isEqualTo(2);

    // Local police: released, minus what SB 244 withholds (the source documents).
    Http.Response local = http.postJson("/v1/requests", officer, """
        {"purpose":"VIOLENT_CRIME","justification":"armed robbery suspect","caseNumber":"SF-26-1",
         "sources":["ca-dmv"],"query":{"license":"D1234567"}}""");
    assertThat(local.status()).as(local.toString()).isEqualTo(201);
    JsonNode lo = local.json();
    assertThat(local.header("Location")).contains("/v1/requests/" + lo.get("id").asText());
    assertThat(lo.get("status").asText()).isEqualTo("DECIDED");
    assertThat(lo.at("/decision/decision").asText()).isEqualTo("PERMIT");
    assertThat(lo.get("released")).hasSize(1);
    JsonNode rel = lo.get("released").get(0);
    assertThat(rel.get("source").asText()).isEqualTo("ca-dmv");
    assertThat(rel.get("recordId").asText()).isEqualTo("r1");
    assertThat(fieldNames(rel.get("fields"))).containsExactlyInAnyOrder("name", "license", "home", "status");
    verifyReceipt(lo.get("receipt"));

    // ICE ERO: everything denied but what 8 U.S.C. 1373 lets through (immigration status); no other field.
    Http.Response ice = http.postJson("/v1/requests", agent, """
        {"purpose":"COUNTERTERRORISM","caseNumber":"26-01628",
         "legalProcess":{"type":"ADMINISTRATIVE_WARRANT","issuer":"AGENCY_OFFICER","reference":"I-200"},
         "sources":["ca-dmv"],"query":{"name":"Ana Ruiz"}}""");
    assertThat(ice.status()).as(ice.toString()).isEqualTo(201);
    JsonNode io = ice.json();
    JsonNode iceSource = io.at("/decision/sources/0");
    assertThat(iceSource.get("released")).extracting(JsonNode::asText).containsExactly("immigration_status");
    assertThat(iceSource.get("withheld")).extracting(JsonNode::asText)
        .contains("identity", "dmv.record", "address.home", "dmv.source_documents");
    assertThat(io.at("/decision/effectivePurposes").toString()).contains("CIVIL_IMMIGRATION_ENFORCEMENT");
    for (JsonNode r : io.get("released")) {
      assertThat(fieldNames(r.get("fields"))).containsExactly("status");
    }
    for (String secret : List.of("D1234567", "12 Mission St", "passport MX 123", "Ben Ito", "3 Oak Ave")) {
      assertThat(ice.body()).doesNotContain(secret);
    }
    verifyReceipt(io.get("receipt"));

    // A local officer relaying for ICE: denied what ICE would be denied, nothing released.
    Http.Response relay = http.postJson("/v1/requests", officer, """
        {"purpose":"PROPERTY_CRIME","caseNumber":"SF-26-2","sources":["ca-dmv"],"query":{"license":"D1234567"},
         "categories":["address.home","dmv.record"],
         "onBehalfOf":{"id":"ice-ero-sf","name":"ICE ERO","level":"FEDERAL","component":"ICE_ERO",
                       "jurisdiction":"US"}}""");
    assertThat(relay.status()).as(relay.toString()).isEqualTo(201);
    assertThat(relay.json().at("/decision/decision").asText()).isEqualTo("DENY");
    assertThat(relay.json().get("released")).isEmpty();
    assertThat(relay.body()).doesNotContain("12 Mission St").doesNotContain("D1234567\",");
    verifyReceipt(relay.json().get("receipt"));

    // SB 244: the source documents of an exigent request by state police are referred to an auditor.
    Http.Response held = http.postJson("/v1/requests", trooper, """
        {"purpose":"EXIGENT_THREAT","caseNumber":"CHP-26-9","justification":"armed subject, hostage",
         "sources":["ca-dmv"],"query":{"license":"D7654321"},"categories":["dmv.source_documents"]}""");
    assertThat(held.status()).as(held.toString()).isEqualTo(201);
    String heldId = held.json().get("id").asText();
    assertThat(held.json().get("status").asText()).isEqualTo("HELD");
    assertThat(held.json().at("/decision/decision").asText()).isEqualTo("REFER");
    assertThat(held.json().get("released")).isEmpty();
    verifyReceipt(held.json().get("receipt"));

    Http.Response pending = http.get("/v1/reviews", auditor);
    assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
    List<String> pendingIds = new ArrayList<>();
    pending.json().get("requests").forEach(r -> pendingIds.add(r.get("id").asText()));
    assertThat(pendingIds).containsExactly(heldId);
    assertThat(pending.json().at("/requests/0/request/purpose").asText()).isEqualTo("EXIGENT_THREAT");
    assertThat(pending.json().at("/requests/0/requester").asText()).isEqualTo("trooper-1");

    Http.Response reviewed = http.postJson("/v1/requests/" + heldId + "/review", auditor, """
        {"decision":"PERMIT","note":"urgency confirmed with the watch commander"}""");
    assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(200);
    assertThat(reviewed.json().get("status").asText()).isEqualTo("RELEASED");
    verifyReceipt(reviewed.json().get("receipt"));
    assertThat(reviewed.json().at("/receipt/index").asLong())
        .isGreaterThan(held.json().at("/receipt/index").asLong());

    // The requester fetches the released documents; the queue is empty again.
    Http.Response mine = http.get("/v1/requests/" + heldId, trooper);
    assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
    assertThat(mine.json().get("status").asText()).isEqualTo("RELEASED");
    assertThat(mine.json().get("released")).singleElement().satisfies(r -> {
      assertThat(r.get("recordId").asText()).isEqualTo("r2");
      assertThat(r.at("/fields/docs").asText()).isEqualTo("birth certificate");
      assertThat(fieldNames(r.get("fields"))).containsExactly("docs");
    });
    assertThat(http.get("/v1/reviews", auditor).json().get("requests")).isEmpty();
    // Someone else's request does not exist for another requester.
    assertThat(http.get("/v1/requests/" + heldId, officer).status()).isEqualTo(404);

    // Metrics: decisions by outcome, requests per route template.
    Http.Response metrics = http.get("/metrics", f.admin);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.body())
        .containsPattern("firebreak_decisions_total\\{decision=\"PERMIT\"[^}]*} 2\\.0")
        .containsPattern("firebreak_decisions_total\\{decision=\"DENY\"[^}]*} 1\\.0")
        .containsPattern("firebreak_decisions_total\\{decision=\"REFER\"[^}]*} 1\\.0")
        .containsPattern("firebreak_reviews_total\\{decision=\"PERMIT\"")
        .containsPattern("http_server_requests_seconds_count\\{method=\"POST\",route=\"/v1/requests\",status=\"201\"}"
            + " 4")
        .contains("route=\"/v1/requests/{id}/review\"")
        .doesNotContain(heldId);
  }

  /**
   * The receipt's checkpoint is signed by the key at /log/vkey and is the one /log/checkpoint serves now (nothing was
   * appended since); the inclusion proof leads from the leaf hash to its root; the leaf is the hash of the entry in
   * the public entry bundle.
   */
  private void verifyReceipt(JsonNode receipt) throws Exception {
    Http http = f.http;
    Http.Response vkey = http.get("/log/vkey", null);
    assertThat(vkey.status()).isEqualTo(200);
    NoteVerifier verifier = NoteVerifier.parse(vkey.body().strip());
    Http.Response cpResponse = http.get("/log/checkpoint", null);
    assertThat(cpResponse.status()).isEqualTo(200);
    SignedCheckpoint published = SignedCheckpoint.parse(cpResponse.body(), List.of(verifier));
    SignedCheckpoint inReceipt = SignedCheckpoint.parse(receipt.get("checkpoint").asText(), List.of(verifier));

    long index = receipt.get("index").asLong();
    long size = receipt.get("treeSize").asLong();
    byte[] leaf = B64.decode(receipt.get("leafHash").asText());
    List<byte[]> proof = new ArrayList<>();
    receipt.get("inclusionProof").forEach(h -> proof.add(B64.decode(h.asText())));
    assertThat(inReceipt.checkpoint().size()).isEqualTo(size);
    assertThat(published.checkpoint().size()).isEqualTo(size);
    assertThat(published.checkpoint().root()).isEqualTo(inReceipt.checkpoint().root());
    Proofs.verifyInclusion(index, size, leaf, proof, published.checkpoint().root());

    long tile = index / 256;
    int width = (int) Math.min(256, size - tile * 256);
    String path = "/log/tile/entries/" + tilePath(tile) + (width == 256 ? "" : ".p/" + width);
    Http.Response bundle = http.get(path, null);
    assertThat(bundle.status()).as(path).isEqualTo(200);
    byte[] entry = EntryBundle.decode(bundle.bytes()).get((int) (index % 256));
    assertThat(Hashes.leafHash(entry)).isEqualTo(leaf);
    assertThat(new String(entry, StandardCharsets.UTF_8)).doesNotContain("officer-1").doesNotContain("Ana Ruiz");
  }

  static String tilePath(long n) {
    String digits = Long.toString(n);
    digits = "0".repeat((3 - digits.length() % 3) % 3) + digits;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 3) {
      sb.append(i > 0 ? "/" : "").append(i + 3 < digits.length() ? "x" : "").append(digits, i, i + 3);
    }
    return sb.toString();
  }

  static Set<String> fieldNames(JsonNode o) {
    Set<String> s = new HashSet<>();
    o.fieldNames().forEachRemaining(s::add);
    return s;
  }
}
