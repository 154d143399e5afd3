package org.firebreak.gateway;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.store.Release;
import org.firebreak.store.RequestStatus;

/**
 * The answer to a request: its id and status, the decision (none for a rejected one), what was released, and the
 * receipt.
 *
 * @param decisionJson the decision's JSON as the store holds it (the text {@code decision} was read from, or, for a
 *     request just decided, its canonical JSON), present exactly when {@code decision} is: an answer can carry it as
 *     it is instead of serialising the decision again
 */
public record RequestOutcome(String id, RequestStatus status, Optional<DecisionResult> decision,
    Optional<String> decisionJson, List<Release> released, Optional<Receipt> receipt) {
  public RequestOutcome {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receipt, "receipt");
    if (decision.isPresent() != decisionJson.isPresent()) {
      throw new IllegalArgumentException("a decision comes with its JSON: decision " + decision.isPresent()
          + ", JSON " + decisionJson.isPresent());
    }
    released = List.copyOf(released);
  }
}
