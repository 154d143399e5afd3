package org.firebreak.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.firebreak.core.model.InvalidFieldException;

/** One record of a source: its id within the source and its field values. Field order is kept as given. */
public record StoredRecord(String sourceId, String id, Map<String, String> fields) {
  public StoredRecord {
    Checks.id(sourceId, "source");
    Checks.id(id, "id");
    InvalidFieldException.required(fields, "fields");
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      Checks.fieldName(f.getKey(), "fields");
      Checks.text(f.getValue(), "fields." + f.getKey());
      copy.put(f.getKey(), f.getValue());
    }
    fields = Collections.unmodifiableMap(copy);
  }
}
