package org.firebreak.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.SourceKind;

/** A source as its custodian registers it: kind, where the data was collected, owner, field categories, lookups. */
public record SourceSpec(String id, SourceKind kind, Jurisdiction jurisdiction, String agencyId,
    Map<String, Category> fields, List<String> searchable) {

  public SourceSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(agencyId, "agencyId");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    searchable = List.copyOf(searchable);
    for (String s : searchable) {
      if (!fields.containsKey(s)) {
        throw new IllegalArgumentException("source " + id + ": searchable field " + s + " is not a field");
      }
    }
  }

  /** The categories of this source's fields, distinct, in field order. */
  public List<Category> categories() {
    return fields.values().stream().distinct().toList();
  }
}
