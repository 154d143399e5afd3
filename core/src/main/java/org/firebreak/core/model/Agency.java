package org.firebreak.core.model;

import static org.firebreak.core.model.InvalidFieldException.required;
import static org.firebreak.core.model.InvalidFieldException.requiredText;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Component;

/** An agency: who asks for data, or on whose behalf. */
public record Agency(String id, String name, AgencyLevel level, Component component, Jurisdiction jurisdiction) {
  public Agency {
    requiredText(id, "id");
    requiredText(name, "name");
    required(level, "level");
    required(component, "component");
    required(jurisdiction, "jurisdiction");
    if (component.isImmigrationAuthority() && level != AgencyLevel.FEDERAL) {
      throw new InvalidFieldException("level", "an immigration authority (" + component + ") is FEDERAL");
    }
  }

  @JsonIgnore
  public boolean isImmigrationAuthority() {
    return component.isImmigrationAuthority();
  }
}
