package org.firebreak.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Decision;

/**
 * What the gateway did with one scenario request, as its HTTP answers said: the decision, the categories that left
 * per source (at the decision, and after a review when the request was held), the forbid and refer rules that
 * applied ({@code pack/rule — citation}), the receipts of the request and of its review, and the review's decision.
 */
public record Outcome(ScenarioRequest request, String id, Decision decision, String status,
    Map<String, Set<Category>> released, List<String> closingRules, List<JsonNode> receipts,
    Optional<Decision> review) {

  public Outcome {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(status, "status");
    released = Collections.unmodifiableMap(new LinkedHashMap<>(released));
    closingRules = List.copyOf(closingRules);
    receipts = List.copyOf(receipts);
    Objects.requireNonNull(review, "review");
  }

  /** True when any field left the gateway, at the decision or after review. */
  public boolean releasedAnything() {
    return released.values().stream().anyMatch(s -> !s.isEmpty());
  }

  /** True when a category the law protects from this request's recipients left the gateway. */
  public boolean releasedProtected() {
    for (Map.Entry<String, Set<Category>> e : released.entrySet()) {
      Set<Category> prot = request.label().protectedCategories().getOrDefault(e.getKey(), Set.of());
      if (e.getValue().stream().anyMatch(prot::contains)) {
        return true;
      }
    }
    return false;
  }

  /** Why a lawful request got nothing: a referral, or no case number; empty when it has no such reason. */
  public Optional<String> whyNothing() {
    if (decision == Decision.REFER) {
      return Optional.of("REFER: held for an auditor" + review.map(r -> ", who decided " + r).orElse(""));
    }
    if (request.caseNumber().isEmpty()) {
      return Optional.of("no case number: the data-sharing agreement releases criminal-case data only with one");
    }
    return Optional.empty();
  }
}
