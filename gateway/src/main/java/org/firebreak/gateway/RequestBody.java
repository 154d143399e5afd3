package org.firebreak.gateway;

import static org.firebreak.core.model.InvalidFieldException.optionalList;
import static org.firebreak.core.model.InvalidFieldException.required;
import static org.firebreak.core.model.InvalidFieldException.requiredList;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.InvalidFieldException;
import org.firebreak.core.model.LegalProcess;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Purpose;

/**
 * What a requester sends to {@code POST /v1/requests}. Who asks and for which agency come from the credential;
 * source kinds, jurisdictions and field categories come from the registry. {@code query} selects records by their
 * searchable fields (exact match); {@code categories} narrows what is asked for.
 */
public record RequestBody(
    Purpose purpose,
    Optional<String> justification,
    Optional<String> caseNumber,
    Optional<LegalProcess> legalProcess,
    Optional<Agency> onBehalfOf,
    List<String> sources,
    Map<String, String> query,
    List<Category> categories) {

  public static final int MAX_SOURCES = 20;
  public static final int MAX_TEXT = 4_000;

  public RequestBody {
    required(purpose, "purpose");
    justification = justification == null ? Optional.empty() : justification;
    caseNumber = caseNumber == null ? Optional.empty() : caseNumber;
    justification.filter(j -> j.length() > MAX_TEXT).ifPresent(j -> {
      throw new InvalidFieldException("justification", "is longer than " + MAX_TEXT + " characters");
    });
    caseNumber.filter(c -> c.length() > 64).ifPresent(c -> {
      throw new InvalidFieldException("caseNumber", "is longer than 64 characters");
    });
    legalProcess = legalProcess == null ? Optional.empty() : legalProcess;
    onBehalfOf = onBehalfOf == null ? Optional.empty() : onBehalfOf;
    sources = requiredList(sources, "sources");
    if (sources.isEmpty() || sources.size() > MAX_SOURCES) {
      throw new InvalidFieldException("sources", "must name 1 to " + MAX_SOURCES + " sources");
    }
    if (sources.stream().distinct().count() != sources.size()) {
      throw new InvalidFieldException("sources", "names a source twice");
    }
    required(query, "query");
    if (query.isEmpty()) {
      throw new InvalidFieldException("query", "must name at least one searchable field: no request reads a"
          + " whole source");
    }
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        throw new InvalidFieldException("query", "field '" + e.getKey() + "' needs a value");
      }
    }
    query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    categories = optionalList(categories, "categories");
    if (!categories.isEmpty() && EnumSet.copyOf(categories).size() != categories.size()) {
      throw new InvalidFieldException("categories", "names a category twice");
    }
  }
}
