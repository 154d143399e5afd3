package org.firebreak.policy.pack;

import static org.firebreak.core.model.InvalidFieldException.required;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.ObligationType;
import org.firebreak.core.vocab.Purpose;

/** What a pack test expects of a decision (PACKS.md § 9). Every list is a "must contain" / "must not contain". */
public record Expectation(
    Decision decision,
    Map<String, SourceExpectation> sources,
    List<String> rules,
    List<String> absentRules,
    List<ObligationType> obligations,
    List<ObligationType> absentObligations,
    List<Purpose> effectivePurposes) {

  public Expectation {
    required(decision, "decision");
    sources = sources == null ? Map.of() : Map.copyOf(sources);
    rules = rules == null ? List.of() : List.copyOf(rules);
    absentRules = absentRules == null ? List.of() : List.copyOf(absentRules);
    obligations = obligations == null ? List.of() : List.copyOf(obligations);
    absentObligations = absentObligations == null ? List.of() : List.copyOf(absentObligations);
    effectivePurposes = effectivePurposes == null ? List.of() : List.copyOf(effectivePurposes);
  }

  /** Expectations for one source; an absent key is not checked. Category lists are compared as sets. */
  public record SourceExpectation(
      Optional<Decision> decision,
      Optional<List<Category>> released,
      Optional<List<Category>> withheld,
      Optional<List<Category>> referred) {
    public SourceExpectation {
      decision = decision == null ? Optional.empty() : decision;
      released = released == null ? Optional.empty() : released.map(List::copyOf);
      withheld = withheld == null ? Optional.empty() : withheld.map(List::copyOf);
      referred = referred == null ? Optional.empty() : referred.map(List::copyOf);
    }
  }
}
