package org.firebreak.core.vocab;

/** Agency {@code level} (DESIGN.md vocabulary). */
public enum AgencyLevel {
  FEDERAL, STATE, LOCAL, TRIBAL;
}
