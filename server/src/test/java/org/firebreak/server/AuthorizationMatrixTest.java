package org.firebreak.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every route x every role x no token x a bad token: only the intended combinations succeed, with the exact status
 * codes; the others are 401 (with a Bearer challenge) or 403, as problem+json, and do nothing. Each call carries a
 * body that would succeed for a permitted caller, so a refusal is the role's doing and nothing else's.
 */
class AuthorizationMatrixTest {
  @TempDir
  Path tmp;

  private Fixture f;

  @AfterEach
  void close() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  /** Who calls. */
  enum Principal { REQUESTER, CUSTODIAN, AUDITOR, ADMIN, NO_TOKEN, BAD_TOKEN }

  /** A route with the status of a permitted call, the principals permitted, and how to call it. */
  record Case(String route, int success, Set<Principal> allowed, Function<String, Http.Response> call) {}

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void onlyTheIntendedRolesGetThrough(TestDatabases.Kind kind) throws Exception {
    f = Fixture.open(kind, tmp);
    java.nio.file.Files.createDirectories(tmp.resolve("reports/2026-11"));
    java.nio.file.Files.writeString(tmp.resolve("reports/2026-11/report.html"), "<html></html>");
    Http http = f.http;
    f.agency("sfpd", "LOCAL", "POLICE", "US-CA-SF");
    f.agency("chp", "STATE", "STATE_POLICE", "US-CA");
    f.agency("dmv", "STATE", "DMV", "US-CA");
    Map<Principal, String> tokens = new LinkedHashMap<>();
    tokens.put(Principal.REQUESTER, f.user("req", "sfpd", "REQUESTER"));
    tokens.put(Principal.CUSTODIAN, f.user("cust", "dmv", "CUSTODIAN"));
    tokens.put(Principal.AUDITOR, f.user("aud", "chp", "AUDITOR"));
    tokens.put(Principal.ADMIN, f.admin);
    tokens.put(Principal.NO_TOKEN, null);
    tokens.put(Principal.BAD_TOKEN, "fbk_not-a-token");
    String trooper = f.user("trooper", "chp", "REQUESTER");
    f.dmvSource(f.admin, "ca-dmv", "dmv");
    assertThat(http.postNdjson("/v1/sources/ca-dmv/records", f.admin, Fixture.DMV_RECORDS).status()).isEqualTo(200);
    Http.Response own = http.postJson("/v1/requests", tokens.get(Principal.REQUESTER), """
        {"purpose":"VIOLENT_CRIME","sources":["ca-dmv"],"query":{"license":"D1234567"}}""");
    assertThat(own.status()).as(own.toString()).isEqualTo(201);
    String ownId = own.json().get("id").asText();

    Set<Principal> everyone = Set.of(Principal.values());
    List<Case> cases = List.of(
        new Case("GET /healthz", 200, everyone, t -> http.get("/healthz", t)),
        new Case("GET /openapi.json", 200, everyone, t -> http.get("/openapi.json", t)),
        new Case("GET /log/checkpoint", 200, everyone, t -> http.get("/log/checkpoint", t)),
        new Case("GET /log/vkey", 200, everyone, t -> http.get("/log/vkey", t)),
        new Case("GET /log/tile/{path}", 200, everyone, t -> http.get(currentBundle(), t)),
        new Case("GET /reports/", 200, everyone, t -> http.get("/reports/", t)),
        new Case("GET /reports/{path}", 200, everyone, t -> http.get("/reports/2026-11/report.html", t)),
        new Case("GET /metrics", 200, Set.of(Principal.ADMIN), t -> http.get("/metrics", t)),
        new Case("POST /v1/agencies", 201, Set.of(Principal.ADMIN), t -> http.postJson("/v1/agencies", t, """
            {"id":"%s","name":"A","level":"LOCAL","component":"SHERIFF","jurisdiction":"US-CA"}"""
            .formatted(Fixture.id("agency")))),
        new Case("POST /v1/users", 201, Set.of(Principal.ADMIN), t -> http.postJson("/v1/users", t, """
            {"id":"%s","agency":"sfpd","roles":["REQUESTER"]}""".formatted(Fixture.id("user")))),
        new Case("POST /v1/sources", 201, Set.of(Principal.CUSTODIAN, Principal.ADMIN),
            t -> http.postJson("/v1/sources", t, """
                {"id":"%s","kind":"ALPR","jurisdiction":"US-CA","agency":"dmv","fields":{"plate":"alpr.read"},
                 "searchable":["plate"]}""".formatted(Fixture.id("source")))),
        new Case("POST /v1/sources/{id}/records", 200, Set.of(Principal.CUSTODIAN, Principal.ADMIN),
            t -> http.postNdjson("/v1/sources/ca-dmv/records", t, Fixture.DMV_RECORDS)),
        new Case("POST /v1/requests", 201, Set.of(Principal.REQUESTER), t -> http.postJson("/v1/requests", t, """
            {"purpose":"VIOLENT_CRIME","sources":["ca-dmv"],"query":{"name":"Ben Ito"}}""")),
        new Case("GET /v1/requests/{id}", 200, Set.of(Principal.REQUESTER, Principal.AUDITOR, Principal.ADMIN),
            t -> http.get("/v1/requests/" + ownId, t)),
        new Case("GET /v1/reviews", 200, Set.of(Principal.AUDITOR), t -> http.get("/v1/reviews", t)),
        new Case("POST /v1/requests/{id}/review", 200, Set.of(Principal.AUDITOR),
            t -> http.postJson("/v1/requests/" + held(http, trooper) + "/review", t, """
                {"decision":"DENY","note":"not exigent"}""")),
        new Case("GET /v1/flags", 200, Set.of(Principal.AUDITOR), t -> http.get("/v1/flags", t)));

    // The matrix covers every route the server has.
    assertThat(cases.stream().map(Case::route).sorted().toList()).isEqualTo(f.server.registeredRoutes());

    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      for (Map.Entry<Principal, String> p : tokens.entrySet()) {
        Http.Response r = c.call().apply(p.getValue());
        int expected = c.allowed().contains(p.getKey()) ? c.success()
            : p.getKey() == Principal.NO_TOKEN || p.getKey() == Principal.BAD_TOKEN ? 401 : 403;
        if (r.status() != expected) {
          wrong.add(c.route() + " as " + p.getKey() + ": expected " + expected + ", got " + r);
          continue;
        }
        if (expected == 401 || expected == 403) {
          assertThat(r.contentType()).startsWith("application/problem+json");
          ErrorCode code = expected == 401 ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN;
          assertThat(r.json().get("type").asText()).isEqualTo(code.typeUri());
          assertThat(r.json().get("status").asInt()).isEqualTo(expected);
          if (expected == 401) {
            assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
          }
        }
      }
    }
    assertThat(wrong).isEmpty();

    // A malformed Authorization header is a 401 too, and so is a token of the wrong scheme.
    assertThat(http.get("/v1/reviews", "Basic YWRtaW46YWRtaW4=").status()).isEqualTo(401);
    assertThat(http.get("/v1/reviews", "Bearer  ").status()).isEqualTo(401);

    // The refused calls did nothing: one agency per ADMIN call, one user, two sources (custodian and admin).
    assertThat(f.store.agencies().list()).hasSize(4 + 1);
    assertThat(f.store.sources().list()).hasSize(1 + 2);
  }

  /** A request of the trooper's that is held for review (the SB 244 referral). */
  private static String held(Http http, String trooper) {
    Http.Response r = http.postJson("/v1/requests", trooper, """
        {"purpose":"EXIGENT_THREAT","caseNumber":"CHP-26-9","justification":"armed subject, hostage",
         "sources":["ca-dmv"],"query":{"license":"D7654321"},"categories":["dmv.source_documents"]}""");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("status").asText()).isEqualTo("HELD");
    return r.json().get("id").asText();
  }

  /** The path of the entry bundle holding the latest entry, as of the checkpoint now. */
  private String currentBundle() {
    try {
      NoteVerifier v = NoteVerifier.parse(f.http.get("/log/vkey", null).body().strip());
      long size = SignedCheckpoint.parse(f.http.get("/log/checkpoint", null).body(), List.of(v)).checkpoint().size();
      long tile = (size - 1) / 256;
      long width = size - tile * 256;
      return "/log/tile/entries/" + EndToEndTest.tilePath(tile) + (width == 256 ? "" : ".p/" + width);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
