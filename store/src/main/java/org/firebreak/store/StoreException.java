package org.firebreak.store;

import java.util.Objects;
import java.util.OptionalInt;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.FirebreakException;

/**
 * Input the store refuses: a duplicate id, a reference to an agency, user, source or request that does not exist, a
 * record that does not fit its source, a state change the request is not in the state for. Nothing of the refused
 * operation is stored. {@link #kind()} says which, so the HTTP layer can answer 400, 404 or 409; {@link #item()} is
 * the 0-based position in a batch when one item of it was refused.
 */
public final class StoreException extends FirebreakException {
  /** What was wrong. */
  public enum Kind {
    /** A value that does not fit: a field the source does not have, a non-searchable query field, a bad limit. */
    INVALID,
    /** An id that is already taken. */
    DUPLICATE,
    /** A reference to an agency, user or source that does not exist. */
    UNKNOWN_REFERENCE,
    /** The thing asked for (a request, a source to ingest into) does not exist. */
    NOT_FOUND,
    /** The request is not in the state the operation needs (reviewed twice, decided twice, logged twice). */
    CONFLICT
  }

  private final Kind kind;
  private final Integer item;

  StoreException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  StoreException(Kind kind, String message, Integer item, Throwable cause) {
    super(codeOf(kind), message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.item = item;
  }

  public Kind kind() {
    return kind;
  }

  /** The 0-based position in the batch of the item that was refused, when one item of a batch was. */
  public OptionalInt item() {
    return item == null ? OptionalInt.empty() : OptionalInt.of(item);
  }

  /** The error code: every kind is {@code INVALID_INPUT} until core has codes for not-found and conflict. */
  private static ErrorCode codeOf(Kind kind) {
    return switch (kind) {
      case INVALID, UNKNOWN_REFERENCE -> ErrorCode.INVALID_INPUT;
      case DUPLICATE, CONFLICT -> ErrorCode.CONFLICT;
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
    };
  }
}
