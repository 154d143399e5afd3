package org.firebreak.gateway;

import java.util.List;
import java.util.Optional;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.store.Release;
import org.firebreak.store.RequestStatus;

/** The answer to a request: its id and status, the decision (none for a rejected one), what was released, and the receipt. */
public record RequestOutcome(String id, RequestStatus status, Optional<DecisionResult> decision,
    List<Release> released,
    Optional<Receipt> receipt) {
  public RequestOutcome {
    released = List.copyOf(released);
  }
}
