package org.firebreak.policy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.error.InvalidPackException;
import org.firebreak.core.json.StrictJson;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.SourceRef;
import org.firebreak.policy.pack.SourceMap;

/** Agencies and sources by id, for pack tests (PACKS.md § 9). Each is validated when it is read. */
public final class Fixtures {
  private final Map<String, JsonNode> agencies;
  private final Map<String, JsonNode> sources;

  private Fixtures(Map<String, JsonNode> agencies, Map<String, JsonNode> sources) {
    this.agencies = Map.copyOf(agencies);
    this.sources = Map.copyOf(sources);
  }

  public static Fixtures empty() {
    return new Fixtures(Map.of(), Map.of());
  }

  /**
   * Reads the {@code agencies:} and {@code sources:} maps of {@code tree} (a fixtures file, or a pack's
   * {@code fixtures:} at {@code basePath}) on top of this set.
   */
  public Fixtures with(JsonNode tree, String file, SourceMap map, String basePath, StrictJson json) {
    Map<String, JsonNode> a = new HashMap<>(agencies);
    Map<String, JsonNode> s = new HashMap<>(sources);
    for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("agencies") && !key.equals("sources")) {
        throw new InvalidPackException(file, map.lineOf(basePath + "." + key),
            basePath + "." + key + ": unknown field '" + key + "' (fixtures have agencies and sources)");
      }
    }
    read(tree.path("agencies"), Agency.class, file, map, basePath + ".agencies", json, a);
    read(tree.path("sources"), SourceRef.class, file, map, basePath + ".sources", json, s);
    return new Fixtures(a, s);
  }

  private static void read(JsonNode node, Class<?> type, String file, SourceMap map, String path, StrictJson json,
      Map<String, JsonNode> into) {
    if (node.isMissingNode()) {
      return;
    }
    if (!node.isObject()) {
      throw new InvalidPackException(file, map.lineOf(path), path + ": expected a map of id -> object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = path + "." + e.getKey();
      try {
        json.bind(e.getValue(), type, file);
      } catch (InvalidInputException x) {
        String full = p + x.path().substring(1);
        throw new InvalidPackException(file, map.lineOf(full), full + ": " + x.reason(), x);
      }
      into.put(e.getKey(), e.getValue());
    }
  }

  Optional<ObjectNode> agency(String id) {
    return Optional.ofNullable(agencies.get(id)).map(n -> (ObjectNode) n.deepCopy());
  }

  Optional<ObjectNode> source(String id) {
    return Optional.ofNullable(sources.get(id)).map(n -> (ObjectNode) n.deepCopy());
  }
}
