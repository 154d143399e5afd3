package org.firebreak.detect.detector;

import java.util.List;
import java.util.Optional;
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
 * {@code out-of-state}: ALPR data of the custodian went to an agency of another state where the custodian's law limits
 * that: California shares ALPR information only with California public agencies (SB 34; HIGH), Illinois only with
 * out-of-state agencies that signed a written declaration, which a log cannot show (MEDIUM: check for the
 * declaration). Two ways:
 * <ul>
 *   <li>the requester is of another state, on shared access (a network audit, a request to Firebreak): an agency's
 *       own searches of other states' cameras are not its data leaving the state;</li>
 *   <li>the request was made on behalf of ({@code onBehalfOf}) an agency of another state, whoever made it and whoever
 *       holds the data: a Costa Verde officer relaying for Texas DPS, or a California fusion center answering an
 *       Arizona RFI, shares the data with that agency just as its asking directly would (§ 1798.90.55(b) forbids the
 *       sharing, not only the asking; the Attorney General's bulletin 2023-DLE-06 names these proxy searches).</li>
 * </ul>
 * Federal agencies, on either side, are {@code federal-access}'s.
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
    if (e.custodianJurisdiction().isEmpty() || !mayBeAlpr(e)) {
      return;
    }
    String custodian = Jurisdictions.state(e.custodianJurisdiction().get());
    String requester = e.sharedAccess() && !s.federalRequester() ? otherState(e.requesterJurisdiction(), custodian)
        : null;
    String beneficiary = s.federalBeneficiary() ? null : otherState(e.onBehalfOfJurisdiction(), custodian);
    if (requester == null && beneficiary == null) {
      return;
    }
    List<String> citations = Laws.outOfStateSharing(e.custodianJurisdiction());
    if (citations.isEmpty()) {
      return;
    }
    boolean california = custodian.equals("US-CA");
    String what = beneficiary == null ? requesterSentence(e, requester, custodian, california)
        : Texts.quote(e.organization().orElse(e.requesterName())) + " ("
            + e.requesterJurisdiction().map(Jurisdictions::state).orElse("state unknown") + ") searched the ALPR data"
            + " of " + e.custodian().orElse("the custodian") + " (" + custodian + ") on behalf of "
            + Texts.quote(e.onBehalfOf().orElse("an agency")) + " (" + beneficiary + ")"
            + (california ? "; California law lets ALPR information go only to California public agencies, and a"
                + " search made for an agency shares its result with it"
                : "; Illinois law requires a signed declaration from an out-of-state agency first");
    flags.accept(Flag.of(e, ID, california ? Severity.HIGH : Severity.MEDIUM, what, citations));
  }

  /** The state of {@code jurisdiction} when it is known and not the custodian's (nor federal); else null. */
  private static String otherState(Optional<String> jurisdiction, String custodian) {
    if (jurisdiction.isEmpty() || jurisdiction.get().equals("US")) {
      return null;
    }
    String state = Jurisdictions.state(jurisdiction.get());
    return state.equals(custodian) ? null : state;
  }

  /** The requester's own search: the same organisations search on row after row, so each sentence is made once. */
  private String requesterSentence(AuditEvent e, String requester, String custodian, boolean california) {
    String who = e.organization().orElse(e.requesterName());
    String of = e.custodian().orElse("the custodian");
    Explanation known = explanations.get(who);
    // the other parts are checked, so a reused sentence is always this row's
    if (known != null && known.requester().equals(requester) && known.of().equals(of)
        && known.custodian().equals(custodian)) {
      return known.text();
    }
    String what = Texts.quote(who) + " (" + requester + ") searched the ALPR data of " + of + " (" + custodian + ")"
        + (california ? "; California law lets ALPR information go only to California public agencies"
            : "; Illinois law requires a signed declaration from an out-of-state agency first");
    if (explanations.size() < Texts.CACHE) {
      explanations.put(who, new Explanation(requester, of, custodian, what));
    }
    return what;
  }

  /**
   * The laws read here are about ALPR data: an event that names its sources (Firebreak's own) must name ALPR; one
   * that names none (a vendor log that does not say) is read as ALPR, which is what vendor logs hold.
   */
  static boolean mayBeAlpr(AuditEvent e) {
    return e.sources().isEmpty() || e.sources().contains(SourceKind.ALPR);
  }
}
