package org.firebreak.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.core.error.ErrorCode;

/**
 * Which OIDC issuer's JWTs the server accepts, and where their claims are.
 *
 * @param issuer the issuer identifier, exactly as its tokens' {@code iss} claim spells it (RFC 7519 §4.1.1 compares
 *     strings, so no normalising); https, or http on a loopback address only
 * @param jwks the issuer's JWK set URL; empty: the {@code jwks_uri} of {@code <issuer>/.well-known/openid-configuration}
 *     (OpenID Connect Discovery 1.0), read once at start
 * @param audience the value this API is known by at the issuer: a token's {@code aud} must contain it
 * @param rolesClaim the claim that lists the caller's roles (a JSON array of strings, or one space-separated string)
 * @param agencyClaim the claim that names the caller's agency (the id of a registered agency)
 */
public record OidcSettings(String issuer, Optional<URI> jwks, String audience, String rolesClaim,
    String agencyClaim) {
  public static final String DEFAULT_ROLES_CLAIM = "roles";
  public static final String DEFAULT_AGENCY_CLAIM = "agency";

  public OidcSettings {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(jwks, "jwks");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(rolesClaim, "rolesClaim");
    Objects.requireNonNull(agencyClaim, "agencyClaim");
    URI issuerUri = url(issuer, "OIDC issuer");
    if (issuerUri.getRawQuery() != null || issuerUri.getRawFragment() != null) {
      // OpenID Connect Discovery 1.0 §3: an issuer has no query or fragment.
      throw invalid("OIDC issuer '" + issuer + "' has a query or fragment");
    }
    jwks.ifPresent(u -> url(u.toString(), "OIDC JWKS URL"));
    if (audience.isBlank()) {
      throw invalid("the OIDC audience is blank");
    }
    if (rolesClaim.isBlank() || agencyClaim.isBlank()) {
      throw invalid("an OIDC claim name is blank");
    }
  }

  /** The default claim names. */
  public static OidcSettings of(String issuer, Optional<URI> jwks, String audience) {
    return new OidcSettings(issuer, jwks, audience, DEFAULT_ROLES_CLAIM, DEFAULT_AGENCY_CLAIM);
  }

  /** Where OpenID Connect Discovery 1.0 §4 puts the issuer's configuration: the issuer less a trailing slash. */
  URI discoveryUrl() {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    return URI.create(base + "/.well-known/openid-configuration");
  }

  /**
   * An absolute https URL, or http to this machine: keys fetched over plain HTTP from elsewhere could be swapped on
   * the way, and whoever swaps them can sign any token.
   */
  static URI url(String text, String what) {
    URI u;
    try {
      u = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(what + " '" + text + "' is not a URL");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!u.isAbsolute() || u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw invalid(what + " '" + text + "' is not an absolute http(s) URL");
    }
    if (scheme.equals("http") && !loopback(u.getHost())) {
      throw invalid(what + " '" + text + "' must use https (plain http only to localhost)");
    }
    return u;
  }

  private static boolean loopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // a name other than localhost: never resolved here, so never trusted as local
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static OidcException invalid(String message) {
    return new OidcException(ErrorCode.INVALID_INPUT, message);
  }
}
