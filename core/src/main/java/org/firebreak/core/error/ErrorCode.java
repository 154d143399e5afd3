package org.firebreak.core.error;

/**
 * Stable error codes. The code is part of the contract: the CLI prints it, the HTTP API uses it as the last segment
 * of the problem+json {@code type}. Add codes; never change or reuse one.
 */
public enum ErrorCode {
  /** Input JSON or YAML that is malformed, has unknown fields or values, or misses required ones. */
  INVALID_INPUT("invalid-input"),
  /** A rule pack that does not parse, type-check or validate. */
  INVALID_PACK("invalid-pack"),
  /** A file that cannot be read. */
  UNREADABLE_FILE("unreadable-file"),
  /** A rule condition failed while being evaluated (a bug in a pack or the engine; never a silent PERMIT). */
  EVALUATION_FAILED("evaluation-failed"),
  /** The ledger refused or failed an operation: an entry too large, a log that is not there or does not verify. */
  LEDGER("ledger"),
  /** No credential, or one that matches no user. */
  UNAUTHENTICATED("unauthenticated"),
  /** A known user whose roles do not allow this. */
  FORBIDDEN("forbidden"),
  /** Nothing with that id. */
  NOT_FOUND("not-found"),
  /** An id that exists already, or a state change that no longer applies (a request reviewed twice). */
  CONFLICT("conflict"),
  /** A dependency (database, disk) failed; the operation did not happen. */
  UNAVAILABLE("unavailable");

  private final String slug;

  ErrorCode(String slug) {
    this.slug = slug;
  }

  /** The stable, URL-safe name of this code. */
  public String slug() {
    return slug;
  }

  /** The problem+json type URI (RFC 9457) for this code. */
  public String typeUri() {
    return "https://firebreak.dev/problems/" + slug;
  }
}
