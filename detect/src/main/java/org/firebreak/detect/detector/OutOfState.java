package org.firebreak.detect.detector;

import java.util.List;
import java.util.function.Consumer;
import org.firebreak.core.vocab.SourceKind;
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
  private final java.util.Map<String, Explanation> explanations = new java.util.HashMap<>();

  private record Explanation(String requester, String of, String custodian, String text) {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void observe(ScreenedEvent s, Consumer<Flag> flags) {
    AuditEvent e = s.event();
    if (!e.sharedAccess() || e.custodianJurisdiction().isEmpty() || e.requesterJurisdiction().isEmpty()
        || s.federalRequester() || !mayBeAlpr(e)) {
      return;
    }
    String custodian = Jurisdictions.state(e.custodianJurisdiction().get());
    String requester = Jurisdictions.state(e.requesterJurisdiction().get());
    List<String> citations = Laws.outOfStateSharing(e.custodianJurisdiction());
    if (requester.equals(custodian) || citations.isEmpty()) {
      return;
    }
    boolean california = custodian.equals("US-CA");
    String who = e.organization().orElse(e.requesterName());
    String of = e.custodian().orElse("the custodian");
    // The same organisations search the same custodian on row after row: each sentence is built once, by
    // organisation (the other parts are checked, so a reused sentence is always this row's).
    Explanation known = explanations.get(who);
    String what;
    if (known != null && known.requester().equals(requester) && known.of().equals(of)
        && known.custodian().equals(custodian)) {
      what = known.text();
    } else {
      what = Texts.quote(who) + " (" + requester + ") searched the ALPR data of " + of + " (" + custodian + ")"
          + (california ? "; California law lets ALPR information go only to California public agencies"
              : "; Illinois law requires a signed declaration from an out-of-state agency first");
      if (explanations.size() < Texts.CACHE) {
        explanations.put(who, new Explanation(requester, of, custodian, what));
      }
    }
    flags.accept(Flag.of(e, ID, california ? Severity.HIGH : Severity.MEDIUM, what, citations));
  }

  /**
   * The laws read here are about ALPR data: an event that names its sources (Firebreak's own) must name ALPR; one
   * that names none (a vendor log that does not say) is read as ALPR, which is what vendor logs hold.
   */
  static boolean mayBeAlpr(AuditEvent e) {
    return e.sources().isEmpty() || e.sources().contains(SourceKind.ALPR);
  }
}
