package org.firebreak.policy.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Objects;

/** A compiled, type-checked CEL condition. Immutable and thread-safe; evaluating it allocates no parse state. */
public final class Condition {
  private final String text;
  private final CelRuntime.Program program;

  Condition(String text, CelRuntime.Program program) {
    this.text = Objects.requireNonNull(text);
    this.program = Objects.requireNonNull(program);
  }

  /** The condition as written in the pack. */
  public String text() {
    return text;
  }

  /** Evaluates against the variables of its context ({@link RuleLanguage.Context}). */
  public boolean test(Variables variables) throws CelEvaluationException {
    return (Boolean) program.eval(variables);
  }
}
