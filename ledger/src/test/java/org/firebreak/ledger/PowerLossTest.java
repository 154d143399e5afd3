package org.firebreak.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.firebreak.ledger.storage.LedgerStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tiles are written without an fsync each and synced at sync points; a power cut loses what the page cache held.
 * A SIGKILL cannot show that (the kernel keeps the page cache), so this test cuts the power itself: the storage
 * stops taking operations at a random moment, and every file written since its last sync is then deleted, emptied,
 * zeroed, cut short or put back to its last synced bytes. The log must reopen, rebuild what it lost from the
 * journal, verify, hold every acknowledged entry and agree with every checkpoint published before.
 */
class PowerLossTest {
  private static final int ROUNDS = 25;

  @TempDir
  Path dir;

  @Test
  void aPowerCutLosesNoAcknowledgedEntryAndNoPublishedCheckpoint() throws Exception {
    NoteVerifier key = NoteVerifier.parse(LogDirectory.init(dir, "power.test/log", Optional.empty()));
    Map<Long, String> acknowledged = new ConcurrentHashMap<>();
    Map<Long, String> checkpoints = new HashMap<>();
    Random random = new Random(20261127L);
    long rebuilt = 0;
    for (int round = 0; round < ROUNDS; round++) {
      PowerCut storage = new PowerCut(new DirectoryStorage(dir), random.nextLong());
      // A short sync interval in some rounds, a long one in others: cuts land before, during and after sync points.
      Duration sync = Duration.ofMillis(random.nextBoolean() ? 5 : 200);
      Ledger ledger = Ledger.open(storage, LogDirectory.signer(dir), new LedgerOptions(32, Duration.ofMillis(1),
          Duration.ZERO, sync));
      String tag = "r" + round;
      List<Thread> appenders = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int thread = t;
        appenders.add(Thread.ofPlatform().start(() -> {
          for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
            String entry = tag + "-" + thread + "-" + i;
            try {
              long index = ledger.append(entry.getBytes(StandardCharsets.UTF_8)).get();
              acknowledged.put(index, entry);
            } catch (Exception e) {
              return; // the power is off
            }
          }
        }));
      }
      long until = System.nanoTime() + Duration.ofMillis(30 + random.nextInt(300)).toNanos();
      while (System.nanoTime() < until) {
        SignedCheckpoint cp = ledger.checkpoint();
        checkpoints.put(cp.checkpoint().size(), Base64.getEncoder().encodeToString(cp.checkpoint().root()));
        Thread.sleep(1);
      }
      rebuilt += storage.cut();
      for (Thread t : appenders) {
        t.interrupt();
        t.join();
      }
      try {
        ledger.close();
      } catch (IOException expected) {
        // the log failed when the power went: that is the point
      }

      Ledger.open(new DirectoryStorage(dir), LogDirectory.signer(dir), LedgerOptions.defaults()).close();
      DirectoryStorage reopened = new DirectoryStorage(dir);
      assertThat(LedgerVerifier.verify(reopened, key).problem()).as("round " + round).isEmpty();
      LogReader log = LogReader.open(reopened, key);
      for (Map.Entry<Long, String> a : acknowledged.entrySet()) {
        assertThat(a.getKey()).as("acknowledged index, round " + round).isLessThan(log.size());
        assertThat(new String(log.entry(a.getKey()), StandardCharsets.UTF_8)).as("entry " + a.getKey())
            .isEqualTo(a.getValue());
      }
      for (Map.Entry<Long, String> cp : checkpoints.entrySet()) {
        assertThat(Base64.getEncoder().encodeToString(log.root(cp.getKey())))
            .as("root of the published tree of " + cp.getKey() + " after round " + round).isEqualTo(cp.getValue());
      }
      reopened.close();
    }
    assertThat(acknowledged).hasSizeGreaterThan(ROUNDS * 10);
    assertThat(rebuilt).as("files lost to the cuts, which the journal had to rebuild").isPositive();
  }

  /**
   * A storage whose power can be cut: after {@link #cut}, every operation fails, and each file written since it was
   * last synced is damaged the ways a lost page cache can leave it.
   */
  private static final class PowerCut implements LedgerStorage {
    private final DirectoryStorage disk;
    private final Random random;
    private final ReentrantReadWriteLock power = new ReentrantReadWriteLock();
    private boolean off;
    private final Map<String, Optional<byte[]>> unsynced = new ConcurrentHashMap<>(); // path -> last synced bytes
    // Node indexes live in one pack file per level (ledger/README.md): what lies past its synced length may be lost.
    private final Map<String, Long> unsyncedPacks = new ConcurrentHashMap<>(); // pack -> length at its last sync

    PowerCut(DirectoryStorage disk, long seed) {
      this.disk = disk;
      this.random = new Random(seed);
    }

    /** Cuts the power; returns how many files it damaged. */
    int cut() throws IOException {
      power.writeLock().lock(); // waits for the operations under way: each is before the cut or after it
      try {
        off = true;
        for (Map.Entry<String, Optional<byte[]>> f : unsynced.entrySet()) {
          Path p = disk.root().resolve(f.getKey());
          switch (random.nextInt(5)) {
            case 0 -> Files.deleteIfExists(p);
            case 1 -> Files.write(p, new byte[0]);
            case 2 -> Files.write(p, new byte[(int) Math.max(1, Files.exists(p) ? Files.size(p) : 32)]);
            case 3 -> {
              if (Files.exists(p) && Files.size(p) > 1) {
                Files.write(p, java.util.Arrays.copyOf(Files.readAllBytes(p), (int) Files.size(p) / 2));
              }
            }
            default -> {
              if (f.getValue().isPresent()) {
                Files.write(p, f.getValue().get());
              } else {
                Files.deleteIfExists(p);
              }
            }
          }
        }
        for (Map.Entry<String, Long> pack : unsyncedPacks.entrySet()) {
          Path p = disk.root().resolve(pack.getKey());
          long synced = pack.getValue();
          long length = Files.size(p);
          switch (random.nextInt(3)) {
            case 0 -> {
              try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(synced);
              }
            }
            case 1 -> {
              try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.allocate((int) (length - synced)), synced); // zeros
              }
            }
            default -> { } // written back in time
          }
        }
        return unsynced.size() + unsyncedPacks.size();
      } finally {
        power.writeLock().unlock();
      }
    }

    private interface Op<T> {
      T run() throws IOException;
    }

    private <T> T on(Op<T> op) throws IOException {
      power.readLock().lock();
      try {
        if (off) {
          throw new IOException("the power is off");
        }
        return op.run();
      } finally {
        power.readLock().unlock();
      }
    }

    private static String packOf(String nodesPath) {
      return "nodes/" + nodesPath.split("/")[1] + ".pack";
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
      return on(() -> disk.read(path));
    }

    @Override
    public void write(Map<String, byte[]> files) throws IOException {
      on(() -> {
        disk.write(files);
        files.keySet().forEach(unsynced::remove);
        files.keySet().stream().filter(p -> p.startsWith("nodes/")).map(PowerCut::packOf)
            .forEach(unsyncedPacks::remove);
        return null;
      });
    }

    @Override
    public void writeUnsynced(Map<String, byte[]> files) throws IOException {
      on(() -> {
        for (String path : files.keySet()) {
          if (path.startsWith("nodes/")) {
            String pack = packOf(path);
            Path p = disk.root().resolve(pack);
            unsyncedPacks.putIfAbsent(pack, Files.exists(p) ? Files.size(p) : 0L);
          } else if (!unsynced.containsKey(path)) {
            unsynced.put(path, disk.read(path)); // what the disk holds durably until the next sync
          }
        }
        disk.writeUnsynced(files);
        return null;
      });
    }

    @Override
    public void sync(Collection<String> paths) throws IOException {
      on(() -> {
        disk.sync(paths);
        paths.forEach(unsynced::remove);
        paths.stream().filter(p -> p.startsWith("nodes/")).map(PowerCut::packOf).forEach(unsyncedPacks::remove);
        return null;
      });
    }

    @Override
    public void delete(Collection<String> paths) throws IOException {
      on(() -> {
        disk.delete(paths);
        paths.forEach(unsynced::remove);
        return null;
      });
    }

    @Override
    public void journal(long first, List<byte[]> entries) throws IOException {
      on(() -> {
        disk.journal(first, entries);
        return null;
      });
    }

    @Override
    public List<byte[]> replay(long from) throws IOException {
      return on(() -> disk.replay(from));
    }

    @Override
    public void trim(long size) throws IOException {
      on(() -> {
        disk.trim(size);
        return null;
      });
    }

    @Override
    public void close() throws IOException {
      disk.close();
    }
  }
}
