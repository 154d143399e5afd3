package org.firebreak.sim;

/** A resident's citizenship or immigration status: what the jail records and the AB 60 licence implies. */
public enum ImmigrationStatus {
  CITIZEN("US citizen"),
  NATURALIZED("US citizen (naturalized)"),
  PERMANENT_RESIDENT("lawful permanent resident"),
  VISA("nonimmigrant visa"),
  UNDOCUMENTED("no lawful status");

  private final String text;

  ImmigrationStatus(String text) {
    this.text = text;
  }

  /** How a record spells it. */
  public String text() {
    return text;
  }
}
