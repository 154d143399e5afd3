package org.firebreak.detect.detector;

import java.util.List;
import java.util.function.Consumer;
import org.firebreak.detect.AuditEvent;
import org.firebreak.detect.Detector;
import org.firebreak.detect.Flag;
import org.firebreak.detect.Laws;
import org.firebreak.detect.ScreenedEvent;
import org.firebreak.detect.Severity;

/**
 * {@code federal-access}: ALPR data of the custodian went to a federal agency where the custodian's law limits that:
 * California (SB 34: federal agencies are not "public agencies"; the Attorney General's bulletin 2023-DLE-06 says so
 * of vendor databases too) and Illinois (the Secretary of State shut off CBP's access in 2025 under the ALPR law read
 * with the TRUST Act). Two ways: a federal requester on shared access, or a request made on behalf of
 * ({@code onBehalfOf}) a federal agency by anyone (a local officer running a plate for the FBI or ICE shares the
 * result with it). HIGH in California, and in Illinois for an immigration authority; MEDIUM for another federal agency
 * in Illinois.
 */
public final class FederalAccess implements Detector {
  public static final String ID = "federal-access";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void observe(ScreenedEvent s, Consumer<Flag> flags) {
    AuditEvent e = s.event();
    boolean requester = e.sharedAccess() && s.federalRequester();
    boolean beneficiary = !requester && s.federalBeneficiary();
    if ((!requester && !beneficiary) || !OutOfState.mayBeAlpr(e)) {
      return;
    }
    List<String> citations = Laws.federalSharing(e.custodianJurisdiction());
    if (citations.isEmpty()) {
      return;
    }
    boolean california = "US-CA".equals(Laws.where(e.custodianJurisdiction()));
    boolean immigration = requester ? s.requesterAuthority().isPresent() : s.onBehalfOfAuthority().isPresent();
    String who = Texts.quote(e.organization().orElse(e.requesterName()));
    flags.accept(Flag.of(e, ID, california || immigration ? Severity.HIGH : Severity.MEDIUM,
        (requester ? "federal requester " + who : who + ", on behalf of federal agency "
            + Texts.quote(e.onBehalfOf().orElse("unnamed")) + ",") + " searched the ALPR data of "
            + e.custodian().orElse("the custodian") + " (" + Laws.where(e.custodianJurisdiction()) + ")"
            + (california ? "; California law lets ALPR information go only to California public agencies"
                : "; Illinois shut off federal access to its ALPR data in 2025"),
        citations));
  }
}
