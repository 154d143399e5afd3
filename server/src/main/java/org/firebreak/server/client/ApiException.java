package org.firebreak.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalInt;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.FirebreakException;

/**
 * An error answer of the Firebreak API (its problem+json), or a server that cannot be reached. The code is the one
 * the problem's {@code type} names; the message is the problem's {@code detail}, one line.
 */
public final class ApiException extends FirebreakException {
  private final int status;
  private final JsonNode problem;

  ApiException(ErrorCode code, int status, String message, JsonNode problem, Throwable cause) {
    super(code, message, cause);
    this.status = status;
    this.problem = problem;
  }

  /**
   * The same error placed in a file: {@code where: detail}, with the server's {@code line N: } prefix dropped (the
   * caller names the line of its own file instead).
   */
  public ApiException at(String where) {
    String detail = getMessage().replaceFirst("^line [0-9]+: ", "");
    return new ApiException(code(), status, where + ": " + detail, problem, getCause());
  }

  /** The HTTP status; 0 when no answer came. */
  public int status() {
    return status;
  }

  /** The problem document, when the server sent one. */
  public Optional<JsonNode> problem() {
    return Optional.ofNullable(problem);
  }

  /** The 1-based NDJSON line the problem names, if any. */
  public OptionalInt line() {
    return problem != null && problem.path("line").isInt() ? OptionalInt.of(problem.get("line").asInt())
        : OptionalInt.empty();
  }
}
