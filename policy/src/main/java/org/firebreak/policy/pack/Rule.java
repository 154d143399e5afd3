package org.firebreak.policy.pack;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Effect;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.policy.cel.Condition;
import org.firebreak.policy.pack.PackSpec.ObligationSpec;

/**
 * A compiled rule. {@code ordinal} is its position among all rules of the loaded set (pack load order, then rule
 * order): decisions list rules in that order, and the evaluator memoises {@code when} results by it.
 */
public record Rule(
    int ordinal,
    String pack,
    String id,
    String citation,
    String summary,
    Confidence confidence,
    Optional<LocalDate> effective,
    Optional<LocalDate> expires,
    Set<SourceKind> kinds,
    Optional<Condition> scope,
    Optional<Condition> when,
    Effect effect,
    Set<Category> categories,
    List<ObligationSpec> obligations,
    String message,
    int line) {

  public Rule {
    kinds = Set.copyOf(kinds);
    categories = Set.copyOf(categories);
    obligations = List.copyOf(obligations);
  }

  /** Whether the rule covers category {@code c}: no {@code categories} means every category. */
  public boolean covers(Category c) {
    return categories.isEmpty() || categories.contains(c);
  }

  /** In force at {@code t}: {@code effective <= t < expires}, days taken in UTC. */
  public boolean inForce(Instant t) {
    return inForceOn(LocalDate.ofInstant(t, ZoneOffset.UTC).toEpochDay());
  }

  /** {@link #inForce} for a UTC day given as days since 1970-01-01 (the engine computes it once per request). */
  public boolean inForceOn(long epochDay) {
    return (effective.isEmpty() || epochDay >= effective.get().toEpochDay())
        && (expires.isEmpty() || epochDay < expires.get().toEpochDay());
  }

  /** This rule at another position in a set of packs. */
  public Rule withOrdinal(int n) {
    return new Rule(n, pack, id, citation, summary, confidence, effective, expires, kinds, scope, when, effect,
        categories, obligations, message, line);
  }

  /** {@code pack/id}, the rule's name across packs. */
  public String qualifiedId() {
    return pack + "/" + id;
  }
}
