package org.firebreak.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real OIDC issuer for tests, on the JDK's HTTP server at a free loopback port: its discovery document at
 * {@code <issuer>/.well-known/openid-configuration} and its public JWK set at {@code <issuer>/jwks}, which a test can
 * replace (key rotation) and whose fetches it counts. The issuer has a path, as Keycloak's realms do.
 */
final class Issuer implements AutoCloseable {
  private final HttpServer http;
  private final AtomicReference<JWKSet> keys = new AtomicReference<>(new JWKSet());
  private final AtomicInteger jwksFetches = new AtomicInteger();
  final String issuer;

  Issuer() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    issuer = "http://127.0.0.1:" + http.getAddress().getPort() + "/realms/firebreak";
    http.createContext("/realms/firebreak/.well-known/openid-configuration", ex -> send(ex,
        "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
            + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}"));
    http.createContext("/realms/firebreak/jwks", ex -> {
      jwksFetches.incrementAndGet();
      // toString() of a JWKSet holds the public parts only.
      send(ex, keys.get().toString());
    });
    http.start();
  }

  String jwksUrl() {
    return issuer + "/jwks";
  }

  /** Publishes exactly these keys (their public parts). */
  void publish(JWK... published) {
    keys.set(new JWKSet(List.of(published)));
  }

  int jwksFetches() {
    return jwksFetches.get();
  }

  /** A compact JWS of the claims, signed by the key (RSA or EC) with the algorithm, its {@code kid} in the header. */
  static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) {
    try {
      JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
          .build(), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
  }

  private static void send(HttpExchange ex, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
