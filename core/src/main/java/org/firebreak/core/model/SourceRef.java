package org.firebreak.core.model;

import static org.firebreak.core.model.InvalidFieldException.required;
import static org.firebreak.core.model.InvalidFieldException.requiredList;
import static org.firebreak.core.model.InvalidFieldException.requiredText;

import java.util.EnumSet;
import java.util.List;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.SourceKind;

/**
 * A source named in a decision request: which system, where its data was collected, and which categories of its
 * data are asked for. Once the gateway exists these come from the source registry, never from the requester.
 */
public record SourceRef(String id, SourceKind kind, Jurisdiction jurisdiction, List<Category> categories) {
  public SourceRef {
    requiredText(id, "id");
    required(kind, "kind");
    required(jurisdiction, "jurisdiction");
    categories = requiredList(categories, "categories");
    if (categories.isEmpty()) {
      throw new InvalidFieldException("categories", "must name at least one category");
    }
    if (EnumSet.copyOf(categories).size() != categories.size()) {
      throw new InvalidFieldException("categories", "names a category twice");
    }
  }
}
