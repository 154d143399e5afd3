package org.firebreak.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.SourceRef;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.core.vocab.TaskForce;
import org.firebreak.policy.cel.Variables;

/** The CEL variables of PACKS.md § 4, built once per request (when) and once per source (scope). */
final class RequestVariables {
  private RequestVariables() {}

  static Variables of(DecisionRequest r, List<Purpose> effectivePurposes) {
    Map<String, Object> v = new HashMap<>(48);
    Agency a = r.requester().agency();
    v.put("requester.id", r.requester().id());
    v.put("requester.agency.id", a.id());
    v.put("requester.agency.level", a.level().name());
    v.put("requester.agency.component", a.component().name());
    v.put("requester.agency.jurisdiction", a.jurisdiction().code());
    v.put("requester.taskForces", r.requester().taskForces().stream().map(TaskForce::wire).toList());
    v.put("requester.certifications", r.requester().certifications());
    List<String> components = new ArrayList<>(2);
    List<String> levels = new ArrayList<>(2);
    List<String> jurisdictions = new ArrayList<>(2);
    components.add(a.component().name());
    levels.add(a.level().name());
    jurisdictions.add(a.jurisdiction().code());
    v.put("onBehalfOf.present", r.onBehalfOf().isPresent());
    v.put("onBehalfOf.id", r.onBehalfOf().map(Agency::id).orElse(""));
    v.put("onBehalfOf.level", r.onBehalfOf().map(b -> b.level().name()).orElse(""));
    v.put("onBehalfOf.component", r.onBehalfOf().map(b -> b.component().name()).orElse(""));
    v.put("onBehalfOf.jurisdiction", r.onBehalfOf().map(b -> b.jurisdiction().code()).orElse(""));
    r.onBehalfOf().ifPresent(b -> {
      components.add(b.component().name());
      levels.add(b.level().name());
      jurisdictions.add(b.jurisdiction().code());
    });
    v.put("recipients.components", List.copyOf(components));
    v.put("recipients.levels", List.copyOf(levels));
    v.put("recipients.jurisdictions", List.copyOf(jurisdictions));
    v.put("purpose", r.purpose().name());
    v.put("purposes", effectivePurposes.stream().map(Purpose::name).toList());
    v.put("justification", r.justification());
    v.put("caseNumber", r.caseNumber().orElse(""));
    v.put("legalProcess.type", r.legalProcess().type().name());
    v.put("legalProcess.issuer", r.legalProcess().issuer().map(Enum::name).orElse(""));
    v.put("legalProcess.reference", r.legalProcess().reference().orElse(""));
    return Variables.of(v);
  }

  static Variables of(SourceRef s) {
    Map<String, Object> v = new HashMap<>(8);
    v.put("source.id", s.id());
    v.put("source.kind", s.kind().name());
    v.put("source.jurisdiction", s.jurisdiction().code());
    v.put("source.categories", s.categories().stream().map(c -> c.wire()).toList());
    return Variables.of(v);
  }
}
