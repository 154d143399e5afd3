package org.firebreak.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.firebreak.store.StoredRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC JWTs as credentials, end to end: a real issuer (discovery document and JWK set over HTTP) and {@code firebreak
 * serve}'s wiring ({@link Deployment}) on SQLite. The expected answers are those of RFC 7519 (JWT: iss §4.1.1, sub
 * §4.1.2, aud §4.1.3, exp §4.1.4, nbf §4.1.5, unsecured JWTs §6), RFC 7515 (JWS signatures, the key named by
 * {@code kid}) and RFC 8725 §3.1-3.2 (the algorithms a verifier accepts: no {@code none}, no HMAC with a public key).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcTest {
  private static final String AUDIENCE = "firebreak-api";
  private static final String UNAUTHENTICATED = "https://firebreak.dev/problems/unauthenticated";
  private static final String FORBIDDEN = "https://firebreak.dev/problems/forbidden";
  private static final String REQUEST = """
      {"purpose":"VIOLENT_CRIME","justification":"armed robbery suspect","caseNumber":"SF-26-7",
       "sources":["oidc-dmv"],"query":{"license":"D1234567"}}""";

  @TempDir
  static Path tmp;

  private Issuer issuer;
  private Deployment deployment;
  private Http http;
  private String admin;
  private String officerApiToken;
  private RSAKey rsa;
  private ECKey ec;
  /** Not in the issuer's JWK set. */
  private RSAKey stranger;

  @BeforeAll
  void start() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    stranger = new RSAKeyGenerator(2048).keyID("stranger-1").generate();
    issuer = new Issuer();
    issuer.publish(rsa, ec);
    // No JWKS URL: it comes from the issuer's discovery document.
    deployment = Deployment.start(new Deployment.Settings(tmp.resolve("data"), Optional.empty(), "127.0.0.1", 0,
        "firebreak.test/log", Optional.of(OidcSettings.of(issuer.issuer, Optional.empty(), AUDIENCE))));
    http = new Http(deployment.port());
    admin = Files.readString(deployment.adminTokenFile()).strip();

    created(http.postJson("/v1/agencies", admin, """
        {"id":"sfpd","name":"SFPD","level":"LOCAL","component":"POLICE","jurisdiction":"US-CA-SF"}"""));
    created(http.postJson("/v1/agencies", admin, """
        {"id":"oakpd","name":"OPD","level":"LOCAL","component":"POLICE","jurisdiction":"US-CA-OAK"}"""));
    created(http.postJson("/v1/agencies", admin, """
        {"id":"dmv","name":"DMV","level":"STATE","component":"DMV","jurisdiction":"US-CA"}"""));
    officerApiToken = created(http.postJson("/v1/users", admin, """
        {"id":"officer-jwt","agency":"sfpd","roles":["REQUESTER"]}""")).get("token").asText();
    created(http.postJson("/v1/users", admin, """
        {"id":"oak-officer","agency":"oakpd","roles":["REQUESTER"]}"""));
    created(http.postJson("/v1/sources", admin, """
        {"id":"oidc-dmv","kind":"DMV","jurisdiction":"US-CA","agency":"dmv",
         "fields":{"name":"identity","license":"dmv.record","home":"address.home",
                   "docs":"dmv.source_documents","status":"immigration_status"},
         "searchable":["name","license"]}"""));
    Http.Response in = http.postNdjson("/v1/sources/oidc-dmv/records", admin, Fixture.DMV_RECORDS);
    assertThat(in.status()).as(in.toString()).isEqualTo(200);
  }

  @AfterAll
  void stop() throws Exception {
    if (deployment != null) {
      deployment.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  private static JsonNode created(Http.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  /** A token for officer-jwt of sfpd with the role REQUESTER, valid for five minutes. */
  private JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer.issuer)
        .audience(AUDIENCE)
        .subject("officer-jwt")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .claim("agency", "sfpd")
        .claim("roles", List.of("REQUESTER"));
  }

  private String rs256(JWTClaimsSet.Builder claims) {
    return Issuer.sign(rsa, JWSAlgorithm.RS256, claims.build());
  }

  private Http.Response submit(String token) {
    return http.postJson("/v1/requests", token, REQUEST);
  }

  /** 401 unauthenticated as problem+json (RFC 9457) with the RFC 6750 §3 challenge, and nothing of the internals. */
  private static void assertUnauthenticated(Http.Response r, String detail) {
    assertThat(r.status()).as(r.toString()).isEqualTo(401);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer "));
    JsonNode p = r.json();
    assertThat(p.get("type").asText()).isEqualTo(UNAUTHENTICATED);
    assertThat(p.get("status").asInt()).isEqualTo(401);
    assertThat(p.get("detail").asText()).contains(detail);
    assertThat(r.body()).doesNotContainIgnoringCase("exception").doesNotContain("nimbus").doesNotContain("at org.");
  }

  @Test
  void aValidJwtOfARegisteredRequesterAsksForDataAndGetsAReceipt() {
    Http.Response r = submit(rs256(claims()));
    JsonNode o = created(r);
    assertThat(o.at("/decision/decision").asText()).isEqualTo("PERMIT");
    assertThat(o.get("released")).hasSize(1);
    assertThat(o.at("/receipt/index").isIntegralNumber()).isTrue();
    assertThat(o.at("/receipt/leafHash").asText()).isNotEmpty();
    assertThat(o.at("/receipt/checkpoint").asText()).startsWith("firebreak.test/log\n");
    // Who asked, for which agency, came from the token (and the registry behind it).
    StoredRequest stored = deployment.store().requests().get(o.get("id").asText()).orElseThrow();
    assertThat(stored.requesterId()).isEqualTo("officer-jwt");
    assertThat(stored.agencyId()).isEqualTo("sfpd");
    // The same token reads its own request back.
    Http.Response mine = http.get("/v1/requests/" + o.get("id").asText(), rs256(claims()));
    assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
  }

  @Test
  void es256AnAudienceArrayAndRoleNamesInAnyCaseAreAccepted() {
    // RFC 7519 §4.1.3: aud may be an array; the token is for us when one of its values is our audience.
    String token = Issuer.sign(ec, JWSAlgorithm.ES256, claims()
        .audience(List.of("another-api", AUDIENCE))
        .claim("roles", List.of("requester", "offline_access")).build());
    created(submit(token));
    // One space-separated string, as some issuers write roles and scopes.
    created(submit(rs256(claims().claim("roles", "uma_authorization REQUESTER"))));
  }

  @Test
  void expiredAndNotYetValidTokensAreRefused() {
    Instant now = Instant.now();
    // RFC 7519 §4.1.4: not accepted on or after exp (here well past the 60 s leeway).
    assertUnauthenticated(submit(rs256(claims().expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))))),
        "Expired JWT");
    // RFC 7519 §4.1.5: not accepted before nbf.
    assertUnauthenticated(submit(rs256(claims().notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))))),
        "before use time");
    // A token that never expires is not accepted either.
    assertUnauthenticated(submit(rs256(claims().expirationTime(null))), "exp");
    // Within the leeway of clock skew: accepted.
    created(submit(rs256(claims().expirationTime(Date.from(now.minus(Duration.ofSeconds(20)))))));
  }

  @Test
  void wrongIssuerWrongAudienceAndMissingSubjectAreRefused() {
    // RFC 7519 §4.1.1 / §4.1.3: another issuer's, or another audience's, token is rejected.
    assertUnauthenticated(submit(rs256(claims().issuer("https://evil.example/realms/firebreak"))), "iss");
    assertUnauthenticated(submit(rs256(claims().issuer(issuer.issuer + "/"))), "iss");
    assertUnauthenticated(submit(rs256(claims().audience("another-api"))), "aud");
    assertUnauthenticated(submit(rs256(claims().audience((String) null))), "aud");
    assertUnauthenticated(submit(rs256(claims().subject(null))), "sub");
  }

  @Test
  void aBadSignatureAnUnknownKeyAndUnacceptedAlgorithmsAreRefused() throws JOSEException {
    // RFC 7515 §5.2: the signature does not validate with the key the header names.
    String good = rs256(claims());
    String[] parts = good.split("\\.");
    byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
    sig[0] ^= 1;
    String tampered = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    assertUnauthenticated(submit(tampered), "signature does not verify");
    // A payload changed under a valid signature.
    String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        claims().subject("oak-officer").claim("agency", "oakpd").build().toString().getBytes(StandardCharsets.UTF_8));
    assertUnauthenticated(submit(parts[0] + "." + otherPayload + "." + parts[2]), "signature does not verify");
    // Signed by another key under the kid of a published one.
    RSAKey impostor = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    assertUnauthenticated(submit(Issuer.sign(impostor, JWSAlgorithm.RS256, claims().build())),
        "signature does not verify");
    // Signed by a key the issuer does not publish.
    assertUnauthenticated(submit(Issuer.sign(stranger, JWSAlgorithm.RS256, claims().build())), "JWK set");

    // RFC 7519 §6.1: an unsecured JWT ("alg":"none", empty signature).
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String none = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims().build().toString().getBytes(StandardCharsets.UTF_8)) + ".";
    assertUnauthenticated(submit(none), "accepted algorithm");
    // RFC 8725 §2.1 / §3.1: HS256 keyed with the issuer's public RSA key (algorithm confusion).
    SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
    hs.sign(new MACSigner(rsa.toRSAPublicKey().getEncoded()));
    assertUnauthenticated(submit(hs.serialize()), "accepted algorithm");
    // Not a JWT at all, though shaped like one.
    assertUnauthenticated(submit("eyJub3Qi.eyJqc29uIg.c2ln"), "not a well-formed JWT");
  }

  @Test
  void theAgencyAndTheUserMustBeRegisteredAndBelongTogether() {
    assertUnauthenticated(submit(rs256(claims().claim("agency", "ice-ero-nowhere"))),
        "agency 'ice-ero-nowhere' is not registered");
    assertUnauthenticated(submit(rs256(claims().claim("agency", null))), "'agency' claim");
    assertUnauthenticated(submit(rs256(claims().claim("agency", List.of("sfpd")))), "'agency' claim");
    // A registered agency, but not the user's: the token cannot move a user to another agency.
    assertUnauthenticated(submit(rs256(claims().claim("agency", "oakpd"))), "not the agency of user 'officer-jwt'");
    assertUnauthenticated(submit(rs256(claims().subject("nobody-registered"))), "not a registered user");
  }

  @Test
  void aTokenWithoutAGrantedRoleIsForbidden() {
    for (JWTClaimsSet.Builder c : List.of(claims().claim("roles", null), claims().claim("roles", List.of()),
        claims().claim("roles", List.of("viewer", "offline_access")),
        // AUDITOR is a Firebreak role, but not one the registry gives officer-jwt: the registry bounds the token.
        claims().claim("roles", List.of("AUDITOR")))) {
      Http.Response r = submit(rs256(c));
      assertThat(r.status()).as(r.toString()).isEqualTo(403);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.json().get("type").asText()).isEqualTo(FORBIDDEN);
    }
    // A malformed roles claim proves nothing.
    assertUnauthenticated(submit(rs256(claims().claim("roles", List.of(1, 2)))), "'roles' claim");
    // A requester is not an auditor on a route that wants one, even when the token says AUDITOR too.
    for (List<String> roles : List.of(List.of("REQUESTER"), List.of("REQUESTER", "AUDITOR"))) {
      Http.Response reviews = http.get("/v1/reviews", rs256(claims().claim("roles", roles)));
      assertThat(reviews.status()).as(reviews.toString()).isEqualTo(403);
      assertThat(reviews.json().get("type").asText()).isEqualTo(FORBIDDEN);
    }
  }

  @Test
  void apiTokensKeepWorkingBesideOidc() {
    created(submit(officerApiToken));
    assertThat(http.get("/metrics", admin).status()).isEqualTo(200);
    assertUnauthenticated(submit("fbk_not-a-real-token"), "unknown or revoked token");
    // Public routes stay public.
    assertThat(http.get("/healthz", null).status()).isEqualTo(200);
    assertThat(http.get("/log/checkpoint", null).status()).isEqualTo(200);
    assertUnauthenticated(submit(null), "Authorization");
  }

  @Test
  void theJwksWasDiscoveredFromTheIssuer() {
    assertThat(deployment.oidcJwks()).contains(java.net.URI.create(issuer.jwksUrl()));
  }
}
