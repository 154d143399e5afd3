package org.firebreak.store;

import java.time.Instant;
import java.util.Optional;
import org.firebreak.core.model.InvalidFieldException;
import org.firebreak.core.vocab.Decision;

/**
 * What the audit trail holds of one stored request: who asked, the request as received, when, where it stands, the
 * decision and where it sits in the ledger. Not the decision document nor the commitment's salt: detection reads
 * every request of its window, and those are most of a stored request's bytes.
 *
 * @param requestJson the request body exactly as received (for a {@code REJECTED} request it may not be JSON)
 * @param decision the request-level decision once decided
 * @param rejection why a {@code REJECTED} request was refused
 */
public record AuditedRequest(String id, String requesterId, String agencyId, String requestJson, Instant receivedAt,
    RequestStatus status, Optional<Decision> decision, Optional<String> rejection, Optional<LedgerRef> ledger) {

  public AuditedRequest {
    Checks.id(id, "id");
    Checks.id(requesterId, "requester");
    Checks.id(agencyId, "agency");
    InvalidFieldException.required(requestJson, "requestJson");
    InvalidFieldException.required(receivedAt, "receivedAt");
    InvalidFieldException.required(status, "status");
    InvalidFieldException.required(decision, "decision");
    InvalidFieldException.required(rejection, "rejection");
    InvalidFieldException.required(ledger, "ledger");
    if ((status == RequestStatus.REJECTED) != rejection.isPresent()) {
      throw new InvalidFieldException("rejection", "is present exactly when the status is REJECTED");
    }
    boolean decided = status != RequestStatus.RECEIVED && status != RequestStatus.REJECTED;
    if (decided != decision.isPresent()) {
      throw new InvalidFieldException("decision", "is present exactly when the request has been decided");
    }
  }

  /** The same request, its entry at {@code ledger} in the log. */
  public AuditedRequest withLedger(LedgerRef ledger) {
    return new AuditedRequest(id, requesterId, agencyId, requestJson, receivedAt, status, decision, rejection,
        Optional.of(ledger));
  }

  /** The audit trail's view of a stored request. */
  public static AuditedRequest of(StoredRequest r) {
    return new AuditedRequest(r.id(), r.requesterId(), r.agencyId(), r.requestJson(), r.receivedAt(), r.status(),
        r.decision(), r.rejection(), r.ledger());
  }
}
