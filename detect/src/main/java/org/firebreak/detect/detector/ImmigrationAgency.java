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
 * {@code immigration-agency}: the requester, or the organisation it acts for, is an immigration authority (a
 * component ICE_ERO, ICE_HSI, CBP, USBP or USCIS; in vendor logs an organisation named "[Federal] U.S. Immigration and
 * Customs Enforcement", "Homeland Security Investigations", "Customs and Border Protection", "Border Patrol" ...). HIGH
 * when it reached the data of a custodian whose state restricts such access, MEDIUM otherwise; LOW when the request
 * carries judicial process (the laws' own exception, to be checked). Not for a request that asks only for immigration
 * status, which 8 U.S.C. § 1373 and Cal. Gov. Code § 7284.6(e) let be shared.
 */
public final class ImmigrationAgency implements Detector {
  public static final String ID = "immigration-agency";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void observe(ScreenedEvent s, Consumer<Flag> flags) {
    if ((s.requesterAuthority().isEmpty() && s.onBehalfOfAuthority().isEmpty()) || s.statusOnly()) {
      return; // a status check may not be restricted (8 U.S.C. § 1373; Cal. Gov. Code § 7284.6(e))
    }
    AuditEvent e = s.event();
    StringBuilder why = new StringBuilder();
    s.requesterAuthority().ifPresent(a -> why.append("requester ").append(Texts.quote(a.name())).append(' ')
        .append(a.why()));
    s.onBehalfOfAuthority().ifPresent(a -> why.append(why.isEmpty() ? "" : "; ").append("acting on behalf of ")
        .append(Texts.quote(a.name())).append(", which ").append(a.why()));
    List<String> citations = Texts.union(Laws.immigrationUse(e.custodianJurisdiction()),
        e.sharedAccess() ? Laws.federalSharing(e.custodianJurisdiction()) : List.of());
    boolean restricted = !citations.isEmpty();
    why.append(e.sharedAccess() ? "; it searched the data of " + e.custodian().orElse("the custodian") : "")
        .append(Texts.noLawNote(citations, e.custodianJurisdiction()))
        .append(s.judicialProcess() ? Texts.JUDICIAL_NOTE : "");
    flags.accept(Flag.of(e, ID, s.judicialProcess() ? Severity.LOW : restricted ? Severity.HIGH : Severity.MEDIUM,
        why.toString(), citations));
  }
}
