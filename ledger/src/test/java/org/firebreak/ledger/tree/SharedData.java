package org.firebreak.ledger.tree;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared test vectors (/work/shared/data/tlog next to the repository) from the working directory. */
final class SharedData {
  private SharedData() {}

  /** Walks up from the working directory (ledger/ under Maven) looking for shared/data/tlog; fails if absent. */
  static Path tlog() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data/tlog");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return fail("shared test vectors not found: no shared/data/tlog in " + start + " or any parent. These tests need"
        + " the shared data folder (CI always has it; see shared/data/README.md).");
  }
}
