package org.firebreak.detect;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.policy.ImmigrationTextClassifier.Signal;

/**
 * An event with what its words say, read once for every detector: the immigration signals in its reason and the
 * immigration authority its requester or {@code onBehalfOf} is, if any.
 *
 * @param reasonSignals the classifier's signals in {@link AuditEvent#reason()}
 * @param requesterAuthority the immigration authority the requester is (its component, or its organisation's name)
 * @param onBehalfOfAuthority the immigration authority the request was made for
 */
public record ScreenedEvent(AuditEvent event, List<Signal> reasonSignals, Optional<Authority> requesterAuthority,
    Optional<Authority> onBehalfOfAuthority) {
  public ScreenedEvent {
    Objects.requireNonNull(event, "event");
    reasonSignals = List.copyOf(reasonSignals);
    Objects.requireNonNull(requesterAuthority, "requesterAuthority");
    Objects.requireNonNull(onBehalfOfAuthority, "onBehalfOfAuthority");
  }

  /** An immigration authority recognised in a log: the name as written and why it is one. */
  public record Authority(String name, String why) {
    public Authority {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(why, "why");
    }
  }

  /** Whether an immigration authority is involved: as requester, as beneficiary, or named in the reason. */
  public boolean involvesImmigration() {
    return requesterAuthority.isPresent() || onBehalfOfAuthority.isPresent() || !reasonSignals.isEmpty();
  }

  /** Whether the requester is a federal agency (level, {@code [Federal] } prefix, or an immigration authority). */
  public boolean federalRequester() {
    return event.level().map(l -> l == org.firebreak.core.vocab.AgencyLevel.FEDERAL).orElse(false)
        || event.requesterJurisdiction().map("US"::equals).orElse(false) || requesterAuthority.isPresent();
  }
}
