package org.firebreak.policy.testing;

import java.util.List;

/** The result of one pack test: where it is and what did not hold (empty when it passed). */
public record TestOutcome(String pack, String name, String file, int line, List<String> failures) {
  public TestOutcome {
    failures = List.copyOf(failures);
  }

  public boolean passed() {
    return failures.isEmpty();
  }

  /** One line: {@code FAIL file:line pack: name: first failure; second ...}. */
  public String describe() {
    return (passed() ? "ok   " : "FAIL ") + file + ":" + line + " " + pack + ": " + name
        + (passed() ? "" : ": " + String.join("; ", failures));
  }
}
