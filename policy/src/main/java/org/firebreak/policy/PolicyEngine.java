package org.firebreak.policy;

import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.firebreak.core.error.EvaluationException;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.core.model.Obligation;
import org.firebreak.core.model.RuleMatch;
import org.firebreak.core.model.SourceDecision;
import org.firebreak.core.model.SourceRef;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.Effect;
import org.firebreak.policy.Explanation.CategoryOutcome;
import org.firebreak.policy.Explanation.RuleStatus;
import org.firebreak.policy.Explanation.RuleTrace;
import org.firebreak.policy.Explanation.SourceTrace;
import org.firebreak.policy.cel.Condition;
import org.firebreak.policy.cel.Variables;
import org.firebreak.policy.pack.PackSet;
import org.firebreak.policy.pack.PackSpec.ObligationSpec;
import org.firebreak.policy.pack.Rule;
import org.firebreak.policy.pack.Upon;

/**
 * Decides a {@link DecisionRequest} against a {@link PackSet}, exactly as PACKS.md §§ 3–8 say. Immutable and
 * thread-safe; one instance serves every request.
 */
public final class PolicyEngine {
  private final PackSet packs;
  private final PurposeInference inference;

  public PolicyEngine(PackSet packs, PurposeInference inference) {
    this.packs = Objects.requireNonNull(packs);
    this.inference = Objects.requireNonNull(inference);
  }

  public PackSet packs() {
    return packs;
  }

  /** The decision for a request. */
  public DecisionResult decide(DecisionRequest request) {
    return evaluate(request, null);
  }

  /** The decision with a trace of every candidate rule, for people ({@code policy explain}). */
  public Explanation explain(DecisionRequest request) {
    List<SourceTrace> traces = new ArrayList<>();
    DecisionResult result = evaluate(request, traces);
    return new Explanation(result, traces);
  }

  private DecisionResult evaluate(DecisionRequest request, List<SourceTrace> traces) {
    PurposeInference.Result purposes = inference.infer(request);
    Variables requestVars = RequestVariables.of(request, purposes.purposes());
    // when depends on the request only: evaluate each rule's at most once per request (0 unknown, 1 true, 2 false).
    byte[] whenMemo = new byte[packs.rules().size()];
    long day = Math.floorDiv(request.time().getEpochSecond(), 86_400); // the UTC day rules are in force by

    List<SourceDecision> decisions = new ArrayList<>(request.sources().size());
    for (SourceRef source : request.sources()) {
      decisions.add(decideSource(day, source, requestVars, whenMemo, traces));
    }
    return new DecisionResult(summarise(decisions), purposes.purposes(), purposes.inferences(), decisions,
        packs.refs());
  }

  private SourceDecision decideSource(long day, SourceRef source, Variables requestVars,
      byte[] whenMemo, List<SourceTrace> traces) {
    List<Rule> candidates = packs.candidates(source.kind(), source.jurisdiction());
    List<Rule> applying = new ArrayList<>(candidates.size());
    List<RuleTrace> ruleTraces = traces == null ? null : new ArrayList<>();
    Variables sourceVars = null;
    for (Rule rule : candidates) {
      RuleStatus status;
      if (!rule.inForceOn(day)) {
        status = RuleStatus.NOT_IN_FORCE;
      } else {
        if (rule.scope().isPresent() && sourceVars == null) {
          sourceVars = RequestVariables.of(source);
        }
        if (rule.scope().isPresent() && !test(rule, rule.scope().get(), sourceVars)) {
          status = RuleStatus.OUT_OF_SCOPE;
        } else if (rule.when().isPresent() && !when(rule, requestVars, whenMemo)) {
          status = RuleStatus.CONDITION_FALSE;
        } else {
          status = RuleStatus.APPLIES;
          applying.add(rule);
        }
      }
      if (ruleTraces != null) {
        ruleTraces.add(new RuleTrace(rule, status));
      }
    }

    // § 5: forbid beats refer beats permit; nothing is released without a permit.
    List<Category> released = new ArrayList<>();
    List<Category> withheld = new ArrayList<>();
    List<Category> referred = new ArrayList<>();
    Map<Category, CategoryOutcome> outcomes = traces == null ? null : new EnumMap<>(Category.class);
    for (Category c : source.categories()) {
      Rule forbid = null;
      Rule refer = null;
      Rule permit = null;
      for (Rule r : applying) {
        if (!r.covers(c)) {
          continue;
        }
        switch (r.effect()) {
          case FORBID -> forbid = forbid == null ? r : forbid;
          case REFER -> refer = refer == null ? r : refer;
          case PERMIT -> permit = permit == null ? r : permit;
          case OBLIGATE -> { }
        }
      }
      Rule because;
      if (forbid != null) {
        withheld.add(c);
        because = forbid;
      } else if (refer != null) {
        referred.add(c);
        because = refer;
      } else if (permit != null) {
        released.add(c);
        because = permit;
      } else {
        withheld.add(c);
        because = null;
      }
      if (outcomes != null) {
        outcomes.put(c, new CategoryOutcome(because == null ? Decision.DENY : outcomeOf(because.effect()),
            because == null ? "no rule permits it" : because.qualifiedId() + " (" + because.citation() + ")"));
      }
    }

    // §§ 5–6: the rules to name and the obligations the release carries.
    List<Category> mayGo = new ArrayList<>(released);
    mayGo.addAll(referred);
    List<RuleMatch> matches = new ArrayList<>();
    Map<String, Obligation> obligations = new LinkedHashMap<>();
    for (Rule r : applying) {
      boolean onRelease = (r.effect() == Effect.PERMIT || r.effect() == Effect.OBLIGATE) && coversAny(r, mayGo);
      // An obligation upon the request arises whatever is released (a notice of the request, a report of it).
      boolean onRequest = r.effect() == Effect.OBLIGATE && coversAny(r, source.categories());
      boolean contributed = false;
      for (ObligationSpec o : r.obligations()) {
        if (o.upon() == Upon.REQUEST ? onRequest : onRelease) {
          contributed = true;
          obligations.putIfAbsent(o.type() + "|" + r.qualifiedId(),
              new Obligation(o.type(), r.pack(), r.id(), r.citation(), o.detail()));
        }
      }
      boolean named = switch (r.effect()) {
        case FORBID, REFER -> coversAny(r, source.categories());
        case PERMIT -> coversAny(r, released);
        case OBLIGATE -> contributed;
      };
      if (named) {
        matches.add(new RuleMatch(r.pack(), r.id(), r.effect(), r.citation(), r.message()));
      }
    }

    Decision decision = !released.isEmpty() ? Decision.PERMIT : !referred.isEmpty() ? Decision.REFER : Decision.DENY;
    if (traces != null) {
      traces.add(new SourceTrace(source.id(), ruleTraces, outcomes));
    }
    return new SourceDecision(source.id(), decision, released, withheld, referred, matches,
        List.copyOf(obligations.values()));
  }

  private static boolean coversAny(Rule r, List<Category> categories) {
    for (Category c : categories) {
      if (r.covers(c)) {
        return true;
      }
    }
    return false;
  }

  private static Decision outcomeOf(Effect e) {
    return switch (e) {
      case PERMIT -> Decision.PERMIT;
      case REFER -> Decision.REFER;
      default -> Decision.DENY;
    };
  }

  /** § 8: PERMIT when something is released, else REFER when something is referred, else DENY. */
  private static Decision summarise(List<SourceDecision> sources) {
    boolean anyReferred = false;
    for (SourceDecision s : sources) {
      if (!s.released().isEmpty()) {
        return Decision.PERMIT;
      }
      anyReferred |= !s.referred().isEmpty();
    }
    return anyReferred ? Decision.REFER : Decision.DENY;
  }

  private static boolean when(Rule rule, Variables vars, byte[] memo) {
    byte m = memo[rule.ordinal()];
    if (m == 0) {
      m = test(rule, rule.when().get(), vars) ? (byte) 1 : (byte) 2;
      memo[rule.ordinal()] = m;
    }
    return m == 1;
  }

  private static boolean test(Rule rule, Condition condition, Variables vars) {
    try {
      return condition.test(vars);
    } catch (CelEvaluationException | RuntimeException e) {
      // Never a silent PERMIT or DENY: the request is not decided and the failure names the rule.
      throw new EvaluationException("rule " + rule.qualifiedId() + " (line " + rule.line() + "): condition '"
          + condition.text() + "' failed: " + e.getMessage(), e);
    }
  }
}
