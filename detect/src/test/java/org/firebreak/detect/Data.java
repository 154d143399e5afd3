package org.firebreak.detect;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real data (../shared/data/flock/, see its README); CI always has it. */
final class Data {
  private Data() {
  }

  static Path flock(String name) {
    Path p = Path.of("..", "..", "shared", "data", "flock", name);
    assumeTrue(Files.exists(p), "shared data folder absent: " + p.toAbsolutePath().normalize());
    return p;
  }
}
