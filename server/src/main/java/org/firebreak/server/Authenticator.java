package org.firebreak.server;

import org.firebreak.gateway.Caller;

/**
 * Turns a bearer credential into the caller it belongs to, or refuses it. Two kinds exist: the gateway's API tokens
 * ({@code Gateway::authenticate}) and OIDC JWTs ({@link OidcAuthenticator}); {@link FirebreakServer} picks one per
 * request by the token's shape.
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * The caller a token belongs to: their user and agency come from the credential (and the registry), never from a
   * request body.
   *
   * @throws org.firebreak.core.error.FirebreakException {@code UNAUTHENTICATED} for a token that proves no one,
   *     {@code FORBIDDEN} for a valid one that grants no role, {@code UNAVAILABLE} when it cannot be checked now
   */
  Caller authenticate(String token);
}
