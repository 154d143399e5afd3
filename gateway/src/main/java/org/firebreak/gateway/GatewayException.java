package org.firebreak.gateway;

import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.FirebreakException;

/** A request the gateway refuses: not authenticated, not allowed, not found, or in the wrong state. */
public final class GatewayException extends FirebreakException {
  public GatewayException(ErrorCode code, String message) {
    super(code, message, null);
  }
}
