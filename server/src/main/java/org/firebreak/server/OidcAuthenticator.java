package org.firebreak.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.gateway.Caller;
import org.firebreak.store.Role;
import org.firebreak.gateway.Gateway;
import org.firebreak.gateway.GatewayException;
import org.firebreak.store.UserRepository;

/**
 * OIDC JWTs as bearer credentials (Nimbus JOSE+JWT). A token is accepted when:
 * <ul>
 *   <li>it is a JWS signed with RS256/384/512, PS256/384/512 or ES256/384/512 by a key of the issuer's JWK set
 *       (never {@code none}, never an HMAC: the keys are public), its {@code typ} is absent, {@code JWT} or
 *       {@code at+jwt};</li>
 *   <li>{@code iss} is the configured issuer, {@code aud} contains the configured audience, {@code exp} is in the
 *       future and {@code nbf} (if any) in the past, with {@value #CLOCK_SKEW_SECONDS} s of clock skew, and it has a
 *       {@code sub};</li>
 *   <li>the agency claim names a registered agency, {@code sub} is a registered user, and that user belongs to that
 *       agency.</li>
 * </ul>
 * The caller is the registered user with the roles that both the token's roles claim and the registry grant (role
 * names compared case-insensitively; names that are no Firebreak role are ignored, as a shared identity provider
 * carries roles for other applications). Task forces and certifications come from the registry, never from the
 * token: they change decisions, and the custodian vouches for them. A token granting no registered role is refused
 * with FORBIDDEN.
 *
 * <p>The JWK set is fetched on first use and cached for five minutes; a token signed with a key the cache lacks
 * refetches it at once (key rotation), at most twice in 30 s (Nimbus's rate limit), so tokens with made-up key ids
 * cannot make the server hammer the issuer.
 */
public final class OidcAuthenticator implements Authenticator {
  /** Allowed clock difference between the issuer and this server, for {@code exp} and {@code nbf}. */
  static final int CLOCK_SKEW_SECONDS = 60;
  private static final int CONNECT_TIMEOUT_MS = 2_000;
  private static final int READ_TIMEOUT_MS = 2_000;
  private static final int SIZE_LIMIT_BYTES = 256 * 1024;
  private static final long CACHE_TTL_MS = 5 * 60_000;
  private static final long CACHE_REFRESH_TIMEOUT_MS = 5_000;
  private static final int MAX_ECHO = 128;
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

  private final OidcSettings settings;
  private final URI jwks;
  private final Gateway gateway;
  private final DefaultJWTProcessor<SecurityContext> processor;

  private OidcAuthenticator(OidcSettings settings, URI jwks, Gateway gateway) {
    this.settings = settings;
    this.jwks = jwks;
    this.gateway = gateway;
    JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(toUrl(jwks), retriever())
        .cache(CACHE_TTL_MS, CACHE_REFRESH_TIMEOUT_MS)
        .refreshAheadCache(false) // no background refresh threads: a miss refetches on the request's thread
        .rateLimited(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL)
        .retrying(true)
        .build();
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(settings.audience(),
        new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("iss", "sub", "exp"));
    claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
    processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
        new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * The authenticator for these settings over this registry; without a JWKS URL in the settings, {@link #resolve}
   * finds it first.
   */
  public static OidcAuthenticator create(OidcSettings settings, Gateway gateway) {
    Objects.requireNonNull(gateway, "gateway");
    OidcSettings resolved = resolve(settings);
    return new OidcAuthenticator(resolved, resolved.jwks().orElseThrow(), gateway);
  }

  /**
   * The settings with their JWKS URL: as configured, or the {@code jwks_uri} of the issuer's discovery document, read
   * now, after checking that the document names the same issuer (OpenID Connect Discovery 1.0 §4.3).
   *
   * @throws OidcException {@code UNAVAILABLE} when the discovery document cannot be read, {@code INVALID_INPUT}
   *     when it is not one for this issuer
   */
  public static OidcSettings resolve(OidcSettings settings) {
    Objects.requireNonNull(settings, "settings");
    if (settings.jwks().isPresent()) {
      return settings;
    }
    return new OidcSettings(settings.issuer(), Optional.of(discover(settings)), settings.audience(),
        settings.rolesClaim(), settings.agencyClaim());
  }

  /** The JWK set URL in use (configured or discovered). */
  public URI jwks() {
    return jwks;
  }

  public OidcSettings settings() {
    return settings;
  }

  /**
   * True for a token shaped like a JWT: three (JWS) or five (JWE) dot-separated base64url parts. API tokens are
   * {@code fbk_} and base64url, without a dot, so the two kinds never meet.
   */
  public static boolean looksLikeJwt(String token) {
    if (token.startsWith(UserRepository.TOKEN_PREFIX)) {
      return false;
    }
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        dots++;
      } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        return false;
      }
    }
    return dots == 2 || dots == 4;
  }

  @Override
  public Caller authenticate(String token) {
    JWTClaimsSet claims = verify(token);
    String subject = claims.getSubject();
    String agencyId = stringClaim(claims, settings.agencyClaim());
    Set<Role> granted = roles(claims);
    try {
      return gateway.caller(subject, agencyId, granted);
    } catch (GatewayException e) {
      // The registry's refusal, worded with the token's (echo-safe) values and naming the roles claim.
      String detail = e.getMessage().replace("'" + subject + "'", "'" + echo(subject) + "'")
          .replace("'" + agencyId + "'", "'" + echo(agencyId) + "'");
      throw e.code() == ErrorCode.FORBIDDEN
          ? new OidcException(ErrorCode.FORBIDDEN, detail + " (claim '" + settings.rolesClaim() + "')")
          : unauthenticated(detail);
    }
  }

  /** Signature, algorithm, type and the registered claims, by Nimbus; every refusal as UNAUTHENTICATED. */
  private JWTClaimsSet verify(String token) {
    try {
      return processor.process(token, null);
    } catch (ParseException e) {
      throw unauthenticated("the bearer token is not a well-formed JWT");
    } catch (BadJWTException e) {
      // Nimbus's claim messages name the claim and never a key: "Expired JWT", "JWT aud claim rejected", ...
      throw unauthenticated("the JWT's claims are not accepted: " + echo(e.getMessage()));
    } catch (BadJWSException e) {
      throw unauthenticated("the JWT's signature does not verify");
    } catch (BadJOSEException e) {
      throw unauthenticated("the JWT is not signed with an accepted algorithm (RS, PS or ES) by a key of the"
          + " issuer's JWK set");
    } catch (RateLimitReachedException e) {
      // A key id the cached JWK set lacks, while refreshes are rate limited: for now, no such key.
      throw unauthenticated("the JWT is signed by a key that is not in the issuer's JWK set");
    } catch (KeySourceException e) {
      throw new OidcException(ErrorCode.UNAVAILABLE, "the issuer's JWK set " + jwks + " cannot be read", e);
    } catch (JOSEException e) {
      throw unauthenticated("the JWT cannot be verified with the issuer's keys");
    }
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    Object v = claims.getClaim(name);
    if (!(v instanceof String s) || s.isBlank()) {
      throw unauthenticated("the JWT has no '" + echo(name) + "' claim naming an agency");
    }
    return s;
  }

  /** The Firebreak roles the roles claim names: a JSON array of strings, or one space-separated string. */
  private Set<Role> roles(JWTClaimsSet claims) {
    Object v = claims.getClaim(settings.rolesClaim());
    List<String> names = new ArrayList<>();
    if (v instanceof String s) {
      names.addAll(List.of(s.strip().split("\\s+")));
    } else if (v instanceof Collection<?> c) {
      for (Object o : c) {
        if (!(o instanceof String s)) {
          throw unauthenticated("the JWT's '" + echo(settings.rolesClaim()) + "' claim is not a list of strings");
        }
        names.add(s);
      }
    } else if (v != null) {
      throw unauthenticated("the JWT's '" + echo(settings.rolesClaim()) + "' claim is not a list of strings");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String n : names) {
      for (Role r : Role.values()) {
        if (r.name().equalsIgnoreCase(n)) {
          roles.add(r);
        }
      }
    }
    return roles;
  }

  /**
   * The discovery document's {@code jwks_uri}, after checking that it is this issuer's (OpenID Connect Discovery 1.0
   * §4.3: its {@code issuer} is exactly the one configured).
   */
  private static URI discover(OidcSettings settings) {
    URI url = settings.discoveryUrl();
    Map<String, Object> doc;
    try {
      doc = JSONObjectUtils.parse(retriever().retrieveResource(toUrl(url)).getContent());
    } catch (IOException e) {
      throw new OidcException(ErrorCode.UNAVAILABLE, "cannot read the OIDC discovery document " + url + ": "
          + e.getMessage(), e);
    } catch (ParseException e) {
      throw new OidcException(ErrorCode.INVALID_INPUT, "the OIDC discovery document " + url + " is not JSON", e);
    }
    try {
      String issuer = JSONObjectUtils.getString(doc, "issuer");
      if (!settings.issuer().equals(issuer)) {
        throw new OidcException(ErrorCode.INVALID_INPUT, "the OIDC discovery document " + url + " names issuer '"
            + echo(String.valueOf(issuer)) + "', not '" + settings.issuer() + "'");
      }
      String jwks = JSONObjectUtils.getString(doc, "jwks_uri");
      if (jwks == null) {
        throw new OidcException(ErrorCode.INVALID_INPUT, "the OIDC discovery document " + url + " has no jwks_uri");
      }
      return OidcSettings.url(jwks, "the discovered JWKS URL");
    } catch (ParseException e) {
      throw new OidcException(ErrorCode.INVALID_INPUT, "the OIDC discovery document " + url
          + " has a non-string issuer or jwks_uri", e);
    }
  }

  /** Discovery and JWK set fetches: bounded in time and size, so a slow or hostile issuer cannot hold a request. */
  private static ResourceRetriever retriever() {
    return new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT_BYTES);
  }

  private static URL toUrl(URI uri) {
    try {
      return uri.toURL();
    } catch (MalformedURLException e) {
      throw new OidcException(ErrorCode.INVALID_INPUT, "'" + uri + "' is not a URL", e);
    }
  }

  private static OidcException unauthenticated(String detail) {
    return new OidcException(ErrorCode.UNAUTHENTICATED, detail);
  }

  /** Token content in an answer: bounded and on one line. */
  private static String echo(String s) {
    String one = s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
    return one.length() <= MAX_ECHO ? one : one.substring(0, MAX_ECHO) + "...";
  }
}
