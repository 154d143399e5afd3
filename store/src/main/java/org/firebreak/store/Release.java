package org.firebreak.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.firebreak.core.model.InvalidFieldException;

/** The fields of one record that a request released: only those the decision permitted. */
public record Release(String requestId, String sourceId, String recordId, Map<String, String> fields) {
  public Release {
    Checks.id(requestId, "request");
    Checks.id(sourceId, "source");
    Checks.id(recordId, "record");
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
