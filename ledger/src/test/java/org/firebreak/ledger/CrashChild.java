package org.firebreak.ledger;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: appends unique entries from several threads as fast as it can and
 * reports each acknowledgement ("ACK index entry") and each checkpoint it sees ("CP size root"), until it is killed.
 */
public final class CrashChild {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String tag = args[1];
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    Ledger ledger = LogDirectory.open(dir, new LedgerOptions(64, Duration.ofMillis(1), Duration.ZERO));
    out.println("READY");
    out.flush();
    Semaphore window = new Semaphore(256);
    for (int t = 0; t < 4; t++) {
      int thread = t;
      Thread.ofPlatform().start(() -> {
        for (long i = 0; ; i++) {
          String entry = tag + "-" + thread + "-" + i;
          try {
            window.acquire();
          } catch (InterruptedException e) {
            return;
          }
          ledger.append(entry.getBytes(StandardCharsets.UTF_8)).whenComplete((index, err) -> {
            window.release();
            if (err == null) {
              synchronized (out) {
                out.println("ACK " + index + " " + entry);
                out.flush();
              }
            }
          });
        }
      });
    }
    long lastSize = -1;
    while (true) {
      SignedCheckpoint cp = ledger.checkpoint();
      if (cp.checkpoint().size() != lastSize) {
        lastSize = cp.checkpoint().size();
        synchronized (out) {
          out.println("CP " + lastSize + " " + Base64.getEncoder().encodeToString(cp.checkpoint().root()));
          out.flush();
        }
      }
      Thread.sleep(2);
    }
  }
}
