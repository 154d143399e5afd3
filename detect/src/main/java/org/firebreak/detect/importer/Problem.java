package org.firebreak.detect.importer;

import java.util.Objects;

/** A row (or a part of a file) an importer could not read: the file, the 1-based line (0: the whole file), why. */
public record Problem(String file, long line, String reason) {
  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, got " + line);
    }
  }

  @Override
  public String toString() {
    return (line > 0 ? file + ":" + line : file) + ": " + reason;
  }
}
