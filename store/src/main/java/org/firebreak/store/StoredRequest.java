package org.firebreak.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.core.model.InvalidFieldException;
import org.firebreak.core.vocab.Decision;

/**
 * The private full record of one request: who asked (the requester's agency comes from their credential), the
 * request as received, when, where it stands, the decision, where it sits in the ledger once logged, and the random
 * salt of its ledger commitment. Only its public projection and a salted commitment go into the ledger.
 *
 * @param requestJson the request body exactly as received (for a {@code REJECTED} request it may not be JSON)
 * @param decision the request-level decision once decided
 * @param decisionJson the decision document (DESIGN.md "Decision (output)") once decided
 * @param rejection why a {@code REJECTED} request was refused
 * @param salt 32 random bytes drawn when the request was stored
 */
public record StoredRequest(String id, String requesterId, String agencyId, String requestJson, Instant receivedAt,
    RequestStatus status, Optional<Decision> decision, Optional<String> decisionJson, Optional<Instant> decidedAt,
    Optional<String> rejection, Optional<LedgerRef> ledger, byte[] salt) {

  public StoredRequest {
    // What the audit trail's view holds is checked as that view checks it.
    new AuditedRequest(id, requesterId, agencyId, requestJson, receivedAt, status, decision, rejection, ledger);
    InvalidFieldException.required(decisionJson, "decisionJson");
    InvalidFieldException.required(decidedAt, "decidedAt");
    InvalidFieldException.required(salt, "salt");
    if (salt.length != 32) {
      throw new InvalidFieldException("salt", "must be 32 bytes; has " + salt.length);
    }
    salt = salt.clone();
    if (decision.isPresent() != decisionJson.isPresent() || decision.isPresent() != decidedAt.isPresent()) {
      throw new InvalidFieldException("decision", "decision, decisionJson and decidedAt come together");
    }
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredRequest r && id.equals(r.id) && requesterId.equals(r.requesterId)
        && agencyId.equals(r.agencyId) && requestJson.equals(r.requestJson) && receivedAt.equals(r.receivedAt)
        && status == r.status && decision.equals(r.decision) && decisionJson.equals(r.decisionJson)
        && decidedAt.equals(r.decidedAt) && rejection.equals(r.rejection) && ledger.equals(r.ledger)
        && Arrays.equals(salt, r.salt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, requesterId, agencyId, requestJson, receivedAt, status, decision, decisionJson,
        decidedAt, rejection, ledger) * 31 + Arrays.hashCode(salt);
  }

  @Override
  public String toString() {
    return "StoredRequest[id=" + id + ", requester=" + requesterId + ", agency=" + agencyId + ", status=" + status
        + ", decision=" + decision.map(Enum::name).orElse("-") + ", ledger=" + ledger + "]";
  }
}
