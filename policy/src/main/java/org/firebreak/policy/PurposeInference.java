package org.firebreak.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.Inference;
import org.firebreak.core.model.LegalProcess;
import org.firebreak.core.vocab.Purpose;

/**
 * Effective purposes (PACKS.md § 7): the declared purpose followed by what the request's facts imply. Inference only
 * adds; relabelling the declared purpose cannot remove an inferred one.
 */
public final class PurposeInference {
  private final ImmigrationTextClassifier classifier;

  public PurposeInference(ImmigrationTextClassifier classifier) {
    this.classifier = Objects.requireNonNull(classifier);
  }

  /** The effective purposes, declared first, and the inferences that added the others. */
  public record Result(List<Purpose> purposes, List<Inference> inferences) {
    public Result {
      purposes = List.copyOf(purposes);
      inferences = List.copyOf(inferences);
    }
  }

  public Result infer(DecisionRequest request) {
    List<Inference> inferences = new ArrayList<>();
    LegalProcess process = request.legalProcess();
    boolean judicialCriminal = process.type().isJudicial()
        && (request.purpose().isCriminal() || request.purpose() == Purpose.CRIMINAL_IMMIGRATION);

    Agency agency = request.requester().agency();
    if (agency.isImmigrationAuthority() && !judicialCriminal) {
      inferences.add(civil("requester component " + agency.component()));
    }
    Optional<Agency> beneficiary = request.onBehalfOf();
    if (beneficiary.isPresent() && beneficiary.get().isImmigrationAuthority() && !judicialCriminal) {
      inferences.add(civil("on behalf of component " + beneficiary.get().component()));
    }
    if (process.type().impliesCivilImmigration()) {
      inferences.add(civil("legal process " + process.type()));
    }
    process.reference().ifPresent(ref -> classifier.signals(ref).stream().findFirst()
        .ifPresent(s -> inferences.add(civil("legal process reference " + classifier.explain(s)))));
    classifier.signals(request.justification()).stream().findFirst()
        .ifPresent(s -> inferences.add(civil("justification " + classifier.explain(s))));

    Set<Purpose> purposes = new LinkedHashSet<>();
    purposes.add(request.purpose());
    inferences.forEach(i -> purposes.add(i.purpose()));
    return new Result(List.copyOf(purposes), inferences);
  }

  private static Inference civil(String because) {
    return new Inference(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT, because);
  }
}
