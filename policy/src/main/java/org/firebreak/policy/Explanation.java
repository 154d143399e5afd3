package org.firebreak.policy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.core.model.Inference;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Decision;
import org.firebreak.policy.pack.Rule;

/** A decision with the trace of how it was reached: every candidate rule of every source, and why each category went the way it did. */
public record Explanation(DecisionResult result, List<SourceTrace> sources) {
  public Explanation {
    sources = List.copyOf(sources);
  }

  /** What became of a candidate rule. */
  public enum RuleStatus {
    NOT_IN_FORCE("not in force at the request's time"),
    OUT_OF_SCOPE("scope is false for this source"),
    CONDITION_FALSE("when is false for this request"),
    APPLIES("applies");

    private final String words;

    RuleStatus(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  public record RuleTrace(Rule rule, RuleStatus status) {}

  public record CategoryOutcome(Decision outcome, String because) {}

  public record SourceTrace(String source, List<RuleTrace> rules, Map<Category, CategoryOutcome> categories) {
    public SourceTrace {
      rules = List.copyOf(rules);
      categories = Map.copyOf(categories);
    }
  }

  /** The trace in plain words, as {@code firebreak policy explain} prints it. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("Decision: ").append(result.decision()).append('\n');
    sb.append("Effective purposes: ").append(result.effectivePurposes().stream().map(Enum::name)
        .collect(Collectors.joining(", "))).append('\n');
    for (Inference i : result.inferences()) {
      sb.append("  + ").append(i.purpose()).append(" because ").append(i.because()).append('\n');
    }
    for (SourceTrace s : sources) {
      sb.append('\n').append("Source ").append(s.source()).append(": ");
      result.sources().stream().filter(d -> d.source().equals(s.source())).findFirst()
          .ifPresent(d -> sb.append(d.decision()));
      sb.append('\n');
      if (s.rules().isEmpty()) {
        sb.append("  no rule of the loaded packs covers this kind of source in this jurisdiction\n");
      }
      List<Category> requested = result.sources().stream().filter(d -> d.source().equals(s.source()))
          .findFirst().map(Explanation::orderOf).orElse(List.of());
      for (RuleTrace t : s.rules()) {
        Rule r = t.rule();
        boolean idle = t.status() == RuleStatus.APPLIES && requested.stream().noneMatch(r::covers);
        sb.append(t.status() == RuleStatus.APPLIES && !idle ? "  * " : "  - ")
            .append(r.qualifiedId()).append(" [").append(r.effect()).append("] ")
            .append(t.status().words()).append(idle ? " but covers no requested category" : "")
            .append(" — ").append(r.citation()).append('\n');
      }
      result.sources().stream().filter(d -> d.source().equals(s.source())).findFirst().ifPresent(d -> {
        for (Category c : orderOf(d)) {
          CategoryOutcome o = s.categories().get(c);
          String verb = switch (o.outcome()) {
            case PERMIT -> "released";
            case REFER -> "referred to an auditor";
            case DENY -> "withheld";
          };
          sb.append("    ").append(c.wire()).append(": ").append(verb).append(" — ").append(o.because()).append('\n');
        }
        d.obligations().forEach(o -> sb.append("    obligation ").append(o.type()).append(": ").append(o.detail())
            .append(" (").append(o.citation()).append(")\n"));
      });
    }
    sb.append('\n').append("Packs: ").append(result.packs().stream()
        .map(p -> p.id() + "@" + p.version() + " " + p.digest().substring(0, 19) + "…")
        .collect(Collectors.joining(", "))).append('\n');
    return sb.toString();
  }

  private static List<Category> orderOf(org.firebreak.core.model.SourceDecision d) {
    List<Category> all = new java.util.ArrayList<>(d.released());
    all.addAll(d.referred());
    all.addAll(d.withheld());
    return all;
  }
}
