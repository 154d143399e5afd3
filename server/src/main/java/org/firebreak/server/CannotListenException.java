package org.firebreak.server;

import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.FirebreakException;

/** The server cannot listen where it was told to: the port is taken. */
public final class CannotListenException extends FirebreakException {
  CannotListenException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, cause);
  }
}
