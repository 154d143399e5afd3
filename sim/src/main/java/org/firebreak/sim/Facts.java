package org.firebreak.sim;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.core.model.Agency;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.Purpose;

/**
 * What is really going on behind a request, as the story knows it and the gateway cannot: who ends up with the data
 * ({@code beneficiary}, whether or not the request names it), what it is really for, and whether a criminal
 * predicate (reasonable suspicion of specific criminal conduct) or an urgent health-or-safety need exists. The law
 * is applied to these facts, never to the request's own claims.
 */
public record Facts(Agency requester, Optional<Agency> beneficiary, Purpose realPurpose, LegalProcessType process,
    boolean predicate, boolean urgent, Map<SourceSpec, List<Category>> asked) {

  public Facts {
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(beneficiary, "beneficiary");
    Objects.requireNonNull(realPurpose, "realPurpose");
    Objects.requireNonNull(process, "process");
    asked = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(asked));
  }

  /** The requester and the beneficiary: everyone who receives what is released. */
  public List<Agency> recipients() {
    return beneficiary.map(b -> List.of(requester, b)).orElse(List.of(requester));
  }
}
