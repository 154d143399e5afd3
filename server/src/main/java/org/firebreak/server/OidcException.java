package org.firebreak.server;

import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.FirebreakException;

/**
 * A refusal or failure of OIDC: a bad setting ({@code INVALID_INPUT}), a token that proves no one ({@code
 * UNAUTHENTICATED}), one that grants no role ({@code FORBIDDEN}), or an issuer that cannot be reached ({@code
 * UNAVAILABLE}). The message is the problem's detail: it names what was wrong with the token, never a stack or key.
 */
public final class OidcException extends FirebreakException {
  public OidcException(ErrorCode code, String message) {
    super(code, message, null);
  }

  public OidcException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
