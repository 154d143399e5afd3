package org.firebreak.detect.detector;

import java.util.List;
import java.util.function.Consumer;
import org.firebreak.detect.AuditEvent;
import org.firebreak.detect.Detector;
import org.firebreak.detect.Flag;
import org.firebreak.detect.Jurisdictions;
import org.firebreak.detect.Laws;
import org.firebreak.detect.ScreenedEvent;
import org.firebreak.detect.Severity;

/**
 * {@code out-of-state}: an agency of another state reached the custodian's data where the custodian's law limits
 * that: California shares ALPR information only with California public agencies (SB 34; HIGH), Illinois only with
 * out-of-state agencies that signed a written declaration, which a log cannot show (MEDIUM: check for the
 * declaration). Only for shared access (a network audit, a request to Firebreak): an agency's own searches of other
 * states' cameras are not its data leaving the state. Federal requesters are {@code federal-access}'s.
 */
public final class OutOfState implements Detector {
  public static final String ID = "out-of-state";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void observe(ScreenedEvent s, Consumer<Flag> flags) {
    AuditEvent e = s.event();
    if (!e.sharedAccess() || e.custodianJurisdiction().isEmpty() || e.requesterJurisdiction().isEmpty()
        || s.federalRequester()) {
      return;
    }
    String custodian = Jurisdictions.state(e.custodianJurisdiction().get());
    String requester = Jurisdictions.state(e.requesterJurisdiction().get());
    List<String> citations = Laws.outOfStateSharing(e.custodianJurisdiction());
    if (requester.equals(custodian) || citations.isEmpty()) {
      return;
    }
    boolean california = custodian.equals("US-CA");
    flags.accept(Flag.of(e, ID, california ? Severity.HIGH : Severity.MEDIUM,
        Texts.quote(e.organization().orElse(e.requesterName())) + " (" + requester + ") searched the ALPR data of "
            + e.custodian().orElse("the custodian") + " (" + custodian + ")"
            + (california ? "; California law lets ALPR information go only to California public agencies"
                : "; Illinois law requires a signed declaration from an out-of-state agency first"),
        citations));
  }
}
