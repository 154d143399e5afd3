package org.firebreak.core.error;

import java.util.Objects;

/**
 * The root of every error Firebreak reports to a user. Each carries a stable {@link ErrorCode} and a message that
 * names where the problem is (file, line, JSON path); the CLI prints {@link #getMessage()} as one line.
 */
public abstract class FirebreakException extends RuntimeException {
  private final ErrorCode code;

  protected FirebreakException(ErrorCode code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public final ErrorCode code() {
    return code;
  }
}
