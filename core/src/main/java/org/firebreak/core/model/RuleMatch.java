package org.firebreak.core.model;

import static org.firebreak.core.model.InvalidFieldException.required;
import static org.firebreak.core.model.InvalidFieldException.requiredText;

import org.firebreak.core.vocab.Effect;

/** A rule that applied to a source, with the law it applies. */
public record RuleMatch(String pack, String id, Effect effect, String citation, String message) {
  public RuleMatch {
    requiredText(pack, "pack");
    requiredText(id, "id");
    required(effect, "effect");
    requiredText(citation, "citation");
    required(message, "message");
  }
}
