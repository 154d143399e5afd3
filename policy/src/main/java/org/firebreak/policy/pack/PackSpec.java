package org.firebreak.policy.pack;

import static org.firebreak.core.model.InvalidFieldException.required;
import static org.firebreak.core.model.InvalidFieldException.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.firebreak.core.model.InvalidFieldException;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Effect;
import org.firebreak.core.vocab.ObligationType;
import org.firebreak.core.vocab.SourceKind;

/** A rule pack file as written (PACKS.md § 1), before its conditions are compiled. */
public record PackSpec(
    String id,
    String title,
    String version,
    Jurisdiction jurisdiction,
    List<String> sourcesOfLaw,
    List<String> certifications,
    List<RuleSpec> rules,
    List<TestSpec> tests,
    Optional<JsonNode> fixtures) {

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final Pattern CERTIFICATION = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

  public PackSpec {
    checkId(id, "id");
    requiredText(title, "title");
    requiredText(version, "version");
    required(jurisdiction, "jurisdiction");
    sourcesOfLaw = List.copyOf(required(sourcesOfLaw, "sourcesOfLaw"));
    if (sourcesOfLaw.isEmpty()) {
      throw new InvalidFieldException("sourcesOfLaw", "must name at least one source of law");
    }
    certifications = certifications == null ? List.of() : List.copyOf(certifications);
    for (String c : certifications) {
      if (!CERTIFICATION.matcher(c).matches()) {
        throw new InvalidFieldException("certifications", "'" + c + "' is not a certification name (UPPER_SNAKE_CASE)");
      }
    }
    rules = List.copyOf(required(rules, "rules"));
    tests = tests == null ? List.of() : List.copyOf(tests);
    fixtures = fixtures == null ? Optional.empty() : fixtures;
  }

  static String checkId(String value, String field) {
    requiredText(value, field);
    if (!ID.matcher(value).matches()) {
      throw new InvalidFieldException(field, "'" + value + "' is not an id ([a-z0-9-], at most 64 characters)");
    }
    return value;
  }

  /** One rule as written. */
  public record RuleSpec(
      String id,
      String citation,
      String summary,
      Confidence confidence,
      Optional<LocalDate> effective,
      Optional<LocalDate> expires,
      List<SourceKind> kinds,
      Optional<String> scope,
      Optional<String> when,
      Effect effect,
      List<Category> categories,
      List<ObligationSpec> obligations,
      Optional<String> message) {

    public RuleSpec {
      checkId(id, "id");
      requiredText(citation, "citation");
      requiredText(summary, "summary");
      required(confidence, "confidence");
      effective = effective == null ? Optional.empty() : effective;
      expires = expires == null ? Optional.empty() : expires;
      kinds = kinds == null ? List.of() : List.copyOf(kinds);
      scope = blankToEmpty(scope);
      when = blankToEmpty(when);
      required(effect, "effect");
      categories = categories == null ? List.of() : List.copyOf(categories);
      obligations = obligations == null ? List.of() : List.copyOf(obligations);
      message = blankToEmpty(message);
      if (effect == Effect.OBLIGATE && obligations.isEmpty()) {
        throw new InvalidFieldException("obligations", "an obligate rule must name at least one obligation");
      }
      if (effect != Effect.OBLIGATE && obligations.stream().anyMatch(o -> o.upon() == Upon.REQUEST)) {
        throw new InvalidFieldException("obligations", "only an obligate rule may oblige upon the request");
      }
      if ((effect == Effect.FORBID || effect == Effect.REFER) && !obligations.isEmpty()) {
        throw new InvalidFieldException("obligations", "a " + effect + " rule releases nothing, so it obliges nothing");
      }
      if (effective.isPresent() && expires.isPresent() && !effective.get().isBefore(expires.get())) {
        throw new InvalidFieldException("expires", "must be after effective");
      }
    }

    private static Optional<String> blankToEmpty(Optional<String> s) {
      return s == null ? Optional.empty() : s.map(String::strip).filter(v -> !v.isEmpty());
    }
  }

  /** An obligation a rule imposes, and whether it arises on a release (the default) or on the request. */
  public record ObligationSpec(ObligationType type, String detail, Upon upon) {
    public ObligationSpec {
      required(type, "type");
      requiredText(detail, "detail");
      upon = upon == null ? Upon.RELEASE : upon;
    }
  }

  /** A pack test (PACKS.md § 9): a request fixture, resolved against the test fixtures, and what must follow. */
  public record TestSpec(String name, JsonNode request, Expectation expect) {
    public TestSpec {
      requiredText(name, "name");
      required(request, "request");
      required(expect, "expect");
    }
  }
}
