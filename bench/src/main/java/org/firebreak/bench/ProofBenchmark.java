package org.firebreak.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerOptions;
import org.firebreak.ledger.LedgerVerifier;
import org.firebreak.ledger.LogDirectory;
import org.firebreak.ledger.LogReader;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.firebreak.ledger.tiles.TileHashes;
import org.firebreak.ledger.tiles.TileId;
import org.firebreak.ledger.tree.HashReader;
import org.firebreak.ledger.tree.Hashes;
import org.firebreak.ledger.tree.Proofs;

/**
 * Inclusion- and consistency-proof generation and verification on a 10-million-entry log on disk.
 *
 * <p>The log is {@code --dir} (default {@code bench/target/ledger-10m}). If it already holds a log whose
 * checkpoint verifies with the key in its {@code ledger.properties}, has {@code --size} entries, and whose tiles
 * hash to the checkpoint's root, it is reused; otherwise it is (re)built through {@link Ledger} by
 * {@code --appenders} pipelined appenders ({@code --inflight} appends outstanding each) of 32-byte entries, which
 * measures sustained throughput: acknowledged (durable in the journal) and published (tiles, bundles, checkpoint).
 *
 * <p>Then, over {@code --samples} random indexes (and random old sizes for consistency, to the full size): proof
 * generation with one reused {@link LogReader} ("warm": its 256-tile cache keeps the upper tile levels) and with a
 * fresh {@link LogReader#open} per proof ("cold": empty tile cache; the open itself is timed apart), and
 * verification with {@link Proofs}. Peers measured in the same run: one {@link Hashes#nodeHash} and one read of a
 * full tile file, the two things a proof from tiles is made of. Medians are exact (every sample kept).
 *
 * <pre>java -cp bench/target/benchmarks.jar org.firebreak.bench.ProofBenchmark [--dir bench/target/ledger-10m]
 *     [--size 10000000] [--samples 100000] [--cold-samples 20000] [--appenders 64] [--inflight 256]
 *     [--batch 4096] [--delay-ms 1] [--full-verify false]</pre>
 */
public final class ProofBenchmark {
  private static final String ORIGIN = "bench.firebreak.example/ledger-10m";

  private ProofBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = LedgerLoad.Args.parse(args);
    Path dir = Path.of(a.getOrDefault("dir", "bench/target/ledger-10m")).toAbsolutePath();
    long size = Long.parseLong(a.getOrDefault("size", "10000000"));
    int samples = LedgerLoad.Args.integer(a, "samples", 100_000);
    int coldSamples = LedgerLoad.Args.integer(a, "cold-samples", 20_000);
    Files.createDirectories(dir.getParent());
    System.out.println(Machine.describe(dir.getParent()));

    if (!reusable(dir, size, Boolean.parseBoolean(a.getOrDefault("full-verify", "false")))) {
      build(dir, size, LedgerLoad.Args.integer(a, "appenders", 64), LedgerLoad.Args.integer(a, "inflight", 256),
          LedgerLoad.Args.integer(a, "batch", 4096), LedgerLoad.Args.integer(a, "delay-ms", 1));
    }
    measure(dir, samples, coldSamples);
  }

  // ---- the log

  /** Whether {@code dir} holds a log of {@code size} entries whose checkpoint verifies and matches its tiles. */
  private static boolean reusable(Path dir, long size, boolean fullVerify) throws IOException {
    if (!Files.exists(dir.resolve(Ledger.CHECKPOINT)) || !Files.exists(dir.resolve(LogDirectory.PROPERTIES))) {
      System.out.println("no log in " + dir + ": building it");
      return false;
    }
    long t0 = System.nanoTime();
    try (DirectoryStorage storage = new DirectoryStorage(dir)) {
      NoteVerifier key = LogDirectory.signer(dir).verifier();
      LogReader reader = LogReader.open(storage, key); // checks the checkpoint's signature
      if (reader.size() != size) {
        System.out.printf("%s holds %,d entries, not %,d: rebuilding%n", dir, reader.size(), size);
        return false;
      }
      if (!Arrays.equals(reader.root(size), reader.checkpoint().checkpoint().root())) {
        System.out.println(dir + ": the tiles do not hash to the checkpoint's root: rebuilding");
        return false;
      }
      String how = "checkpoint signature verified, tiles hash to its root";
      if (fullVerify) {
        LedgerVerifier.Result r = LedgerVerifier.verify(storage, key);
        if (!r.ok()) {
          System.out.println(dir + ": " + r.problem().orElseThrow() + ": rebuilding");
          return false;
        }
        how += ", every bundle and tile recomputed (LedgerVerifier)";
      }
      System.out.printf("reusing %s: %,d entries (%s, %.1f s)%n%n", dir, size, how, (System.nanoTime() - t0) / 1e9);
      return true;
    } catch (RuntimeException e) {
      System.out.println(dir + ": " + e.getMessage() + ": rebuilding");
      return false;
    }
  }

  private static void build(Path dir, long size, int appenders, int inflight, int maxBatch, int delayMs)
      throws Exception {
    LedgerLoad.deleteTree(dir);
    LogDirectory.init(dir, ORIGIN, Optional.empty());
    CountingStorage storage = new CountingStorage(new DirectoryStorage(dir));
    LedgerOptions options = new LedgerOptions(maxBatch, Duration.ofMillis(delayMs), Duration.ofSeconds(1));
    System.out.printf("building %s: %,d entries of 32 bytes, %d pipelined appenders x %d in flight, maxBatch %d, "
        + "maxDelay %d ms, checkpoint interval 1 s%n", dir, size, appenders, inflight, maxBatch, delayMs);
    Ledger ledger = Ledger.open(storage, LogDirectory.signer(dir), options);
    AtomicLong tickets = new AtomicLong();
    LongAdder acked = new LongAdder();
    LongAdder failed = new LongAdder();
    List<Thread> threads = new ArrayList<>();
    List<Semaphore> permits = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int t = 0; t < appenders; t++) {
        Semaphore sem = new Semaphore(inflight);
        permits.add(sem);
        int id = t;
        threads.add(Thread.ofPlatform().name("appender-" + t).daemon().start(() -> {
          byte[] entry = new byte[32];
          ByteBuffer b = ByteBuffer.wrap(entry);
          b.putInt(8, id);
          long seq;
          try {
            while ((seq = tickets.getAndIncrement()) < size) {
              b.putLong(0, seq); // ticket number: distinct entries (indexes follow arrival, not tickets)
              sem.acquire();
              ledger.append(entry).whenComplete((i, e) -> {
                if (e == null) {
                  acked.increment();
                } else {
                  failed.increment();
                }
                sem.release();
              });
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }));
      }
      long lastPrint = start;
      while (acked.sum() + failed.sum() < size) {
        Thread.sleep(200);
        if (System.nanoTime() - lastPrint > 10_000_000_000L) {
          lastPrint = System.nanoTime();
          System.out.printf("  %5.0f s: %,d acknowledged, %,d published%n", (lastPrint - start) / 1e9, acked.sum(),
              ledger.checkpoint().checkpoint().size());
        }
      }
      long ackedAt = System.nanoTime();
      if (failed.sum() > 0) {
        throw new IllegalStateException(failed.sum() + " appends failed");
      }
      CountingStorage.Snapshot atAck = storage.snapshot();
      long publishedAtAck = ledger.checkpoint().checkpoint().size();
      ledger.checkpointCovering(size).get(30, TimeUnit.MINUTES);
      long publishedAt = System.nanoTime();
      CountingStorage.Snapshot all = storage.snapshot();
      double ackS = (ackedAt - start) / 1e9;
      double pubS = (publishedAt - start) / 1e9;
      System.out.printf("durable (acknowledged): %,d entries in %.1f s = %,.0f entries/s; %,d journal batches, "
              + "mean %,.0f entries, %.2f ms per journal write+fsync%n", size, ackS, size / ackS,
          atAck.journalBatches(), (double) atAck.journalEntries() / atAck.journalBatches(),
          atAck.journalNanos() / 1e6 / atAck.journalBatches());
      System.out.printf("published (tiles, bundles, signed checkpoint): %,d of them when the last ack came; all "
              + "%,d after %.1f s = %,.0f entries/s; %,d files written (synced in the background at sync points), %.1f s in storage.write%n",
          publishedAtAck, size, pubS, size / pubS, all.writeFiles(), all.writeNanos() / 1e9);
    } finally {
      ledger.close();
    }
    for (Thread t : threads) {
      t.join();
    }
    System.out.println();
  }

  // ---- proofs

  private static void measure(Path dir, int samples, int coldSamples) throws Exception {
    NoteVerifier key = LogDirectory.signer(dir).verifier();
    CountingStorage storage = new CountingStorage(new DirectoryStorage(dir));
    LogReader warm = LogReader.open(storage, key);
    long size = warm.size();
    byte[] root = warm.checkpoint().checkpoint().root();
    SplittableRandom rnd = new SplittableRandom(42);
    long[] index = new long[samples];
    long[] old = new long[samples];
    for (int i = 0; i < samples; i++) {
      index[i] = rnd.nextLong(size);
      old[i] = 1 + rnd.nextLong(size - 1); // 1 <= old < size
    }

    // Peers, this run: one node hash, and one read of a full tile file through the storage (page cache warm).
    Latencies.Exact nodeHash = new Latencies.Exact(200_000);
    byte[] h = Hashes.emptyRoot();
    for (int i = 0; i < 400_000; i++) {
      long t = System.nanoTime();
      h = Hashes.nodeHash(h, root);
      if (i >= 200_000) {
        nodeHash.record(System.nanoTime() - t);
      }
    }
    Latencies.Exact tileRead = new Latencies.Exact(samples);
    long fullTiles = size / TileId.WIDTH;
    DirectoryStorage plain = new DirectoryStorage(dir);
    for (int i = 0; i < Math.min(samples, 50_000); i++) {
      String path = new TileId(0, index[i] / TileId.WIDTH % fullTiles, TileId.WIDTH).path();
      long t = System.nanoTime();
      plain.read(path).orElseThrow();
      tileRead.record(System.nanoTime() - t);
    }

    // JIT warm-up on both paths, not recorded.
    for (int i = 0; i < Math.min(samples, 5_000); i++) {
      verifyInclusion(warm, index[i], size, warm.inclusionProof(index[i], size), root);
      LogReader.open(storage, key).consistencyProof(old[i], size);
    }

    // Inclusion, warm reader.
    Latencies.Exact incWarm = new Latencies.Exact(samples);
    Latencies.Exact incVerify = new Latencies.Exact(samples);
    CountingStorage.Snapshot s0 = storage.snapshot();
    List<byte[]>[] proofs = newProofArray(samples);
    for (int i = 0; i < samples; i++) {
      long t = System.nanoTime();
      proofs[i] = warm.inclusionProof(index[i], size);
      incWarm.record(System.nanoTime() - t);
    }
    CountingStorage.Snapshot incWarmIo = storage.snapshot().minus(s0);
    for (int i = 0; i < samples; i++) {
      byte[] leaf = warm.leafHash(index[i]);
      long t = System.nanoTime();
      Proofs.verifyInclusion(index[i], size, leaf, proofs[i], root);
      incVerify.record(System.nanoTime() - t);
    }

    // Inclusion, cold: a fresh reader (empty tile cache) per proof; the open (checkpoint read + signature check)
    // is timed apart.
    Latencies.Exact open = new Latencies.Exact(coldSamples);
    Latencies.Exact incCold = new Latencies.Exact(coldSamples);
    CountingStorage.Snapshot incColdIo = null;
    long coldReads = 0;
    long coldReadNanos = 0;
    for (int i = 0; i < coldSamples; i++) {
      long t = System.nanoTime();
      LogReader fresh = LogReader.open(storage, key);
      long t1 = System.nanoTime();
      CountingStorage.Snapshot before = storage.snapshot();
      long t2 = System.nanoTime();
      List<byte[]> p = fresh.inclusionProof(index[i], size);
      long t3 = System.nanoTime();
      CountingStorage.Snapshot d = storage.snapshot().minus(before);
      coldReads += d.reads();
      coldReadNanos += d.readNanos();
      open.record(t1 - t);
      incCold.record(t3 - t2);
      if (p.isEmpty()) {
        throw new IllegalStateException();
      }
    }

    // Consistency from a random older size to the full tree.
    Latencies.Exact conWarm = new Latencies.Exact(samples);
    Latencies.Exact conVerify = new Latencies.Exact(coldSamples);
    s0 = storage.snapshot();
    for (int i = 0; i < samples; i++) {
      long t = System.nanoTime();
      proofs[i] = warm.consistencyProof(old[i], size);
      conWarm.record(System.nanoTime() - t);
    }
    CountingStorage.Snapshot conWarmIo = storage.snapshot().minus(s0);
    for (int i = 0; i < coldSamples; i++) { // the old roots cost a tile walk each: fewer samples
      byte[] oldRoot = warm.root(old[i]);
      long t = System.nanoTime();
      Proofs.verifyConsistency(old[i], size, proofs[i], oldRoot, root);
      conVerify.record(System.nanoTime() - t);
    }
    Latencies.Exact conCold = new Latencies.Exact(coldSamples);
    for (int i = 0; i < coldSamples; i++) {
      LogReader fresh = LogReader.open(storage, key);
      long t = System.nanoTime();
      List<byte[]> p = fresh.consistencyProof(old[i], size);
      conCold.record(System.nanoTime() - t);
      if (p.isEmpty()) {
        throw new IllegalStateException();
      }
    }

    Latencies.Exact reusedMd = new Latencies.Exact(200_000);
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    byte[] two = new byte[64];
    for (int i = 0; i < 400_000; i++) {
      long t = System.nanoTime();
      md.update((byte) 1);
      md.update(two);
      md.digest(two, 0, 32);
      if (i >= 200_000) {
        reusedMd.record(System.nanoTime() - t);
      }
    }

    // Where a proof's time goes: the stored hashes it asks for, and the node hashes they cost to compute.
    Work incWork = new Work();
    Work conWork = new Work();
    for (int i = 0; i < 10_000; i++) {
      Proofs.inclusion(index[i], size, incWork.reader(new TileHashes(plain, size, TileHashes.newCache(256))));
      Proofs.consistency(old[i], size, conWork.reader(new TileHashes(plain, size, TileHashes.newCache(256))));
    }
    incWork.per(10_000);
    conWork.per(10_000);

    double nh = nodeHash.percentile(50) / 1e3;
    System.out.printf("log: %,d entries; %d random indexes (warm), %d (cold); consistency from a random size to "
        + "%,d%n%n", size, samples, coldSamples, size);
    System.out.printf("peer  Hashes.nodeHash (one SHA-256 of 65 bytes) : %s%n", nodeHash.summary());
    System.out.printf("peer  the same hash, one reused MessageDigest  : %s%n", reusedMd.summary());
    System.out.printf("peer  read of one full tile file (8 KiB)       : %s%n%n", tileRead.summary());
    System.out.printf("inclusion proof, warm reader   : %s%n", incWarm.summary());
    System.out.printf("inclusion proof, cold reader   : %s%n", incCold.summary());
    System.out.printf("   (LogReader.open per cold reader, not in the line above: %s)%n", open.summary());
    System.out.printf("inclusion verify               : %s%n", incVerify.summary());
    System.out.printf("consistency proof, warm reader : %s%n", conWarm.summary());
    System.out.printf("consistency proof, cold reader : %s%n", conCold.summary());
    System.out.printf("consistency verify             : %s%n%n", conVerify.summary());
    System.out.printf("storage reads per proof: inclusion warm %.2f (%.1f µs), cold %.2f (%.1f µs); consistency "
            + "warm %.2f (%.1f µs)%n", (double) incWarmIo.reads() / samples, incWarmIo.readNanos() / 1e3 / samples,
        (double) coldReads / coldSamples, coldReadNanos / 1e3 / coldSamples, (double) conWarmIo.reads() / samples,
        conWarmIo.readNanos() / 1e3 / samples);
    System.out.printf("work per inclusion proof  : %s -> %.0f µs of node hashing at the peer's median%n",
        incWork, incWork.nodeHashes * nh);
    System.out.printf("work per consistency proof: %s -> %.0f µs of node hashing at the peer's median%n%n",
        conWork, conWork.nodeHashes * nh);
    System.out.printf("ratios of medians: inclusion warm = %.0f node hashes, cold = %.0f; verify = %.0f node hashes%n",
        incWarm.percentile(50) / 1e3 / nh, incCold.percentile(50) / 1e3 / nh, incVerify.percentile(50) / 1e3 / nh);
    System.out.printf("floor (median < 50 µs to produce a proof from disk): inclusion warm %s, cold %s; "
            + "consistency warm %s, cold %s%n", met(incWarm), met(incCold), met(conWarm), met(conCold));
    storage.close();
    plain.close();
  }

  private static String met(Latencies.Exact l) {
    double p50 = l.percentile(50) / 1e3;
    return String.format("%.1f µs %s", p50, p50 < 50 ? "MET" : "NOT MET");
  }

  private static void verifyInclusion(LogReader r, long index, long size, List<byte[]> proof, byte[] root)
      throws Exception {
    Proofs.verifyInclusion(index, size, r.leafHash(index), proof, root);
  }

  @SuppressWarnings("unchecked")
  private static List<byte[]>[] newProofArray(int n) {
    return new List[n];
  }

  /** Counts the stored hashes a proof asks for, and the node hashes TileHashes computes to answer them. */
  private static final class Work {
    double calls;
    double nodeHashes;

    HashReader reader(HashReader tiles) {
      return (level, index) -> {
        calls++;
        int r = level % TileId.HEIGHT;
        nodeHashes += (1 << r) - 1; // merkleRoot over 2^r stored hashes
        return tiles.hash(level, index);
      };
    }

    void per(int n) {
      calls /= n;
      nodeHashes /= n;
    }

    @Override
    public String toString() {
      return String.format("%.2f stored subtree hashes asked for, %.1f node hashes computed from tiles", calls,
          nodeHashes);
    }
  }
}
