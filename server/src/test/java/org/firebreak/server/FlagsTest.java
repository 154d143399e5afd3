package org.firebreak.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code GET /v1/flags} over real HTTP: a local officer relaying for ICE is flagged for the auditor to see. */
class FlagsTest {
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
  void anIceRelayRequestIsFlaggedForTheAuditor(TestDatabases.Kind kind) throws Exception {
    f = Fixture.open(kind, tmp);
    Http http = f.http;
    f.agency("cvpd", "LOCAL", "POLICE", "US-CA-COSTA_VERDE");
    f.agency("dmv", "STATE", "DMV", "US-CA");
    f.agency("chp", "STATE", "STATE_POLICE", "US-CA");
    String officer = f.user("officer", "cvpd", "REQUESTER");
    String colleague = f.user("colleague", "cvpd", "REQUESTER");
    String auditor = f.user("aud", "chp", "AUDITOR");
    f.dmvSource(f.admin, "ca-dmv", "dmv");
    assertThat(http.postNdjson("/v1/sources/ca-dmv/records", f.admin, Fixture.DMV_RECORDS).status()).isEqualTo(200);

    String earlier = submit(http, officer, """
        {"purpose":"VIOLENT_CRIME","caseNumber":"26-01628","justification":"armed robbery suspect",
         "sources":["ca-dmv"],"query":{"license":"D1234567"}}""");
    String lawful = submit(http, colleague, """
        {"purpose":"VIOLENT_CRIME","caseNumber":"26-01630","justification":"armed robbery suspect",
         "sources":["ca-dmv"],"query":{"license":"D7654321"}}""");
    String relay = submit(http, officer, """
        {"purpose":"VIOLENT_CRIME","caseNumber":"26-01629","justification":"locate subject",
         "onBehalfOf":{"id":"ice-ero-sfr","name":"ICE ERO San Francisco","level":"FEDERAL","component":"ICE_ERO",
                       "jurisdiction":"US"},
         "sources":["ca-dmv"],"query":{"name":"Ana Ruiz"}}""");

    Http.Response r = http.get("/v1/flags", auditor);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode page = r.json();
    assertThat(page.get("requests").asInt()).isEqualTo(3);
    List<JsonNode> flags = new ArrayList<>();
    page.get("flags").forEach(flags::add);
    assertThat(page.get("total").asInt()).isEqualTo(flags.size());
    // The colleague's request (a case number, a reason, no one else's behalf, no contact with ICE) raises nothing.
    assertThat(flags).noneMatch(fl -> fl.get("requestId").asText().equals(lawful));
    // The officer's earlier search was followed within 24 hours by the same officer's request for ICE: a relay.
    assertThat(flags).filteredOn(fl -> fl.get("requestId").asText().equals(earlier)).singleElement().satisfies(fl -> {
      assertThat(fl.get("detector").asText()).isEqualTo("relay");
      assertThat(fl.get("severity").asText()).isEqualTo("MEDIUM");
      assertThat(fl.get("evidence").get(0).asText()).isEqualTo(earlier);
      assertThat(fl.get("evidence").get(1).asText()).isEqualTo(relay);
    });
    assertThat(flags).anySatisfy(fl -> {
      assertThat(fl.get("requestId").asText()).isEqualTo(relay);
      assertThat(fl.get("detector").asText()).isEqualTo("immigration-agency");
      assertThat(fl.get("severity").asText()).isEqualTo("HIGH");
      assertThat(fl.get("requester").asText()).isEqualTo("cvpd");
      assertThat(fl.get("explanation").asText()).contains("ICE ERO San Francisco");
      assertThat(fl.get("evidence").get(0).asText()).isEqualTo(relay);
      assertThat(fl.get("citations").toString()).contains("7284.6");
    });

    // Pages: one flag at a time, in the same order.
    Http.Response first = http.get("/v1/flags?limit=1", auditor);
    Http.Response second = http.get("/v1/flags?limit=1&offset=1", auditor);
    assertThat(first.json().get("flags")).hasSize(1);
    assertThat(first.json().get("flags").get(0)).isEqualTo(flags.get(0));
    if (flags.size() > 1) {
      assertThat(second.json().get("flags").get(0)).isEqualTo(flags.get(1));
    }

    // Another window holds none of them.
    JsonNode old = http.get("/v1/flags?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z", auditor).json();
    assertThat(old.get("requests").asInt()).isZero();
    assertThat(old.get("flags")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void badParametersAreProblemsNamingTheParameter(TestDatabases.Kind kind) throws Exception {
    f = Fixture.open(kind, tmp);
    f.agency("chp", "STATE", "STATE_POLICE", "US-CA");
    String auditor = f.user("aud", "chp", "AUDITOR");
    assertProblem(f.http.get("/v1/flags?from=yesterday", auditor), "from");
    assertProblem(f.http.get("/v1/flags?limit=0", auditor), "limit");
    assertProblem(f.http.get("/v1/flags?limit=1001", auditor), "limit");
    assertProblem(f.http.get("/v1/flags?offset=-1", auditor), "offset");
    assertProblem(f.http.get("/v1/flags?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", auditor), "from");
    assertProblem(f.http.get("/v1/flags?from=2026-01-01T00:00:00Z&to=2026-11-01T00:00:00Z", auditor), "from");
  }

  private static void assertProblem(Http.Response r, String path) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("type").asText()).isEqualTo(ErrorCode.INVALID_INPUT.typeUri());
    assertThat(r.json().get("path").asText()).isEqualTo(path);
  }

  private static String submit(Http http, String token, String body) {
    Http.Response r = http.postJson("/v1/requests", token, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asText();
  }
}
