package org.firebreak.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One record of a source: its id and field values, in the source's field order. */
public record SimRecord(String id, Map<String, String> fields) {
  public SimRecord {
    Objects.requireNonNull(id, "id");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
