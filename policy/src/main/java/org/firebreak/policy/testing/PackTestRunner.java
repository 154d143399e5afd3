package org.firebreak.policy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.firebreak.core.error.FirebreakException;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.error.InvalidPackException;
import org.firebreak.core.json.StrictJson;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.core.model.SourceDecision;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.ObligationType;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.policy.PackLibrary;
import org.firebreak.policy.PolicyEngine;
import org.firebreak.policy.pack.Expectation;
import org.firebreak.policy.pack.Expectation.SourceExpectation;
import org.firebreak.policy.pack.Pack;
import org.firebreak.policy.pack.PackLoader;
import org.firebreak.policy.pack.PackSpec.TestSpec;
import org.firebreak.policy.pack.Rule;
import org.firebreak.policy.pack.SourceMap;

/**
 * Runs the tests written in packs (PACKS.md § 9) against the engine over the whole set loaded together, like
 * {@code opa test}. A test whose request or fixtures do not bind is refused like a bad pack, with file and line.
 */
public final class PackTestRunner {
  /** The request time a test gets when it gives none. */
  public static final String DEFAULT_TIME = "2026-11-20T10:00:00Z";
  private static final String DEFAULT_REQUESTER = "test-requester";

  private final PolicyEngine engine;
  private final StrictJson json;
  private final Fixtures shared;

  public PackTestRunner(PolicyEngine engine, StrictJson json, Optional<PackLibrary.Fixture> fixtures,
      PackLoader loader) {
    this.engine = engine;
    this.json = json;
    this.shared = fixtures.map(f -> Fixtures.empty().with(loader.parseYaml(f.file(), f.text()), f.file(),
        SourceMap.of(f.text()), "$", json)).orElse(Fixtures.empty());
  }

  /** Runs every test of every pack of the engine's set, in pack order. */
  public List<TestOutcome> runAll() {
    List<TestOutcome> out = new ArrayList<>();
    for (Pack p : engine.packs().packs()) {
      out.addAll(run(p));
    }
    return out;
  }

  public List<TestOutcome> run(Pack pack) {
    Fixtures fixtures = pack.fixtures()
        .map(f -> shared.with(f, pack.file(), pack.sourceMap(), "$.fixtures", json))
        .orElse(shared);
    List<TestOutcome> out = new ArrayList<>();
    for (int i = 0; i < pack.tests().size(); i++) {
      TestSpec t = pack.tests().get(i);
      String path = "$.tests[" + i + "]";
      int line = pack.sourceMap().lineOf(path);
      DecisionRequest request = request(pack, path + ".request", t.request(), fixtures);
      List<String> unknown = unknownRules(pack, t.expect());
      if (!unknown.isEmpty()) {
        throw new InvalidPackException(pack.file(), pack.sourceMap().lineOf(path + ".expect"),
            "test '" + t.name() + "' names rules that are not loaded: " + String.join(", ", unknown));
      }
      List<String> failures;
      try {
        failures = check(pack, engine.decide(request), t.expect());
      } catch (FirebreakException e) {
        failures = List.of("evaluation failed: " + e.getMessage());
      }
      out.add(new TestOutcome(pack.id(), t.name(), pack.file(), line, failures));
    }
    return out;
  }

  private DecisionRequest request(Pack pack, String path, JsonNode node, Fixtures fixtures) {
    if (!node.isObject()) {
      throw new InvalidPackException(pack.file(), pack.sourceMap().lineOf(path), path + ": expected an object");
    }
    ObjectNode r = ((ObjectNode) node).deepCopy();
    if (r.get("requester") instanceof ObjectNode req) {
      if (!req.has("id")) {
        req.put("id", DEFAULT_REQUESTER);
      }
      resolveAgency(pack, path + ".requester.agency", req, "agency", fixtures);
    }
    resolveAgency(pack, path + ".onBehalfOf", r, "onBehalfOf", fixtures);
    if (r.get("sources") instanceof ArrayNode sources) {
      for (int i = 0; i < sources.size(); i++) {
        JsonNode s = sources.get(i);
        String p = path + ".sources[" + i + "]";
        if (s.isTextual()) {
          sources.set(i, fixture(pack, p, fixtures.source(s.asText()), "source", s.asText()));
        } else if (s instanceof ObjectNode o && o.has("use")) {
          ObjectNode base = fixture(pack, p + ".use", fixtures.source(o.get("use").asText()), "source",
              o.get("use").asText());
          o.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("use")) {
              base.set(e.getKey(), e.getValue());
            }
          });
          sources.set(i, base);
        }
      }
    }
    if (!r.has("time")) {
      r.put("time", DEFAULT_TIME);
    }
    try {
      return json.bind(r, DecisionRequest.class, pack.file());
    } catch (InvalidInputException e) {
      String full = path + e.path().substring(1);
      throw new InvalidPackException(pack.file(), pack.sourceMap().lineOf(full), full + ": " + e.reason(), e);
    }
  }

  private static void resolveAgency(Pack pack, String path, ObjectNode holder, String field, Fixtures fixtures) {
    JsonNode a = holder.get(field);
    if (a != null && a.isTextual()) {
      holder.set(field, fixture(pack, path, fixtures.agency(a.asText()), "agency", a.asText()));
    }
  }

  private static ObjectNode fixture(Pack pack, String path, Optional<ObjectNode> found, String what, String id) {
    return found.orElseThrow(() -> new InvalidPackException(pack.file(), pack.sourceMap().lineOf(path),
        path + ": no " + what + " fixture '" + id + "'"));
  }

  private List<String> unknownRules(Pack pack, Expectation e) {
    Set<String> loaded = engine.packs().rules().stream().map(Rule::qualifiedId).collect(Collectors.toSet());
    List<String> unknown = new ArrayList<>();
    for (String r : concat(e.rules(), e.absentRules())) {
      if (!loaded.contains(qualify(pack, r))) {
        unknown.add(r);
      }
    }
    return unknown;
  }

  private static List<String> check(Pack pack, DecisionResult d, Expectation e) {
    List<String> f = new ArrayList<>();
    if (d.decision() != e.decision()) {
      f.add("decision is " + d.decision() + ", expected " + e.decision());
    }
    for (Map.Entry<String, SourceExpectation> se : e.sources().entrySet()) {
      Optional<SourceDecision> sd = d.sources().stream().filter(s -> s.source().equals(se.getKey())).findFirst();
      if (sd.isEmpty()) {
        f.add("no decision for source " + se.getKey());
        continue;
      }
      SourceExpectation x = se.getValue();
      SourceDecision s = sd.get();
      x.decision().filter(v -> v != s.decision()).ifPresent(v ->
          f.add(se.getKey() + " decision is " + s.decision() + ", expected " + v));
      compare(f, se.getKey() + " released", s.released(), x.released());
      compare(f, se.getKey() + " withheld", s.withheld(), x.withheld());
      compare(f, se.getKey() + " referred", s.referred(), x.referred());
    }
    Set<String> fired = new HashSet<>();
    Set<ObligationType> obligations = EnumSet.noneOf(ObligationType.class);
    for (SourceDecision s : d.sources()) {
      s.rules().forEach(r -> fired.add(r.pack() + "/" + r.id()));
      s.obligations().forEach(o -> obligations.add(o.type()));
    }
    for (String r : e.rules()) {
      if (!fired.contains(qualify(pack, r))) {
        f.add("rule " + r + " did not apply (applied: " + (fired.isEmpty() ? "none" : String.join(", ", fired)) + ")");
      }
    }
    for (String r : e.absentRules()) {
      if (fired.contains(qualify(pack, r))) {
        f.add("rule " + r + " applied, expected it not to");
      }
    }
    for (ObligationType o : e.obligations()) {
      if (!obligations.contains(o)) {
        f.add("obligation " + o + " missing (got " + obligations + ")");
      }
    }
    for (ObligationType o : e.absentObligations()) {
      if (obligations.contains(o)) {
        f.add("obligation " + o + " present, expected it not to be");
      }
    }
    for (Purpose p : e.effectivePurposes()) {
      if (!d.effectivePurposes().contains(p)) {
        f.add("effective purposes " + d.effectivePurposes() + " lack " + p);
      }
    }
    return f;
  }

  private static void compare(List<String> f, String what, List<Category> got, Optional<List<Category>> want) {
    want.ifPresent(w -> {
      if (!asSet(got).equals(asSet(w))) {
        f.add(what + " " + got + ", expected " + w);
      }
    });
  }

  private static Set<Category> asSet(List<Category> l) {
    EnumSet<Category> s = EnumSet.noneOf(Category.class);
    s.addAll(l);
    return s;
  }

  /** {@code pack/id} for a name written as {@code id} (this pack) or {@code pack/id}. */
  public static String qualify(Pack pack, String rule) {
    return rule.contains("/") ? rule : pack.id() + "/" + rule;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
