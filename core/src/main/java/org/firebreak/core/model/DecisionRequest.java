package org.firebreak.core.model;

import static org.firebreak.core.model.InvalidFieldException.required;
import static org.firebreak.core.model.InvalidFieldException.requiredList;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.firebreak.core.vocab.Purpose;

/**
 * A request for data, as the policy engine decides it (DESIGN.md, "Decision request"). {@code onBehalfOf} names the
 * agency a requester relays for; {@code justification} is the free text as typed.
 */
public record DecisionRequest(
    Requester requester,
    Optional<Agency> onBehalfOf,
    Purpose purpose,
    String justification,
    Optional<String> caseNumber,
    LegalProcess legalProcess,
    List<SourceRef> sources,
    Instant time) {

  public DecisionRequest {
    required(requester, "requester");
    onBehalfOf = onBehalfOf == null ? Optional.empty() : onBehalfOf;
    required(purpose, "purpose");
    justification = justification == null ? "" : justification;
    caseNumber = caseNumber == null ? Optional.empty() : caseNumber.map(String::strip).filter(c -> !c.isEmpty());
    legalProcess = legalProcess == null ? LegalProcess.NONE : legalProcess;
    sources = requiredList(sources, "sources");
    if (sources.isEmpty()) {
      throw new InvalidFieldException("sources", "must name at least one source");
    }
    Set<String> ids = new HashSet<>();
    for (SourceRef s : sources) {
      if (!ids.add(s.id())) {
        throw new InvalidFieldException("sources", "names source '" + s.id() + "' twice");
      }
    }
    required(time, "time");
  }
}
