package org.firebreak.policy.pack;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How firmly the legal research behind a rule is established (legal-landscape.md's markings). */
public enum Confidence {
  CONFIRMED, PARTIAL;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wire();
  }
}
