package org.firebreak.ledger;

import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.FirebreakException;

/** A ledger that cannot do what was asked: an entry too large, a log that does not open, a closed log. */
public final class LedgerException extends FirebreakException {
  public LedgerException(String message) {
    super(ErrorCode.LEDGER, message, null);
  }

  public LedgerException(String message, Throwable cause) {
    super(ErrorCode.LEDGER, message, cause);
  }
}
