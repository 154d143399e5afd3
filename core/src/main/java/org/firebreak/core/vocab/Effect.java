package org.firebreak.core.vocab;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a rule does when it applies. Rule packs and decisions write these in lower case. */
public enum Effect {
  PERMIT, FORBID, REFER, OBLIGATE;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wire();
  }
}
