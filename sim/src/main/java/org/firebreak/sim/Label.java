package org.firebreak.sim;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.firebreak.core.vocab.Category;

/**
 * The ground truth of one request, from {@link Law}: lawful or not; for an unlawful one, the side door it tries and,
 * per source, the categories the law protects from this recipient (a release of any of them is an unlawful release);
 * the statutes applied; and whether an auditor must look first (a lawful request the law lets through only on a
 * condition the request cannot prove).
 */
public record Label(boolean lawful, Optional<SideDoor> sideDoor, Map<String, Set<Category>> protectedCategories,
    List<String> statutes, boolean needsReview) {

  public Label {
    Objects.requireNonNull(sideDoor, "sideDoor");
    protectedCategories = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(protectedCategories));
    statutes = List.copyOf(statutes);
    if (lawful && sideDoor.isPresent()) {
      throw new IllegalArgumentException("a lawful request tries no side door");
    }
    if (lawful != protectedCategories.values().stream().allMatch(Set::isEmpty)) {
      throw new IllegalArgumentException("a request is unlawful exactly when the law protects something it asks for");
    }
  }
}
