package org.firebreak.core.vocab;

import com.fasterxml.jackson.annotation.JsonValue;

/** A federal task force a requester sits on. {@code 287G} is a 287(g) agreement (8 U.S.C. 1357(g)). */
public enum TaskForce {
  JTTF("JTTF", false), 
  HSI_TASK_FORCE("HSI_TASK_FORCE", true), 
  G287("287G", true), 
  DEA_TASK_FORCE("DEA_TASK_FORCE", false), 
  USMS_TASK_FORCE("USMS_TASK_FORCE", false), 
  HIDTA("HIDTA", false), 
  OTHER("OTHER", false);

  private final String wire;
  private final boolean immigration;

  TaskForce(String wire, boolean immigration) {
    this.wire = wire;
    this.immigration = immigration;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** A task force whose work includes immigration enforcement (287(g), HSI task forces). */
  public boolean isImmigration() {
    return immigration;
  }

  @Override
  public String toString() {
    return wire;
  }
}
