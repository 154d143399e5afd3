package org.firebreak.store;

import java.time.Instant;
import java.util.Optional;
import org.firebreak.core.model.InvalidFieldException;
import org.firebreak.core.vocab.Decision;

/** An auditor's decision on a held (REFER) request: PERMIT releases it, DENY denies it. Ledgered like a request. */
public record Review(String id, String requestId, String auditorId, Decision decision, String note, Instant time,
    Optional<LedgerRef> ledger) {
  public Review {
    Checks.id(id, "id");
    Checks.id(requestId, "request");
    Checks.id(auditorId, "auditor");
    InvalidFieldException.required(decision, "decision");
    if (decision == Decision.REFER) {
      throw new InvalidFieldException("decision", "a review decides PERMIT or DENY, not REFER");
    }
    Checks.text(note, "note");
    InvalidFieldException.required(time, "time");
    InvalidFieldException.required(ledger, "ledger");
  }
}
