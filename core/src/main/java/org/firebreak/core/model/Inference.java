package org.firebreak.core.model;

import static org.firebreak.core.model.InvalidFieldException.required;
import static org.firebreak.core.model.InvalidFieldException.requiredText;

import org.firebreak.core.vocab.Purpose;

/** A purpose the evaluator added to the declared one, and the fact it follows from. */
public record Inference(Purpose purpose, String because) {
  public Inference {
    required(purpose, "purpose");
    requiredText(because, "because");
  }
}
