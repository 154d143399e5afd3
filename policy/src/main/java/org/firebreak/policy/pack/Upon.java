package org.firebreak.policy.pack;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * When an obligation arises (PACKS.md § 6): on a release (the default), or on the request itself, whatever is
 * released. Some laws oblige on the request: New York's DMV notifies the subject of every request from an
 * immigration agency, Oregon documents and reports every immigration request it declines.
 */
public enum Upon {
  RELEASE, REQUEST;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wire();
  }
}
