package org.firebreak.core.model;

import static org.firebreak.core.model.InvalidFieldException.required;
import static org.firebreak.core.model.InvalidFieldException.requiredText;

import org.firebreak.core.vocab.ObligationType;

/** Something a release obliges the custodian or recipient to do, with the rule and law that impose it. */
public record Obligation(ObligationType type, String pack, String rule, String citation, String detail) {
  public Obligation {
    required(type, "type");
    requiredText(pack, "pack");
    requiredText(rule, "rule");
    requiredText(citation, "citation");
    required(detail, "detail");
  }
}
