package org.firebreak.store;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.firebreak.core.model.InvalidFieldException;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.SourceKind;

/**
 * A registered source of records: what kind of system it is, where its data was collected (whose laws travel with
 * it), the agency that owns it, the data category of each field, and the fields a request may look records up by.
 * Field order is kept as given.
 */
public record Source(String id, SourceKind kind, Jurisdiction jurisdiction, String agencyId,
    Map<String, Category> fields, List<String> searchable) {

  public Source {
    Checks.id(id, "id");
    InvalidFieldException.required(kind, "kind");
    InvalidFieldException.required(jurisdiction, "jurisdiction");
    Checks.id(agencyId, "agency");
    InvalidFieldException.required(fields, "fields");
    if (fields.isEmpty()) {
      throw new InvalidFieldException("fields", "must name at least one field");
    }
    Map<String, Category> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Category> f : fields.entrySet()) {
      Checks.fieldName(f.getKey(), "fields");
      if (f.getValue() == null) {
        throw new InvalidFieldException("fields." + f.getKey(), "is required (a data category)");
      }
      copy.put(f.getKey(), f.getValue());
    }
    fields = Collections.unmodifiableMap(copy);
    searchable = InvalidFieldException.optionalList(searchable, "searchable");
    for (String s : searchable) {
      if (!copy.containsKey(s)) {
        throw new InvalidFieldException("searchable", "'" + s + "' is not one of the source's fields");
      }
    }
    if (new HashSet<>(searchable).size() != searchable.size()) {
      throw new InvalidFieldException("searchable", "names a field twice");
    }
  }

  /** The distinct categories of this source's fields, in field order. */
  public List<Category> categories() {
    return fields.values().stream().distinct().toList();
  }
}
