package org.firebreak.policy.pack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.model.PackRef;
import org.firebreak.policy.pack.PackSpec.TestSpec;

/** A loaded, compiled rule pack: where it came from, its digest, its rules and tests. */
public record Pack(
    String file,
    PackRef ref,
    String title,
    Jurisdiction jurisdiction,
    List<String> sourcesOfLaw,
    List<Rule> rules,
    List<TestSpec> tests,
    Optional<JsonNode> fixtures,
    SourceMap sourceMap) {

  public Pack {
    sourcesOfLaw = List.copyOf(sourcesOfLaw);
    rules = List.copyOf(rules);
    tests = List.copyOf(tests);
  }

  /** The same pack with its rules renumbered (see {@link PackSet#of}). */
  public Pack withRules(List<Rule> renumbered) {
    return new Pack(file, ref, title, jurisdiction, sourcesOfLaw, renumbered, tests, fixtures, sourceMap);
  }

  public String id() {
    return ref.id();
  }
}
