package org.firebreak.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL at random moments while it appends, many times over one log. After each kill the
 * log must reopen, verify, hold every acknowledged entry at its index, and agree with every checkpoint seen before.
 */
class CrashSafetyTest {
  private static final int ROUNDS = 12;

  @TempDir
  Path dir;

  @Test
  void aKilledWriterLosesNothingItAcknowledgedAndNeverForks() throws Exception {
    String vkey = LogDirectory.init(dir, "crash.test/log", Optional.empty());
    NoteVerifier key = NoteVerifier.parse(vkey);
    Map<Long, String> acknowledged = new HashMap<>();
    Map<Long, String> checkpoints = new HashMap<>();
    Random random = new Random(20261127L);
    long totalAcks = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Process child = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
          CrashChild.class.getName(), dir.toString(), "r" + round)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      List<String> lines = new ArrayList<>();
      Thread reader = Thread.ofPlatform().start(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String l; (l = r.readLine()) != null; ) {
            synchronized (lines) {
              lines.add(l);
            }
          }
        } catch (java.io.IOException e) {
          // the child died: what was read is what it said
        }
      });
      waitForReady(lines);
      Thread.sleep(50 + random.nextInt(400));
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join();
      for (String l : lines) {
        String[] p = l.split(" ", 3);
        if (p[0].equals("ACK")) {
          acknowledged.put(Long.parseLong(p[1]), p[2]);
          totalAcks++;
        } else if (p[0].equals("CP")) {
          checkpoints.put(Long.parseLong(p[1]), p[2]);
        }
      }

      // Reopen as the next writer would: the journal is replayed and published.
      Ledger.open(new DirectoryStorage(dir), LogDirectory.signer(dir), LedgerOptions.defaults()).close();
      DirectoryStorage storage = new DirectoryStorage(dir);
      LedgerVerifier.Result result = LedgerVerifier.verify(storage, key);
      assertThat(result.problem()).as("round " + round).isEmpty();
      LogReader log = LogReader.open(storage, key);
      for (Map.Entry<Long, String> a : acknowledged.entrySet()) {
        assertThat(a.getKey()).as("acknowledged index in round " + round).isLessThan(log.size());
        assertThat(new String(log.entry(a.getKey()), StandardCharsets.UTF_8)).as("entry " + a.getKey()).isEqualTo(a.getValue());
      }
      for (Map.Entry<Long, String> cp : checkpoints.entrySet()) {
        assertThat(Base64.getEncoder().encodeToString(log.root(cp.getKey())))
            .as("root of the published tree of " + cp.getKey() + " after round " + round).isEqualTo(cp.getValue());
      }
      storage.close();
    }
    assertThat(totalAcks).as("the child must have been killed mid-stream, with appends acknowledged").isPositive();
    assertThat(checkpoints).hasSizeGreaterThan(ROUNDS);
  }

  private static void waitForReady(List<String> lines) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      synchronized (lines) {
        if (lines.contains("READY")) {
          return;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the child did not start");
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
