package org.firebreak.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's write-ahead log is copied into the database file by the store's own thread, not inside a commit. */
class WalCheckpointTest {
  @TempDir Path dir;

  @Test
  void committedPagesReachTheDatabaseFileWithoutACheckpointInAnyCommit() throws Exception {
    Path file = dir.resolve("wal.db");
    try (Store store = Store.open("jdbc:sqlite:" + file)) {
      long before = Files.size(file);
      // About 120 pages of 4 KiB: fewer than SQLite's default auto-checkpoint (1,000), and the store's connections
      // have it off. Only the background checkpoint can move them into the database file.
      String value = "x".repeat(4_000);
      for (int i = 0; i < 120; i++) {
        store.settings().put("k" + i, value);
      }
      assertThat(Files.size(dir.resolve("wal.db-wal"))).isGreaterThan(100L * 4096);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (Files.size(file) <= before + 100L * 4096 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Files.size(file)).isGreaterThan(before + 100L * 4096);
      assertThat(store.settings().get("k119")).contains(value);
    }
  }
}
