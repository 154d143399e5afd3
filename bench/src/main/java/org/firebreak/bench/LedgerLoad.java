package org.firebreak.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerOptions;
import org.firebreak.ledger.LogReader;
import org.firebreak.ledger.note.NoteSigner;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.firebreak.ledger.tree.Hashes;
import org.firebreak.ledger.tree.Proofs;

/**
 * Durable append throughput of {@link Ledger} with group commit, next to the machine's physical limits measured in
 * the same run: the raw SHA-256 rate of one leaf hash plus one node hash per entry (the least hashing an entry
 * costs) and the raw fsync rate ({@code FileChannel.force} after a small append, in the same directory as the
 * logs). Two load shapes per batching setting:
 *
 * <ul>
 *   <li><b>sync</b>: {@code --appenders} threads, each waiting for its append's future before the next (the
 *       latency-bound figure one request handler sees);
 *   <li><b>pipelined</b>: the same threads, each keeping up to {@code --inflight} appends outstanding (a
 *       {@link Semaphore} per thread, released when the future completes), as a server with many concurrent
 *       requests loads the log.
 * </ul>
 *
 * Every run is a child JVM (same JVM options) with a fresh log in a new directory under {@code --dir} (default
 * {@code bench/target}): it warms up, counts the futures that completed successfully (entries durable in the
 * journal) during a fixed window, reports how far the publisher (tiles, bundles, checkpoints) got, and stops hard;
 * the parent then deletes the directory. See README.md.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.firebreak.bench.LedgerLoad [--seconds 10] [--warmup 3]
 *     [--appenders 64] [--inflight 256] [--entry 200] [--checkpoint-ms 1000]
 *     [--sync 4096/1,4096/0] [--pipelined 4096/1,16384/2] [--dir bench/target]</pre>
 */
public final class LedgerLoad {
  private LedgerLoad() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = Args.parse(args);
    if (a.containsKey("child")) {
      child(a);
      return;
    }
    int seconds = Args.integer(a, "seconds", 10);
    int warmup = Args.integer(a, "warmup", 3);
    int appenders = Args.integer(a, "appenders", 64);
    int inflight = Args.integer(a, "inflight", 256);
    int entrySize = Args.integer(a, "entry", 200);
    Duration checkpointInterval = Duration.ofMillis(Args.integer(a, "checkpoint-ms", 1000));
    List<int[]> syncConfigs = configs(a.getOrDefault("sync", "4096/1,4096/0"));
    List<int[]> pipeConfigs = configs(a.getOrDefault("pipelined", "4096/1,16384/2"));
    Path base = Path.of(a.getOrDefault("dir", "bench/target")).toAbsolutePath();
    Files.createDirectories(base);

    System.out.println(Machine.describe(base));
    System.out.printf("entries %d bytes, %d appenders, window %d s after %d s warm-up, checkpoint interval %d ms%n%n",
        entrySize, appenders, seconds, warmup, checkpointInterval.toMillis());

    // ---- peers: the physical limits, measured now, on this machine, in this directory.
    double hash1 = hashRate(entrySize, 1, 3);
    double hashAll = hashRate(entrySize, Runtime.getRuntime().availableProcessors(), 3);
    Path probeDir = Files.createTempDirectory(base, "fsync-probe-");
    double fsyncSmall;
    double fsyncBatch;
    try {
      fsyncSmall = fsyncRate(probeDir, 24 + 2 + entrySize, 3);
      fsyncBatch = fsyncRate(probeDir, 24 + 4096 * (2 + entrySize), 3);
    } finally {
      deleteTree(probeDir);
    }
    System.out.printf("peer  SHA-256 leaf+node per entry, 1 thread : %,12.0f entries/s (%.2f µs/entry)%n",
        hash1, 1e6 / hash1);
    System.out.printf("peer  SHA-256 leaf+node per entry, %d threads: %,12.0f entries/s%n",
        Runtime.getRuntime().availableProcessors(), hashAll);
    System.out.printf("peer  fsync after a %d-byte append      : %,12.0f fsyncs/s (%.3f ms each)%n",
        24 + 2 + entrySize, fsyncSmall, 1e3 / fsyncSmall);
    System.out.printf("peer  fsync after a %,d-byte append  : %,12.0f fsyncs/s (%.3f ms each; a 4096-entry batch)%n%n",
        24 + 4096 * (2 + entrySize), fsyncBatch, 1e3 / fsyncBatch);

    List<String> table = new ArrayList<>();
    for (int[] c : syncConfigs) {
      table.add(fork(base, false, c, a, hash1, fsyncSmall));
    }
    for (int[] c : pipeConfigs) {
      table.add(fork(base, true, c, a, hash1, fsyncSmall));
    }
    System.out.println();
    System.out.println("| mode | maxBatch / maxDelay | durable entries/s | vs hashing (1 thread) | vs raw fsync/s "
        + "| fsyncs/s (batches) | mean batch | ack latency | published entries/s |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---|---:|");
    table.forEach(System.out::println);
    System.out.printf("%npeers: hashing %,.0f entries/s (1 thread), %,.0f (%d threads); fsync %,.0f/s (small), %,.0f/s"
        + " (4096-entry batch)%n", hash1, hashAll, Runtime.getRuntime().availableProcessors(), fsyncSmall, fsyncBatch);
  }

  /**
   * Runs one configuration in a child JVM (same java, class path and JVM options) and returns its table row. A
   * child stops hard after its window ({@link Runtime#halt}): the publisher may still be writing tiles for the
   * entries acknowledged, which a clean close would wait for; the child reports how far the publisher got instead.
   * The log directory is deleted once the child has gone.
   */
  private static String fork(Path base, boolean pipelined, int[] config, Map<String, String> a, double hashRate,
      double fsyncRate) throws Exception {
    Path dir = Files.createTempDirectory(base, "ledger-load-");
    try {
      List<String> cmd = new ArrayList<>();
      cmd.add(ProcessHandle.current().info().command().orElse("java"));
      cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LedgerLoad.class.getName(), "--child",
          (pipelined ? "pipelined" : "sync") + "/" + config[0] + "/" + config[1], "--run-dir", dir.toString(),
          "--hash-rate", Double.toString(hashRate), "--fsync-rate", Double.toString(fsyncRate)));
      for (String k : List.of("seconds", "warmup", "appenders", "inflight", "entry", "checkpoint-ms")) {
        if (a.containsKey(k)) {
          cmd.addAll(List.of("--" + k, a.get(k)));
        }
      }
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String row = null;
      try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.startsWith("ROW ")) {
            row = line.substring(4);
          } else {
            System.out.println(line);
          }
        }
      }
      int rc = p.waitFor();
      if (row == null || rc != 0) {
        throw new IllegalStateException("run " + Arrays.toString(config) + " failed (exit " + rc + ")");
      }
      return row;
    } finally {
      deleteTree(dir);
    }
  }

  /** The child: one configuration, printed, then halt. */
  private static void child(Map<String, String> a) throws Exception {
    String[] spec = a.get("child").split("/");
    String row = run(Path.of(a.get("run-dir")), spec[0].equals("pipelined"), Integer.parseInt(spec[1]),
        Integer.parseInt(spec[2]), Args.integer(a, "appenders", 64), spec[0].equals("pipelined")
            ? Args.integer(a, "inflight", 256) : 1, Args.integer(a, "entry", 200),
        Duration.ofMillis(Args.integer(a, "checkpoint-ms", 1000)), Args.integer(a, "warmup", 3),
        Args.integer(a, "seconds", 10), Double.parseDouble(a.get("hash-rate")),
        Double.parseDouble(a.get("fsync-rate")));
    System.out.println("ROW " + row);
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  // ---- the ledger under load

  private static String run(Path dir, boolean pipelined, int maxBatch, int maxDelayMs, int appenders, int inflight,
      int entrySize, Duration checkpointInterval, int warmup, int seconds, double hashRate, double fsyncRate)
      throws Exception {
    String mode = pipelined ? "pipelined x" + inflight : "sync";
    CountingStorage storage = new CountingStorage(new DirectoryStorage(dir));
    NoteSigner signer = NoteSigner.generate("bench.firebreak.example/load", new SecureRandom());
    LedgerOptions options = new LedgerOptions(maxBatch, Duration.ofMillis(maxDelayMs), checkpointInterval);
    Ledger ledger = Ledger.create(storage, signer, "bench.firebreak.example/load", options);
    LongAdder completed = new LongAdder();
    LongAdder failed = new LongAdder();
    Latencies.Concurrent latency = new Latencies.Concurrent();
    AtomicBoolean running = new AtomicBoolean(true);
    for (int t = 0; t < appenders; t++) {
      int id = t;
      Semaphore sem = new Semaphore(inflight);
      Thread.ofPlatform().name("appender-" + t).daemon().start(() -> {
        byte[] entry = new byte[entrySize];
        new SplittableRandom(id).nextBytes(entry);
        ByteBuffer head = ByteBuffer.wrap(entry);
        long seq = 0;
        try {
          while (running.get()) {
            head.putLong(0, ((long) id << 48) | seq++); // distinct entries; append copies the array
            long t0;
            if (pipelined) {
              sem.acquire();
              t0 = System.nanoTime();
              ledger.append(entry).whenComplete((index, error) -> {
                if (error == null) {
                  latency.record(System.nanoTime() - t0);
                  completed.increment();
                } else {
                  failed.increment();
                }
                sem.release();
              });
            } else {
              t0 = System.nanoTime();
              try {
                ledger.append(entry).get();
              } catch (ExecutionException e) {
                failed.increment();
                continue;
              }
              latency.record(System.nanoTime() - t0);
              completed.increment();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    Thread.sleep(warmup * 1000L);
    Cpu cpu0 = Cpu.now();
    CountingStorage.Snapshot s0 = storage.snapshot();
    long[] h0 = latency.snapshot();
    long c0 = completed.sum();
    long p0 = ledger.checkpoint().checkpoint().size();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long c1 = completed.sum();
    long p1 = ledger.checkpoint().checkpoint().size();
    long t1 = System.nanoTime();
    long[] h1 = latency.snapshot();
    CountingStorage.Snapshot d = storage.snapshot().minus(s0);
    Cpu cpu = Cpu.now().minus(cpu0);
    running.set(false);
    // Sanity: an entry of the published tree is provably in it.
    LogReader reader = ledger.reader();
    long size = reader.size();
    if (size > 0) {
      long i = new SplittableRandom(1).nextLong(size);
      Proofs.verifyInclusion(i, size, reader.leafHash(i), reader.inclusionProof(i, size), reader.root(size));
    }

    double elapsed = (t1 - t0) / 1e9;
    double rate = (c1 - c0) / elapsed;
    double published = (p1 - p0) / elapsed;
    double batchesPerSec = d.journalBatches() / elapsed;
    double meanBatch = d.journalBatches() == 0 ? 0 : (double) d.journalEntries() / d.journalBatches();
    String lat = Latencies.Concurrent.summary(h0, h1);
    System.out.printf("%-14s %6d/%dms: %,10.0f durable entries/s  (%.2fx hashing, %.1fx raw fsync rate)  "
            + "failed %d%n", mode, maxBatch, maxDelayMs, rate, rate / hashRate, rate / fsyncRate, failed.sum());
    System.out.printf("    journal: %,.0f batches/s, mean batch %,.0f entries, %.3f ms per journal write+fsync "
            + "(%.0f%% of the window)%n", batchesPerSec, meanBatch,
        d.journalBatches() == 0 ? 0 : d.journalNanos() / 1e6 / d.journalBatches(),
        100.0 * d.journalNanos() / (t1 - t0));
    System.out.printf("    publisher: checkpoint advanced %,d -> %,d (%,.0f entries/s); %d write calls, %,d files, "
            + "%.0f%% of the window in writes; backlog at the end %,d acked entries%n", p0, p1,
        published, d.writeCalls(), d.writeFiles(), 100.0 * d.writeNanos() / (t1 - t0), c1 - p1);
    System.out.printf("    sync points (background): %,d tiles, bundles and node packs synced, %.0f%% of the window%n",
        d.syncFiles(), 100.0 * d.syncNanos() / (t1 - t0));
    System.out.printf("    ack latency: %s%n", lat);
    System.out.printf("    CPU: %s%n", cpu.describe(t1 - t0));
    return String.format("| %s | %d / %d ms | **%,.0f** | %.2fx | %.0fx | %,.0f | %,.0f | %s | %,.0f |", mode,
        maxBatch, maxDelayMs, rate, rate / hashRate, rate / fsyncRate, batchesPerSec, meanBatch,
        lat.replaceAll(" +", " "), published);
  }

  // ---- peers

  /** Leaf hash of an entry plus one node hash, per entry: what a tree of n leaves costs at least (n-1 nodes). */
  static double hashRate(int entrySize, int threads, int seconds) throws InterruptedException {
    // Warm-up so the SHA-256 intrinsic is compiled before the count starts.
    measureHashing(entrySize, Math.max(1, threads), 1);
    return measureHashing(entrySize, threads, seconds);
  }

  private static volatile int sink;

  private static double measureHashing(int entrySize, int threads, int seconds) throws InterruptedException {
    LongAdder done = new LongAdder();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> ts = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int id = t;
      ts.add(Thread.ofPlatform().start(() -> {
        byte[][] entries = new byte[1024][entrySize];
        SplittableRandom r = new SplittableRandom(id);
        for (byte[] e : entries) {
          r.nextBytes(e);
        }
        byte[] acc = Hashes.emptyRoot();
        long n = 0;
        while (true) {
          for (int i = 0; i < 1024; i++) {
            byte[] leaf = Hashes.leafHash(entries[i]);
            acc = Hashes.nodeHash(acc, leaf);
          }
          n += 1024;
          if (System.nanoTime() >= end) {
            break;
          }
        }
        sink ^= acc[0];
        done.add(n);
      }));
    }
    for (Thread t : ts) {
      t.join();
    }
    return done.sum() / ((System.nanoTime() - start) / 1e9);
  }

  /** FileChannel.force(false) after appending {@code bytes} to a file in {@code dir}, as the journal does. */
  static double fsyncRate(Path dir, int bytes, int seconds) throws IOException {
    Path f = dir.resolve("probe-" + bytes + ".wal");
    byte[] data = new byte[bytes];
    new SplittableRandom(7).nextBytes(data);
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      long warmEnd = System.nanoTime() + 300_000_000L;
      while (System.nanoTime() < warmEnd) {
        write(ch, data);
      }
      long n = 0;
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      long now;
      do {
        write(ch, data);
        n++;
        now = System.nanoTime();
      } while (now < end);
      return n / ((now - start) / 1e9);
    } finally {
      Files.deleteIfExists(f);
    }
  }

  private static void write(FileChannel ch, byte[] data) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(data);
    while (b.hasRemaining()) {
      ch.write(b);
    }
    ch.force(false);
  }

  // ---- helpers

  private static List<int[]> configs(String spec) {
    List<int[]> out = new ArrayList<>();
    if (spec.isBlank()) {
      return out;
    }
    for (String s : spec.split(",")) {
      String[] p = s.strip().split("/");
      out.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
    }
    return out;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** CPU time of the process, of the ledger's two threads, and of the JVM's GC threads. */
  record Cpu(long process, long sequencer, long publisher, long gc) {
    static Cpu now() {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long seq = 0;
      long pub = 0;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals("ledger-sequencer")) {
          seq += Math.max(0, mx.getThreadCpuTime(t.threadId()));
        } else if (t.getName().equals("ledger-publisher")) {
          pub += Math.max(0, mx.getThreadCpuTime(t.threadId()));
        }
      }
      long gc = 0;
      for (var b : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (!b.getName().contains("Concurrent")) { // G1's concurrent cycles are not pauses
          gc += b.getCollectionTime();
        }
      }
      long proc = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
      return new Cpu(proc, seq, pub, gc * 1_000_000L);
    }

    Cpu minus(Cpu o) {
      return new Cpu(process - o.process, sequencer - o.sequencer, publisher - o.publisher, gc - o.gc);
    }

    String describe(long wallNanos) {
      int cores = Runtime.getRuntime().availableProcessors();
      return String.format("process %.2f of %d cores; sequencer thread %.0f%% of a core, publisher thread %.0f%%, "
              + "GC pauses %.0f ms", (double) process / wallNanos, cores, 100.0 * sequencer / wallNanos,
          100.0 * publisher / wallNanos, gc / 1e6);
    }
  }

  /** {@code --name value} pairs. */
  static final class Args {
    private Args() {}

    static Map<String, String> parse(String[] args) {
      Map<String, String> m = new HashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
        }
        m.put(args[i].substring(2), args[++i]);
      }
      return m;
    }

    static int integer(Map<String, String> m, String name, int dflt) {
      return m.containsKey(name) ? Integer.parseInt(m.get(name)) : dflt;
    }
  }
}
