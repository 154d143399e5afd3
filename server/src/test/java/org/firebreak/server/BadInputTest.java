package org.firebreak.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.tiles.EntryBundle;
import org.firebreak.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input on every route: a 4xx problem+json with the right type (and JSON path or NDJSON line), and nothing of
 * it stored. One server per database kind for the class, with small body limits so "too large" is quick to send.
 */
class BadInputTest {
  private static final String INVALID = ErrorCode.INVALID_INPUT.typeUri();
  private static final long MAX_JSON = 16 * 1024;
  private static final long MAX_NDJSON = 64 * 1024;

  @TempDir
  static Path tmp;

  private static final Map<TestDatabases.Kind, World> WORLDS = new EnumMap<>(TestDatabases.Kind.class);

  /** A server with agencies, users of each role and a DMV source with two records. */
  record World(Fixture f, String officer, String custodian, String auditor, String trooper) {}

  static synchronized World world(TestDatabases.Kind kind) throws Exception {
    World w = WORLDS.get(kind);
    if (w == null) {
      Fixture f = Fixture.open(kind, tmp, new FirebreakServer.Options("127.0.0.1", 0, MAX_JSON, MAX_NDJSON, 50));
      f.agency("sfpd", "LOCAL", "POLICE", "US-CA-SF");
      f.agency("chp", "STATE", "STATE_POLICE", "US-CA");
      f.agency("dmv", "STATE", "DMV", "US-CA");
      f.agency("other-dmv", "STATE", "DMV", "US-NV");
      w = new World(f, f.user("officer", "sfpd", "REQUESTER"), f.user("custodian", "dmv", "CUSTODIAN"),
          f.user("auditor", "chp", "AUDITOR"), f.user("trooper", "chp", "REQUESTER"));
      f.dmvSource(w.custodian(), "ca-dmv", "dmv");
      assertThat(f.http.postNdjson("/v1/sources/ca-dmv/records", w.custodian(), Fixture.DMV_RECORDS).status())
          .isEqualTo(200);
      WORLDS.put(kind, w);
    }
    return w;
  }

  @AfterAll
  static void closeAll() throws Exception {
    for (World w : WORLDS.values()) {
      w.f().close();
    }
    WORLDS.clear();
  }

  private static JsonNode problem(Http.Response r, int status, String type) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.get("type").asText()).as(r.toString()).isEqualTo(type);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
    return p;
  }

  private static String big(long bytes) {
    return "x".repeat((int) bytes);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void agencies(TestDatabases.Kind kind) throws Exception {
    World w = world(kind);
    Http http = w.f().http;
    String admin = w.f().admin;
    int before = w.f().store.agencies().list().size();
    problem(http.postJson("/v1/agencies", admin, "{\"id\":\"a1\",\"name\":"), 400, INVALID);
    assertThat(problem(http.postJson("/v1/agencies", admin, """
        {"id":"a1","name":"A","level":"LOCAL","component":"POLICE","jurisdiction":"US-CA","budget":1}"""),
        400, INVALID).get("path").asText()).isEqualTo("$.budget");
    assertThat(problem(http.postJson("/v1/agencies", admin, """
        {"id":"a1","name":"A","level":"COUNTY","component":"POLICE","jurisdiction":"US-CA"}"""),
        400, INVALID).get("path").asText()).isEqualTo("$.level");
    assertThat(problem(http.postJson("/v1/agencies", admin, """
        {"id":"a1","name":"A","level":"LOCAL","component":"ICE_ERO","jurisdiction":"US"}"""),
        400, INVALID).get("path").asText()).isEqualTo("$.level");
    assertThat(problem(http.postJson("/v1/agencies", admin, """
        {"id":"a1","level":"LOCAL","component":"POLICE","jurisdiction":"US-CA"}"""),
        400, INVALID).get("path").asText()).isEqualTo("$.name");
    problem(http.postJson("/v1/agencies", admin, """
        {"id":"sfpd","name":"again","level":"LOCAL","component":"POLICE","jurisdiction":"US-CA"}"""),
        409, ErrorCode.CONFLICT.typeUri());
    problem(http.postJson("/v1/agencies", admin, "{\"id\":\"" + big(MAX_JSON) + "\"}"), 413, Problems.TOO_LARGE);
    problem(http.send("POST", "/v1/agencies", admin, "text/plain",
        "{}".getBytes(StandardCharsets.UTF_8)), 415, Problems.UNSUPPORTED_MEDIA_TYPE);
    problem(http.send("POST", "/v1/agencies", admin, null, null), 415, Problems.UNSUPPORTED_MEDIA_TYPE);
    problem(http.postJson("/v1/agencies", admin, ""), 400, INVALID);
    problem(http.send("POST", "/v1/agencies", admin, "application/json",
        new byte[] {'{', '"', 'i', (byte) 0xC3, (byte) 0x28, '"', '}'}), 400, INVALID);
    assertThat(w.f().store.agencies().list()).hasSize(before);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void bodiesWithoutAContentLengthAreReadWholeAndLimitedAlike(TestDatabases.Kind kind) throws Exception {
    World w = world(kind);
    Http http = w.f().http;
    String admin = w.f().admin;
    int before = w.f().store.agencies().list().size();
    String json = """
        {"id":"chunked-agency","name":"Sent in chunks","level":"LOCAL","component":"POLICE","jurisdiction":"US-CA"}""";
    Http.Response created = http.sendChunked("POST", "/v1/agencies", admin, "application/json",
        json.getBytes(StandardCharsets.UTF_8));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("name").asText()).isEqualTo("Sent in chunks");
    // The answer, written to the response's stream, still says how long it is.
    assertThat(created.header("Content-Length")).contains(String.valueOf(created.bytes().length));
    assertThat(w.f().store.agencies().get("chunked-agency")).isPresent();
    problem(http.sendChunked("POST", "/v1/agencies", admin, "application/json",
        ("{\"id\":\"" + big(MAX_JSON) + "\"}").getBytes(StandardCharsets.UTF_8)), 413, Problems.TOO_LARGE);
    problem(http.sendChunked("POST", "/v1/agencies", admin, "application/json",
        "{\"id\":\"a2\",\"name\":".getBytes(StandardCharsets.UTF_8)), 400, INVALID);
    assertThat(w.f().store.agencies().list()).hasSize(before + 1);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void users(TestDatabases.Kind kind) throws Exception {
    World w = world(kind);
    Http http = w.f().http;
    String admin = w.f().admin;
    int before = w.f().store.users().list().size();
    assertThat(problem(http.postJson("/v1/users", admin, """
        {"id":"u1","agency":"sfpd","roles":["GOD"]}"""), 400, INVALID).get("path").asText())
        .isEqualTo("$.roles[0]");
    assertThat(problem(http.postJson("/v1/users", admin, """
        {"id":"u1","agency":"sfpd","roles":[]}"""), 400, INVALID).get("path").asText()).isEqualTo("$.roles");
    assertThat(problem(http.postJson("/v1/users", admin, """
        {"id":"u1","agency":"sfpd","roles":["REQUESTER"],"taskForces":["SECRET_SQUAD"]}"""), 400, INVALID)
        .get("path").asText()).isEqualTo("$.taskForces[0]");
    assertThat(problem(http.postJson("/v1/users", admin, """
        {"id":"u1","agency":"sfpd","roles":["REQUESTER"],"certifications":["lower case"]}"""), 400, INVALID)
        .get("path").asText()).isEqualTo("$.certifications");
    assertThat(problem(http.postJson("/v1/users", admin, """
        {"id":"u1","agency":"sfpd","roles":["REQUESTER"],"password":"x"}"""), 400, INVALID)
        .get("path").asText()).isEqualTo("$.password");
    problem(http.postJson("/v1/users", admin, """
        {"id":"u1","agency":"no-such-agency","roles":["REQUESTER"]}"""), 400, INVALID);
    problem(http.postJson("/v1/users", admin, """
        {"id":"officer","agency":"sfpd","roles":["REQUESTER"]}"""), 409, ErrorCode.CONFLICT.typeUri());
    problem(http.postJson("/v1/users", admin, "[]"), 400, INVALID);
    assertThat(w.f().store.users().list()).hasSize(before);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void sources(TestDatabases.Kind kind) throws Exception {
    World w = world(kind);
    Http http = w.f().http;
    String c = w.custodian();
    int before = w.f().store.sources().list().size();
    assertThat(problem(http.postJson("/v1/sources", c, """
        {"id":"s1","kind":"DMV","jurisdiction":"US-CA","agency":"dmv","fields":{"name":"secrets"}}"""),
        400, INVALID).get("path").asText()).isEqualTo("$.fields.name");
    assertThat(problem(http.postJson("/v1/sources", c, """
        {"id":"s1","kind":"TAROT","jurisdiction":"US-CA","agency":"dmv","fields":{"name":"identity"}}"""),
        400, INVALID).get("path").asText()).isEqualTo("$.kind");
    assertThat(problem(http.postJson("/v1/sources", c, """
        {"id":"s1","kind":"DMV","jurisdiction":"US-CA","agency":"dmv","fields":{"name":"identity"},
         "searchable":["license"]}"""), 400, INVALID).get("path").asText()).isEqualTo("$.searchable");
    assertThat(problem(http.postJson("/v1/sources", c, """
        {"id":"s1","kind":"DMV","jurisdiction":"California","agency":"dmv","fields":{"name":"identity"}}"""),
        400, INVALID).get("path").asText()).isEqualTo("$.jurisdiction");
    problem(http.postJson("/v1/sources", c, """
        {"id":"s1","kind":"DMV","jurisdiction":"US-CA","agency":"nobody","fields":{"name":"identity"}}"""),
        400, INVALID);
    problem(http.postJson("/v1/sources", c, """
        {"id":"ca-dmv","kind":"DMV","jurisdiction":"US-CA","agency":"dmv","fields":{"name":"identity"}}"""),
        409, ErrorCode.CONFLICT.typeUri());
    assertThat(w.f().store.sources().list()).hasSize(before);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void recordsABadLineIsReportedByNumberAndNothingOfTheBatchIsStored(TestDatabases.Kind kind) throws Exception {
    World w = world(kind);
    Http http = w.f().http;
    String c = w.custodian();
    String path = "/v1/sources/ca-dmv/records";
    long before = w.f().store.records().count("ca-dmv");
    String good = "{\"id\":\"n%d\",\"fields\":{\"name\":\"N %d\"}}\n";

    JsonNode p = problem(http.postNdjson(path, c, good.formatted(1, 1) + good.formatted(2, 2)
        + "{\"id\":\"n3\",\"fields\":{\"name\":\n"), 400, INVALID);
    assertThat(p.get("line").asInt()).isEqualTo(3);
    assertThat(p.get("detail").asText()).startsWith("line 3: ");

    p = problem(http.postNdjson(path, c, good.formatted(1, 1) + "\n"
        + "{\"id\":\"n2\",\"fields\":{\"shoe_size\":\"44\"}}\n"), 400, INVALID);
    assertThat(p.get("line").asInt()).isEqualTo(3); // blank lines count
    assertThat(p.get("detail").asText()).contains("shoe_size");

    p = problem(http.postNdjson(path, c, good.formatted(1, 1) + good.formatted(1, 1)), 400, INVALID);
    assertThat(p.get("line").asInt()).isEqualTo(2);
    assertThat(p.get("path").asText()).isEqualTo("$.id");

    p = problem(http.postNdjson(path, c, "{\"id\":\"n1\",\"fields\":{\"name\":\"x\"},\"extra\":1}\n"), 400, INVALID);
    assertThat(p.get("line").asInt()).isEqualTo(1);
    assertThat(p.get("path").asText()).isEqualTo("$.extra");

    p = problem(http.postNdjson(path, c, "{\"id\":\"n1\",\"fields\":{\"name\":7}}\n"), 400, INVALID);
    assertThat(p.get("path").asText()).isEqualTo("$.fields.name");

    problem(http.postNdjson(path, c, "\n\n"), 400, INVALID);
    problem(http.postNdjson("/v1/sources/no-such-source/records", c, good.formatted(1, 1)), 404,
        ErrorCode.NOT_FOUND.typeUri());
    problem(http.postJson(path, c, good.formatted(1, 1)), 415, Problems.UNSUPPORTED_MEDIA_TYPE);
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 51; i++) {
      many.append(good.formatted(i, i));
    }
    problem(http.postNdjson(path, c, many.toString()), 413, Problems.TOO_LARGE);
    problem(http.postNdjson(path, c, "{\"id\":\"n1\",\"fields\":{\"name\":\"" + big(MAX_NDJSON) + "\"}}\n"), 413,
        Problems.TOO_LARGE);
    // A custodian of another agency may not ingest into this source.
    String stranger = w.f().user(Fixture.id("other-custodian"), "other-dmv", "CUSTODIAN");
    problem(http.postNdjson(path, stranger, good.formatted(1, 1)), 403, ErrorCode.FORBIDDEN.typeUri());

    assertThat(w.f().store.records().count("ca-dmv")).isEqualTo(before);
    assertThat(w.f().store.records().get("ca-dmv", "n1")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void requestsAndTheRejectedOneIsRecordedAsRejected(TestDatabases.Kind kind) throws Exception {
    World w = world(kind);
    Http http = w.f().http;
    String o = w.officer();
    problem(http.postJson("/v1/requests", o, "{\"purpose\":"), 400, INVALID);
    assertThat(problem(http.postJson("/v1/requests", o, """
        {"purpose":"CURIOSITY","sources":["ca-dmv"],"query":{"name":"Ana Ruiz"}}"""), 400, INVALID)
        .get("path").asText()).isEqualTo("$.purpose");
    assertThat(problem(http.postJson("/v1/requests", o, """
        {"purpose":"VIOLENT_CRIME","sources":["ca-dmv"],"query":{}}"""), 400, INVALID)
        .get("path").asText()).isEqualTo("$.query");
    assertThat(problem(http.postJson("/v1/requests", o, """
        {"purpose":"VIOLENT_CRIME","sources":["ca-dmv"],"query":{"name":"x"},"requester":{"id":"boss"}}"""),
        400, INVALID).get("path").asText()).isEqualTo("$.requester");
    assertThat(problem(http.postJson("/v1/requests", o, """
        {"purpose":"VIOLENT_CRIME","sources":["ca-dmv"],"query":{"name":"x"},
         "legalProcess":{"type":"WARRANT"}}"""), 400, INVALID).get("path").asText())
        .isEqualTo("$.legalProcess.type");
    problem(http.postJson("/v1/requests", o, "{\"purpose\":\"VIOLENT_CRIME\",\"justification\":\""
        + big(MAX_JSON) + "\"}"), 413, Problems.TOO_LARGE);

    // An unknown source: 404, and the request is stored as REJECTED and ledgered as such.
    long sizeBefore = treeSize(w.f().http);
    int rejectedBefore = rejectedCount(w.f());
    problem(http.postJson("/v1/requests", o, """
        {"purpose":"VIOLENT_CRIME","caseNumber":"SF-26-3","sources":["no-such-source"],"query":{"name":"x"}}"""),
        404, ErrorCode.NOT_FOUND.typeUri());
    assertThat(rejectedCount(w.f())).isEqualTo(rejectedBefore + 1);
    long sizeAfter = treeSize(w.f().http);
    assertThat(sizeAfter).isEqualTo(sizeBefore + 1);
    long tile = sizeBefore / 256;
    long width = sizeAfter - tile * 256;
    Http.Response bundle = http.get("/log/tile/entries/" + EndToEndTest.tilePath(tile)
        + (width == 256 ? "" : ".p/" + width), null);
    String entry = new String(EntryBundle.decode(bundle.bytes()).get((int) (sizeBefore % 256)),
        StandardCharsets.UTF_8);
    assertThat(entry).contains("\"type\":\"rejected\"").contains("\"reason\":\"not-found\"")
        .doesNotContain("no-such-source").doesNotContain("officer");
    // A category the source does not hold: rejected too, 400.
    problem(http.postJson("/v1/requests", o, """
        {"purpose":"VIOLENT_CRIME","sources":["ca-dmv"],"query":{"name":"x"},"categories":["alpr.read"]}"""),
        400, INVALID);
    assertThat(rejectedCount(w.f())).isEqualTo(rejectedBefore + 2);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void reviewsAndLookups(TestDatabases.Kind kind) throws Exception {
    World w = world(kind);
    Http http = w.f().http;
    String a = w.auditor();
    Http.Response held = http.postJson("/v1/requests", w.trooper(), """
        {"purpose":"EXIGENT_THREAT","caseNumber":"CHP-26-9","justification":"armed subject, hostage",
         "sources":["ca-dmv"],"query":{"license":"D7654321"},"categories":["dmv.source_documents"]}""");
    assertThat(held.status()).as(held.toString()).isEqualTo(201);
    String id = held.json().get("id").asText();
    String review = "/v1/requests/" + id + "/review";
    assertThat(problem(http.postJson(review, a, "{\"decision\":\"REFER\",\"note\":\"later\"}"), 400, INVALID)
        .get("path").asText()).isEqualTo("$.decision");
    assertThat(problem(http.postJson(review, a, "{\"decision\":\"PERMIT\"}"), 400, INVALID)
        .get("path").asText()).isEqualTo("$.note");
    assertThat(problem(http.postJson(review, a, "{\"decision\":\"MAYBE\",\"note\":\"x\"}"), 400, INVALID)
        .get("path").asText()).isEqualTo("$.decision");
    problem(http.postJson("/v1/requests/no-such-request/review", a, "{\"decision\":\"DENY\",\"note\":\"x\"}"),
        404, ErrorCode.NOT_FOUND.typeUri());
    assertThat(http.get("/v1/requests/" + id, a).json().get("status").asText()).isEqualTo("HELD");
    assertThat(http.postJson(review, a, "{\"decision\":\"DENY\",\"note\":\"not exigent\"}").status()).isEqualTo(200);
    problem(http.postJson(review, a, "{\"decision\":\"PERMIT\",\"note\":\"changed my mind\"}"), 409,
        ErrorCode.CONFLICT.typeUri());
    assertThat(http.get("/v1/requests/" + id, a).json().get("status").asText()).isEqualTo("DENIED");

    problem(http.get("/v1/requests/no-such-request", w.officer()), 404, ErrorCode.NOT_FOUND.typeUri());
    problem(http.get("/v1/reviews?limit=lots", a), 400, INVALID);
    problem(http.get("/v1/reviews?limit=0", a), 400, INVALID);
    assertThat(http.get("/v1/reviews?limit=5", a).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void unknownRoutesAndMethodsAreProblemsToo(TestDatabases.Kind kind) throws Exception {
    World w = world(kind);
    Http http = w.f().http;
    problem(http.get("/v2/everything", null), 404, ErrorCode.NOT_FOUND.typeUri());
    problem(http.get("/v1/agencies", w.f().admin), 404, ErrorCode.NOT_FOUND.typeUri());
    problem(http.send("DELETE", "/v1/requests/x", w.f().admin, null, null), 404, ErrorCode.NOT_FOUND.typeUri());
    problem(http.get("/healthz/", null), 404, ErrorCode.NOT_FOUND.typeUri());
    // Refused by Jetty before any route runs: a problem all the same.
    problem(http.get("/v1/reviews", "Bearer " + "x".repeat(20_000)), 431, Problems.TOO_LARGE);
  }

  private static long treeSize(Http http) throws Exception {
    NoteVerifier v = NoteVerifier.parse(http.get("/log/vkey", null).body().strip());
    return SignedCheckpoint.parse(http.get("/log/checkpoint", null).body(), List.of(v)).checkpoint().size();
  }

  private static int rejectedCount(Fixture f) throws Exception {
    try (Connection c = DriverManager.getConnection(f.db.url()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM requests WHERE status = 'REJECTED'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
