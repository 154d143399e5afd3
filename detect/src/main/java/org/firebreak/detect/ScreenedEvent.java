package org.firebreak.detect;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.policy.ImmigrationTextClassifier.Signal;

/**
 * An event with what its words say, read once for every detector: the immigration signals in its reason and the
 * immigration authority its requester or {@code onBehalfOf} is, if any.
 *
 * @param reasonSignals the classifier's signals in {@link AuditEvent#reason()}
 * @param organizationSignals the classifier's signals in {@link AuditEvent#organization()}
 * @param requesterAuthority the immigration authority the requester is (its component, or its organisation's name)
 * @param onBehalfOfAuthority the immigration authority the request was made for
 */
public record ScreenedEvent(AuditEvent event, List<Signal> reasonSignals, List<Signal> organizationSignals,
    Optional<Authority> requesterAuthority, Optional<Authority> onBehalfOfAuthority) {
  public ScreenedEvent {
    Objects.requireNonNull(event, "event");
    reasonSignals = List.copyOf(reasonSignals);
    organizationSignals = List.copyOf(organizationSignals);
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

  /**
   * Whether the request asks for nothing but a person's immigration status. Sharing that may not be restricted:
   * 8 U.S.C. § 1373 and the carve-outs of the state laws (Cal. Gov. Code § 7284.6(e), 5 ILCS 805/5, RCW 2.28.310(2)),
   * so the immigration detectors do not flag it, whoever asks and why.
   */
  public boolean statusOnly() {
    List<Category> asked = event.categories();
    if (asked.isEmpty()) {
      return false; // not said: everything the sources hold
    }
    for (int i = 0; i < asked.size(); i++) {
      if (asked.get(i) != Category.IMMIGRATION_STATUS) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the requester presented judicial process (a judge's warrant, a court order, a judicial or grand-jury
   * subpoena): the exception the sanctuary laws make (legal-landscape.md § 0.1). The log cannot show that it is
   * genuine, so the immigration detectors still list such a request, at LOW, for its process to be checked.
   */
  public boolean judicialProcess() {
    return event.legalProcess().isPresent() && event.legalProcess().get().isJudicial();
  }

  /** Whether the requester is a federal agency (level, {@code [Federal] } prefix, or an immigration authority). */
  public boolean federalRequester() {
    return isFederal(event.level(), event.requesterJurisdiction()) || requesterAuthority.isPresent();
  }

  /**
   * Whether the organisation the request was made for is a federal agency (its level or jurisdiction, or an
   * immigration authority): the law on sharing ALPR data reads who receives it, so a local officer asking for a
   * federal agency is read as that agency asking.
   */
  public boolean federalBeneficiary() {
    return isFederal(event.onBehalfOfLevel(), event.onBehalfOfJurisdiction()) || onBehalfOfAuthority.isPresent();
  }

  private static boolean isFederal(Optional<AgencyLevel> level, Optional<String> jurisdiction) {
    return (level.isPresent() && level.get() == AgencyLevel.FEDERAL)
        || (jurisdiction.isPresent() && jurisdiction.get().equals("US"));
  }
}
