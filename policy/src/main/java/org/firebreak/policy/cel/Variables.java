package org.firebreak.policy.cel;

import dev.cel.runtime.CelVariableResolver;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values of a condition's variables, resolved by name. The {@code Optional}s are made once when the values are
 * set, so evaluating many conditions against one request allocates nothing per lookup (CEL would otherwise copy a
 * map for every evaluation).
 */
public final class Variables implements CelVariableResolver {
  private final Map<String, Optional<Object>> values;

  private Variables(Map<String, Optional<Object>> values) {
    this.values = values;
  }

  /** Variables from names to values; every value must be non-null. */
  public static Variables of(Map<String, Object> named) {
    Map<String, Optional<Object>> v = new HashMap<>(named.size() * 2);
    named.forEach((k, val) -> v.put(k, Optional.of(val)));
    return new Variables(v);
  }

  @Override
  public Optional<Object> find(String name) {
    Optional<Object> v = values.get(name);
    return v == null ? Optional.empty() : v;
  }
}
