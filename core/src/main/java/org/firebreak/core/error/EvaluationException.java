package org.firebreak.core.error;

/** A rule condition that failed at evaluation time. The request is not decided rather than decided wrongly. */
public final class EvaluationException extends FirebreakException {
  public EvaluationException(String message, Throwable cause) {
    super(ErrorCode.EVALUATION_FAILED, message, cause);
  }
}
