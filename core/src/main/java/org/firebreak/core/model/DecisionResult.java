package org.firebreak.core.model;

import static org.firebreak.core.model.InvalidFieldException.required;

import java.util.List;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.Purpose;

/** The answer to a {@link DecisionRequest} (DESIGN.md, "Decision"). */
public record DecisionResult(
    Decision decision,
    List<Purpose> effectivePurposes,
    List<Inference> inferences,
    List<SourceDecision> sources,
    List<PackRef> packs) {

  public DecisionResult {
    required(decision, "decision");
    effectivePurposes = List.copyOf(required(effectivePurposes, "effectivePurposes"));
    inferences = List.copyOf(required(inferences, "inferences"));
    sources = List.copyOf(required(sources, "sources"));
    packs = List.copyOf(required(packs, "packs"));
  }
}
