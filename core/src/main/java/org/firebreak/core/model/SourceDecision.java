package org.firebreak.core.model;

import static org.firebreak.core.model.InvalidFieldException.required;
import static org.firebreak.core.model.InvalidFieldException.requiredText;

import java.util.List;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Decision;

/**
 * The decision for one source: which requested categories are released, which are withheld, which await an
 * auditor ({@code referred}), the rules that applied and the obligations the release carries.
 */
public record SourceDecision(
    String source,
    Decision decision,
    List<Category> released,
    List<Category> withheld,
    List<Category> referred,
    List<RuleMatch> rules,
    List<Obligation> obligations) {

  public SourceDecision {
    requiredText(source, "source");
    required(decision, "decision");
    released = List.copyOf(required(released, "released"));
    withheld = List.copyOf(required(withheld, "withheld"));
    referred = List.copyOf(required(referred, "referred"));
    rules = List.copyOf(required(rules, "rules"));
    obligations = List.copyOf(required(obligations, "obligations"));
  }
}
