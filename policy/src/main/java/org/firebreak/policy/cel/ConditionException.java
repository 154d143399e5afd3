package org.firebreak.policy.cel;

/** A condition that does not compile: the 1-based line within the condition text, and what is wrong. */
public final class ConditionException extends Exception {
  private final int line;

  public ConditionException(int line, String message) {
    super(message);
    this.line = line;
  }

  /** 1-based line within the condition's text. */
  public int line() {
    return line;
  }
}
