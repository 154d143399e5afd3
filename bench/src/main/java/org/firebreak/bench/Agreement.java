package org.firebreak.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.core.model.Obligation;
import org.firebreak.core.model.RuleMatch;
import org.firebreak.core.model.SourceDecision;

/** Whether Firebreak's decision and the Cedar peer's agree, field by field. */
public final class Agreement {
  private Agreement() {}

  /**
   * The differences between the two decisions: the request's decision and, per source, the decision, the released,
   * withheld and referred categories, the rules named (as {@code pack/id}) and the obligations (as
   * {@code TYPE pack/id}). Empty when they agree.
   */
  public static List<String> differences(DecisionResult firebreak, CedarPeer.Outcome cedar) {
    List<String> out = new ArrayList<>();
    diff(out, "decision", firebreak.decision(), cedar.decision());
    diff(out, "effectivePurposes", firebreak.effectivePurposes(), cedar.effectivePurposes());
    if (firebreak.sources().size() != cedar.sources().size()) {
      out.add("sources: " + firebreak.sources().size() + " vs " + cedar.sources().size());
      return out;
    }
    for (int i = 0; i < firebreak.sources().size(); i++) {
      SourceDecision f = firebreak.sources().get(i);
      CedarPeer.SourceOutcome c = cedar.sources().get(i);
      String s = f.source() + ".";
      diff(out, s + "source", f.source(), c.source());
      diff(out, s + "decision", f.decision(), c.decision());
      diff(out, s + "released", f.released(), c.released());
      diff(out, s + "withheld", f.withheld(), c.withheld());
      diff(out, s + "referred", f.referred(), c.referred());
      Set<String> rules = new LinkedHashSet<>();
      for (RuleMatch m : f.rules()) {
        rules.add(m.pack() + "/" + m.id());
      }
      diff(out, s + "rules", rules, c.rules());
      Set<String> obligations = new LinkedHashSet<>();
      for (Obligation o : f.obligations()) {
        obligations.add(o.type().name());
      }
      diff(out, s + "obligations", obligations, c.obligations());
    }
    return out;
  }

  /** Throws when the two decisions differ. */
  public static void check(DecisionResult firebreak, CedarPeer.Outcome cedar) {
    List<String> d = differences(firebreak, cedar);
    if (!d.isEmpty()) {
      throw new IllegalStateException("Firebreak and the Cedar peer disagree: " + String.join("; ", d));
    }
  }

  private static void diff(List<String> out, String what, Object firebreak, Object cedar) {
    boolean same = firebreak instanceof Set<?> a && cedar instanceof Set<?> b ? a.equals(b) : firebreak.equals(cedar);
    if (!same) {
      out.add(what + ": firebreak " + firebreak + ", cedar " + cedar);
    }
  }
}
