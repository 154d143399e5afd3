package org.firebreak.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.FirebreakException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuer's keys over time and its failures: key rotation with a configured JWKS URL, an unreachable JWK set, a
 * discovery document of another issuer, settings refused before anything starts, and how a token's shape picks the
 * authenticator.
 */
class OidcKeysTest {
  private static final String AUDIENCE = "firebreak-api";

  @TempDir
  Path tmp;

  private static Deployment.Settings settings(Path dir, OidcSettings oidc) {
    return new Deployment.Settings(dir, Optional.empty(), "127.0.0.1", 0, "firebreak.test/log", Optional.of(oidc));
  }

  private static JWTClaimsSet claims(String issuer) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().issuer(issuer).audience(AUDIENCE).subject("admin")
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).claim("agency", "firebreak-admin")
        .claim("roles", List.of("ADMIN")).build();
  }

  @Test
  void aRotatedKeyIsFetchedWhenATokenNamesItAndTheRetiredOneStopsWorking() throws Exception {
    RSAKey first = new RSAKeyGenerator(2048).keyID("2026-11-a").generate();
    RSAKey second = new RSAKeyGenerator(2048).keyID("2026-11-b").generate();
    try (Issuer issuer = new Issuer();
        Deployment d = Deployment.start(settings(tmp.resolve("data"),
            OidcSettings.of(issuer.issuer, Optional.of(URI.create(issuer.jwksUrl())), AUDIENCE)))) {
      issuer.publish(first);
      Http http = new Http(d.port());
      assertThat(d.oidcJwks()).contains(URI.create(issuer.jwksUrl()));
      assertThat(issuer.jwksFetches()).isZero(); // fetched on first use, not at start

      // The bootstrap admin, as an OIDC identity: sub "admin", agency firebreak-admin, role ADMIN.
      String byFirst = Issuer.sign(first, JWSAlgorithm.RS256, claims(issuer.issuer));
      for (int i = 0; i < 3; i++) {
        Http.Response r = http.get("/metrics", byFirst);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
      }
      assertThat(issuer.jwksFetches()).as("the JWK set is cached").isEqualTo(1);

      // The issuer rotates: the new key replaces the old one in its JWK set.
      issuer.publish(second);
      Http.Response rotated = http.get("/metrics", Issuer.sign(second, JWSAlgorithm.RS256, claims(issuer.issuer)));
      assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
      assertThat(issuer.jwksFetches()).as("an unknown kid refetches the JWK set").isEqualTo(2);

      // The retired key no longer verifies anything (RFC 7515 §4.1.4: kid names a key of the set; it is gone).
      Http.Response retired = http.get("/metrics", Issuer.sign(first, JWSAlgorithm.RS256, claims(issuer.issuer)));
      assertThat(retired.status()).as(retired.toString()).isEqualTo(401);
      assertThat(retired.json().get("type").asText()).isEqualTo("https://firebreak.dev/problems/unauthenticated");
    }
  }

  @Test
  void anUnreachableJwkSetIsUnavailableNotAnUnknownToken() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String iss = "http://127.0.0.1:" + closedPort + "/realms/firebreak";
    RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
    try (Deployment d = Deployment.start(settings(tmp.resolve("data"),
        OidcSettings.of(iss, Optional.of(URI.create(iss + "/jwks")), AUDIENCE)))) {
      Http http = new Http(d.port());
      Http.Response r = http.get("/metrics", Issuer.sign(key, JWSAlgorithm.RS256, claims(iss)));
      assertThat(r.status()).as(r.toString()).isEqualTo(503);
      assertThat(r.json().get("type").asText()).isEqualTo("https://firebreak.dev/problems/unavailable");
      assertThat(r.header("Retry-After")).isPresent();
      assertThat(r.body()).doesNotContain(String.valueOf(closedPort));
      // API tokens do not depend on the issuer.
      String admin = Files.readString(d.adminTokenFile()).strip();
      assertThat(http.get("/metrics", admin).status()).isEqualTo(200);
    }
  }

  @Test
  void aDiscoveryDocumentOfAnotherIssuerOrNoneAtAllStopsTheStart() throws Exception {
    try (Issuer issuer = new Issuer()) {
      // OpenID Connect Discovery 1.0 §4.3: the document's issuer must be exactly the one configured.
      String lookalike = issuer.issuer.replace("/realms/firebreak", "/realms/firebreak/");
      assertThatThrownBy(() -> Deployment.start(settings(tmp.resolve("a"),
          OidcSettings.of(lookalike, Optional.empty(), AUDIENCE))))
          .isInstanceOfSatisfying(FirebreakException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(e.getMessage()).contains("names issuer");
          });
      String elsewhere = issuer.issuer.replace("/realms/firebreak", "/realms/other");
      assertThatThrownBy(() -> Deployment.start(settings(tmp.resolve("b"),
          OidcSettings.of(elsewhere, Optional.empty(), AUDIENCE))))
          .isInstanceOfSatisfying(FirebreakException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("/realms/other/.well-known/openid-configuration");
          });
      // Refused before anything was created.
      assertThat(tmp.resolve("a")).doesNotExist();
      assertThat(tmp.resolve("b")).doesNotExist();
    }
  }

  @Test
  void settingsAreCheckedWhenMade() {
    assertThat(OidcSettings.of("https://login.example.gov/realms/x", Optional.empty(), "api").discoveryUrl())
        .isEqualTo(URI.create("https://login.example.gov/realms/x/.well-known/openid-configuration"));
    assertThat(OidcSettings.of("https://login.example.gov/", Optional.empty(), "api").discoveryUrl())
        .isEqualTo(URI.create("https://login.example.gov/.well-known/openid-configuration"));
    OidcSettings.of("http://localhost:8081/realms/x", Optional.empty(), "api");
    OidcSettings.of("http://[::1]:8081", Optional.empty(), "api");
    for (String bad : List.of("http://login.example.gov/realms/x", "http://10.0.0.5/x", "ftp://127.0.0.1/x",
        "login.example.gov", "https://login.example.gov/x?realm=y", "https://login.example.gov/x#y", "https://")) {
      assertThatThrownBy(() -> OidcSettings.of(bad, Optional.empty(), "api")).as(bad)
          .isInstanceOfSatisfying(FirebreakException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }
    assertThatThrownBy(() -> OidcSettings.of("https://login.example.gov", Optional.of(
        URI.create("http://keys.example.gov/jwks")), "api")).isInstanceOf(FirebreakException.class);
    assertThatThrownBy(() -> OidcSettings.of("https://login.example.gov", Optional.empty(), " "))
        .isInstanceOf(FirebreakException.class);
    assertThatThrownBy(() -> new OidcSettings("https://login.example.gov", Optional.empty(), "api", "", "agency"))
        .isInstanceOf(FirebreakException.class);
  }

  @Test
  void aTokensShapeChoosesItsAuthenticator() {
    // RFC 7515 §7.1 compact JWS: three base64url parts; RFC 7516 §7.1 compact JWE: five.
    assertThat(OidcAuthenticator.looksLikeJwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln")).isTrue();
    assertThat(OidcAuthenticator.looksLikeJwt("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.")).isTrue();
    assertThat(OidcAuthenticator.looksLikeJwt("a.b.c.d.e")).isTrue();
    // API tokens: fbk_ and 43 base64url characters, never a dot.
    assertThat(OidcAuthenticator.looksLikeJwt("fbk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isFalse();
    assertThat(OidcAuthenticator.looksLikeJwt("fbk_a.b.c")).isFalse();
    assertThat(OidcAuthenticator.looksLikeJwt("a.b")).isFalse();
    assertThat(OidcAuthenticator.looksLikeJwt("a.b.c.d")).isFalse();
    assertThat(OidcAuthenticator.looksLikeJwt("a+b.c/d.e=")).isFalse();
    assertThat(OidcAuthenticator.looksLikeJwt("")).isFalse();
  }
}
