package org.firebreak.core.error;

import java.util.Objects;

/** Input that does not bind to the model: where it is ({@code origin}, JSON path) and what is wrong. */
public final class InvalidInputException extends FirebreakException {
  private final String origin;
  private final String path;
  private final String reason;

  public InvalidInputException(String origin, String path, String reason, Throwable cause) {
    super(ErrorCode.INVALID_INPUT, origin + ": " + path + ": " + reason, cause);
    this.origin = Objects.requireNonNull(origin, "origin");
    this.path = Objects.requireNonNull(path, "path");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The file name or other label of the input, e.g. {@code request.json} or {@code request body}. */
  public String origin() {
    return origin;
  }

  /** The JSON path of the offending value, e.g. {@code $.sources[0].kind}; {@code $} for the whole document. */
  public String path() {
    return path;
  }

  public String reason() {
    return reason;
  }
}
