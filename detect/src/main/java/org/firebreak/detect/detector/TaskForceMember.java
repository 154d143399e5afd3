package org.firebreak.detect.detector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.firebreak.core.vocab.TaskForce;
import org.firebreak.detect.AuditEvent;
import org.firebreak.detect.Detector;
import org.firebreak.detect.Flag;
import org.firebreak.detect.Laws;
import org.firebreak.detect.ScreenedEvent;
import org.firebreak.detect.Severity;
import org.firebreak.policy.ImmigrationTextClassifier.Kind;
import org.firebreak.policy.ImmigrationTextClassifier.Signal;

/**
 * {@code task-force}: the requester sits on a federal immigration task force (287(g), an HSI task force) and uses
 * local data. Known from the requester's memberships (Firebreak's events) or from words: a 287(g) signal in the
 * organisation's name or the reason, or "task force" / "TF" / "TFO" next to an immigration authority's name in the
 * same text ("HSI TFO", "ICE Task Force"). HIGH where the custodian's state limits task-force work for immigration
 * enforcement, MEDIUM elsewhere.
 */
public final class TaskForceMember implements Detector {
  public static final String ID = "task-force";
  private static final Pattern TASK_FORCE = Pattern.compile(
      "(?<![\\p{L}\\p{N}])(?:task[\\s_+\\-]*force|tfos?|tf)(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void observe(ScreenedEvent s, Consumer<Flag> flags) {
    AuditEvent e = s.event();
    List<String> reasons = null; // made only for a row that has something: most have nothing
    boolean g287 = false;
    List<TaskForce> memberships = e.taskForces();
    for (int i = 0; i < memberships.size(); i++) {
      TaskForce tf = memberships.get(i);
      if (tf.isImmigration()) {
        reasons = add(reasons, "requester is a member of " + tf.wire());
        g287 |= tf == TaskForce.G287;
      }
    }
    if (e.organization().isPresent()) {
      String org = e.organization().get();
      List<Signal> signals = s.organizationSignals();
      if (!signals.isEmpty()) {
        reasons = add(reasons, null);
        g287 |= addFromText("organisation", org, signals, reasons);
      }
    }
    if (!s.reasonSignals().isEmpty()) {
      reasons = add(reasons, null);
      g287 |= addFromText("reason", e.reason(), s.reasonSignals(), reasons);
    }
    if (reasons == null || reasons.isEmpty()) {
      return;
    }
    List<String> state = Laws.immigrationUse(e.custodianJurisdiction());
    List<String> citations = Texts.union(
        "US-CA".equals(e.custodianJurisdiction().orElse("")) ? List.of(Laws.CA_TASK_FORCE) : List.of(), state,
        g287 ? List.of(Laws.SECTION_287G) : List.of());
    flags.accept(Flag.of(e, ID, state.isEmpty() ? Severity.MEDIUM : Severity.HIGH,
        String.join("; ", reasons) + "; local ALPR data searched", citations));
  }

  /** The list, made when first needed, with {@code reason} added unless it is null. */
  private static List<String> add(List<String> reasons, String reason) {
    List<String> list = reasons == null ? new ArrayList<>(2) : reasons;
    if (reason != null) {
      list.add(reason);
    }
    return list;
  }

  /** Adds what the text shows; true when it is a 287(g) signal. */
  private static boolean addFromText(String what, String text, List<Signal> signals, List<String> reasons) {
    boolean g287 = false;
    boolean agency = false;
    for (Signal sig : signals) {
      if (sig.kind() == Kind.TERM && sig.matched().startsWith("287")) {
        g287 = true;
      }
      agency |= sig.kind() == Kind.AGENCY;
    }
    if (g287) {
      reasons.add(what + " " + Texts.quote(text) + " cites 287(g) (local officers deputised for immigration"
          + " enforcement)");
    } else if (agency && TASK_FORCE.matcher(text).find()) {
      reasons.add(what + " " + Texts.quote(text) + " names a task force with an immigration authority");
    } else {
      return false;
    }
    return g287;
  }
}
