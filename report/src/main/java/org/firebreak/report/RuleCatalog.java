package org.firebreak.report;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.firebreak.core.vocab.Effect;

/**
 * What the public entry does not say about a rule: its effect and citation. A decision entry names its rules only
 * as {@code pack/id}; the rule packs themselves (identified in the log by id, version and SHA-256 digest) say what
 * each rule does and which law it applies. The catalog is shipped in the bundle ({@code rules.json}) so that a
 * reader can check it against the packs with those digests. Empty: the rules are named without citation.
 */
public record RuleCatalog(Map<String, Rule> rules) {
  public RuleCatalog {
    rules = java.util.Collections.unmodifiableMap(new TreeMap<>(rules));
  }

  /** One rule, from the pack {@code pack} ({@code id@version}) whose file has SHA-256 digest {@code packDigest}. */
  public record Rule(Effect effect, String citation, String pack, String packDigest) {
    public Rule {
      Objects.requireNonNull(effect, "effect");
      Objects.requireNonNull(citation, "citation");
      Objects.requireNonNull(pack, "pack");
      Objects.requireNonNull(packDigest, "packDigest");
    }
  }

  public static RuleCatalog empty() {
    return new RuleCatalog(Map.of());
  }

  public Optional<Rule> rule(String qualifiedId) {
    return Optional.ofNullable(rules.get(qualifiedId));
  }

  /** Only the rules named in {@code ids}: what a bundle needs to ship. */
  public RuleCatalog only(java.util.Collection<String> ids) {
    Map<String, Rule> m = new TreeMap<>();
    for (String id : ids) {
      Rule r = rules.get(id);
      if (r != null) {
        m.put(id, r);
      }
    }
    return new RuleCatalog(m);
  }
}
