package org.firebreak.detect.detector;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.firebreak.detect.AuditEvent;
import org.firebreak.detect.Detector;
import org.firebreak.detect.Flag;
import org.firebreak.detect.Laws;
import org.firebreak.detect.ScreenedEvent;
import org.firebreak.detect.Screening;
import org.firebreak.detect.Severity;
import org.firebreak.policy.ImmigrationTextClassifier;

/**
 * {@code immigration-purpose}: the reason typed for the search states an immigration purpose, as the classifier
 * shared with the policy engine reads it ({@link ImmigrationTextClassifier}: "ICE WARRANT", "I.C.E.", "ICE+ERO",
 * "assist HSI", "I-247A", "287(g)", "illegal alien"; not "police", "dice", "black ice", "ice" the drug,
 * "hotplate removal", "erosion"). HIGH where the custodian's state forbids using its data for immigration
 * enforcement, MEDIUM elsewhere; LOW when the request carries judicial process (the laws' own exception, to be
 * checked). Not for a request that asks only for immigration status (8 U.S.C. § 1373; Cal. Gov. Code § 7284.6(e)).
 */
public final class ImmigrationPurpose implements Detector {
  public static final String ID = "immigration-purpose";
  private final Screening screening;

  /** @param screening explains the classifier's signals */
  public ImmigrationPurpose(Screening screening) {
    this.screening = Objects.requireNonNull(screening, "screening");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void observe(ScreenedEvent s, Consumer<Flag> flags) {
    if (s.reasonSignals().isEmpty() || s.statusOnly()) {
      return; // a status check may not be restricted (8 U.S.C. § 1373; Cal. Gov. Code § 7284.6(e))
    }
    AuditEvent e = s.event();
    List<String> citations = Laws.immigrationUse(e.custodianJurisdiction());
    Severity severity = s.judicialProcess() ? Severity.LOW : citations.isEmpty() ? Severity.MEDIUM : Severity.HIGH;
    flags.accept(Flag.of(e, ID, severity,
        "reason " + Texts.quote(e.reason()) + " " + Texts.explain(screening, s.reasonSignals())
            + Texts.noLawNote(citations, e.custodianJurisdiction())
            + (s.judicialProcess() ? Texts.JUDICIAL_NOTE : ""),
        citations));
  }
}
