package org.firebreak.policy.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.firebreak.policy.pack.Pack;
import org.firebreak.policy.pack.PackSet;
import org.firebreak.policy.pack.PackSpec.TestSpec;
import org.firebreak.policy.pack.Rule;

/**
 * Which pack tests exercise which rules ({@code firebreak policy coverage}). A test covers a rule where it fires
 * when the rule is in its {@code expect.rules}, and where it must not when it is in {@code expect.absentRules};
 * tests of any pack count, so a city pack's test may cover a state rule. Every rule needs both kinds.
 */
public record Coverage(List<RuleCoverage> rules) {

  public Coverage {
    rules = List.copyOf(rules);
  }

  /** One rule and the tests ({@code pack: test name}) that cover it each way. */
  public record RuleCoverage(Rule rule, List<String> fires, List<String> mustNot) {
    public RuleCoverage {
      fires = List.copyOf(fires);
      mustNot = List.copyOf(mustNot);
    }

    /** Has at least one test where it fires and one where it must not. */
    public boolean complete() {
      return !fires.isEmpty() && !mustNot.isEmpty();
    }

    /** What is missing, in words; empty when complete. */
    public String missing() {
      List<String> m = new ArrayList<>();
      if (fires.isEmpty()) {
        m.add("no test where it fires");
      }
      if (mustNot.isEmpty()) {
        m.add("no test where it must not fire");
      }
      return String.join(" and ", m);
    }
  }

  public static Coverage of(PackSet packs) {
    Map<String, List<String>> fires = new LinkedHashMap<>();
    Map<String, List<String>> mustNot = new LinkedHashMap<>();
    for (Rule r : packs.rules()) {
      fires.put(r.qualifiedId(), new ArrayList<>());
      mustNot.put(r.qualifiedId(), new ArrayList<>());
    }
    for (Pack p : packs.packs()) {
      for (TestSpec t : p.tests()) {
        String name = p.id() + ": " + t.name();
        // A rule named that is not loaded is refused when the tests run; coverage only counts loaded rules.
        t.expect().rules().forEach(r -> add(fires, PackTestRunner.qualify(p, r), name));
        t.expect().absentRules().forEach(r -> add(mustNot, PackTestRunner.qualify(p, r), name));
      }
    }
    List<RuleCoverage> out = new ArrayList<>();
    for (Rule r : packs.rules()) {
      out.add(new RuleCoverage(r, fires.get(r.qualifiedId()), mustNot.get(r.qualifiedId())));
    }
    return new Coverage(out);
  }

  private static void add(Map<String, List<String>> into, String rule, String test) {
    List<String> l = into.get(rule);
    if (l != null && !l.contains(test)) {
      l.add(test);
    }
  }

  public List<RuleCoverage> incomplete() {
    return rules.stream().filter(r -> !r.complete()).toList();
  }
}
