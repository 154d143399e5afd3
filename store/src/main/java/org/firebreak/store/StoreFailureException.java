package org.firebreak.store;

import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.FirebreakException;

/**
 * The database failed, not the input: it cannot be reached, a disk is full, a migration does not apply. Its code
 * is {@code unavailable}: the HTTP layer answers 503 and logs the cause. Messages never contain a database password.
 */
public final class StoreFailureException extends FirebreakException {
  StoreFailureException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, cause);
  }
}
