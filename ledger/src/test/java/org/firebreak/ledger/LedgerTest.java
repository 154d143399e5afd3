package org.firebreak.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.firebreak.ledger.note.NoteSigner;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.firebreak.ledger.tiles.TileId;
import org.firebreak.ledger.tree.Hashes;
import org.firebreak.ledger.tree.Proofs;
import org.firebreak.ledger.tree.Rfc9162Oracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
  @TempDir
  Path dir;

  private final NoteSigner signer = NoteSigner.generate("test.log", new SecureRandom());

  private Ledger create() throws Exception {
    return Ledger.create(new DirectoryStorage(dir), signer, "test.log", LedgerOptions.defaults());
  }

  private static byte[] e(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readingEveryEntryInOrderReadsEachBundleOnceAndHandsOutCopies() throws Exception {
    try (Ledger l = create()) {
      for (int i = 0; i < 600; i++) {
        l.append(e("entry " + i));
      }
      l.checkpointCovering(600).get();
    }
    java.util.concurrent.atomic.AtomicInteger bundleReads = new java.util.concurrent.atomic.AtomicInteger();
    try (DirectoryStorage files = new DirectoryStorage(dir)) {
      org.firebreak.ledger.storage.LedgerStorage counting = new org.firebreak.ledger.storage.LedgerStorage() {
        @Override
        public Optional<byte[]> read(String path) throws java.io.IOException {
          if (path.startsWith("tile/entries/")) {
            bundleReads.incrementAndGet();
          }
          return files.read(path);
        }

        @Override
        public void write(java.util.Map<String, byte[]> f) {
          throw new UnsupportedOperationException("a reader never writes");
        }

        @Override
        public void delete(java.util.Collection<String> paths) {
          throw new UnsupportedOperationException("a reader never deletes");
        }

        @Override
        public void journal(long first, List<byte[]> entries) {
          throw new UnsupportedOperationException("a reader never journals");
        }

        @Override
        public List<byte[]> replay(long from) {
          return List.of();
        }

        @Override
        public void trim(long size) {}

        @Override
        public void close() {}
      };
      LogReader r = LogReader.open(counting, signer.verifier());
      for (int i = 0; i < 600; i++) {
        assertThat(new String(r.entry(i), StandardCharsets.UTF_8)).isEqualTo("entry " + i);
      }
      // 600 entries sit in three bundles: 256, 256 and the partial 88.
      assertThat(bundleReads.get()).isEqualTo(3);
      // A caller changing what it was given changes nothing the reader keeps.
      r.entry(599)[0] = 'X';
      assertThat(new String(r.entry(599), StandardCharsets.UTF_8)).isEqualTo("entry 599");
      assertThat(new String(r.entry(3), StandardCharsets.UTF_8)).isEqualTo("entry 3");
      assertThat(bundleReads.get()).isEqualTo(4);
    }
  }

  @Test
  void appendsAreAcknowledgedInOrderAndPublishedUnderASignedCheckpoint() throws Exception {
    try (Ledger l = create()) {
      List<CompletableFuture<Long>> acks = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        acks.add(l.append(e("entry " + i)));
      }
      for (int i = 0; i < 600; i++) {
        assertThat(acks.get(i).get()).isEqualTo(i);
      }
      SignedCheckpoint cp = l.checkpointCovering(600).get();
      assertThat(cp.checkpoint().size()).isEqualTo(600);
      assertThat(cp.checkpoint().origin()).isEqualTo("test.log");
      // The root is the RFC 9162 root of the 600 entries, computed here from first principles.
      List<byte[]> leaves = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        leaves.add(Hashes.leafHash(e("entry " + i)));
      }
      byte[] root = Rfc9162Oracle.mth(leaves);
      assertThat(cp.checkpoint().root()).isEqualTo(root);
      LogReader r = l.reader();
      assertThat(new String(r.entry(257), StandardCharsets.UTF_8)).isEqualTo("entry 257");
      for (long index : new long[] {0, 255, 256, 511, 599}) {
        Proofs.verifyInclusion(index, 600, Hashes.leafHash(e("entry " + index)), r.inclusionProof(index, 600),
            root);
      }
    }
    // tlog-tiles layout: two full level-0 tiles and bundles, then the partial edge of 88.
    assertThat(dir.resolve("tile/0/000")).isRegularFile();
    assertThat(dir.resolve("tile/0/001")).isRegularFile();
    assertThat(dir.resolve("tile/0/002.p/88")).isRegularFile();
    assertThat(dir.resolve("tile/entries/001")).isRegularFile();
    assertThat(dir.resolve("tile/entries/002.p/88")).isRegularFile();
    assertThat(dir.resolve("tile/1/000.p/2")).isRegularFile();
    assertThat(Files.size(dir.resolve("tile/0/000"))).isEqualTo(256 * 32);
  }

  @Test
  void partialTilesGoOnceTheTileIsFull() throws Exception {
    try (Ledger l = create()) {
      for (int i = 0; i < 100; i++) {
        l.append(e("a" + i)).get();
      }
      l.checkpointCovering(100).get();
      for (int i = 100; i < 256; i++) {
        l.append(e("a" + i));
      }
      l.checkpointCovering(256).get();
    }
    assertThat(dir.resolve("tile/0/000")).isRegularFile();
    assertThat(dir.resolve("tile/0/000.p")).doesNotExist();
    assertThat(dir.resolve("tile/entries/000.p")).doesNotExist();
  }

  @Test
  void betweenSyncPointsPartialTilesAndTheCheckpointAreServedFromMemoryAndTheDirectoryStaysAWholeLog()
      throws Exception {
    // Sync points an hour apart: after creation nothing but full tiles reaches the directory until the ledger closes.
    LedgerOptions rarely = new LedgerOptions(4096, Duration.ofMillis(1), Duration.ZERO, Duration.ofHours(1));
    try (Ledger l = Ledger.create(new DirectoryStorage(dir), signer, "test.log", rarely)) {
      for (int i = 0; i < 300; i++) {
        l.append(e("m" + i));
      }
      SignedCheckpoint cp300 = l.checkpointCovering(300).get();
      for (int i = 300; i < 310; i++) {
        l.append(e("m" + i));
      }
      SignedCheckpoint cp = l.checkpointCovering(310).get();
      long size = cp.checkpoint().size();
      int edge = (int) (size % 256);

      // The directory: the first full tile and bundle, and still the empty log's checkpoint (no partials yet).
      DirectoryStorage disk = new DirectoryStorage(dir);
      assertThat(disk.read("tile/0/000")).isPresent();
      assertThat(disk.read("tile/entries/000")).isPresent();
      assertThat(disk.read("tile/0/001.p/" + edge)).isEmpty();
      assertThat(SignedCheckpoint.parse(new String(disk.read(Ledger.CHECKPOINT).orElseThrow(),
          StandardCharsets.UTF_8), List.of(signer.verifier())).checkpoint().size()).isZero();

      // What the ledger serves: the newest checkpoint, its partial tile and bundle; an older, narrower partial as
      // the prefix of the newest (the hashes and entries counted here from the entries themselves).
      var files = l.files();
      assertThat(new String(files.read(Ledger.CHECKPOINT).orElseThrow(), StandardCharsets.UTF_8))
          .isEqualTo(cp.note());
      List<byte[]> bundle = new ArrayList<>();
      java.io.ByteArrayOutputStream hashes = new java.io.ByteArrayOutputStream();
      for (int i = 256; i < size; i++) {
        bundle.add(e("m" + i));
        hashes.writeBytes(Hashes.leafHash(e("m" + i)));
      }
      assertThat(files.read("tile/entries/001.p/" + edge)).hasValueSatisfying(b -> assertThat(b)
          .isEqualTo(org.firebreak.ledger.tiles.EntryBundle.encode(bundle)));
      assertThat(files.read("tile/0/001.p/" + edge)).hasValueSatisfying(b -> assertThat(b)
          .isEqualTo(hashes.toByteArray()));
      int older = (int) (cp300.checkpoint().size() % 256);
      assertThat(files.read("tile/entries/001.p/" + older)).hasValueSatisfying(b -> assertThat(b)
          .isEqualTo(org.firebreak.ledger.tiles.EntryBundle.encode(bundle.subList(0, older))));
      assertThat(files.read("tile/0/001.p/" + older)).hasValueSatisfying(b -> assertThat(b)
          .isEqualTo(java.util.Arrays.copyOf(hashes.toByteArray(), older * 32)));
      assertThat(files.read("tile/0/001.p/" + (edge + 1))).isEmpty(); // wider than the tree: no such tile
      assertThatThrownBy(() -> files.write(java.util.Map.of("tile/0/009", new byte[32])))
          .isInstanceOf(UnsupportedOperationException.class);

      // A reader of the older checkpoint proves against it with the newer partial's prefix.
      LogReader r = new LogReader(files, cp300, org.firebreak.ledger.tiles.TileHashes.newCache(8));
      Proofs.verifyInclusion(290, 300, Hashes.leafHash(e("m290")), r.inclusionProof(290, 300),
          cp300.checkpoint().root());
    }
    // Closed: the directory alone is the whole log, its checkpoint the last one, every entry provable.
    LogReader alone = LogReader.open(new DirectoryStorage(dir), signer.verifier());
    assertThat(alone.size()).isEqualTo(310);
    assertThat(alone.entry(305)).isEqualTo(e("m305"));
    Proofs.verifyInclusion(305, 310, Hashes.leafHash(e("m305")), alone.inclusionProof(305, 310),
        alone.checkpoint().checkpoint().root());
  }

  @Test
  void anIdleLogReachesTheDirectoryOneSyncIntervalAfterItsLastAppend() throws Exception {
    // Sync points 300 ms apart; the appends come within the first interval, then nothing more arrives.
    LedgerOptions options = new LedgerOptions(4096, Duration.ofMillis(1), Duration.ZERO, Duration.ofMillis(300));
    try (Ledger l = Ledger.create(new DirectoryStorage(dir), signer, "test.log", options)) {
      for (int i = 0; i < 10; i++) {
        l.append(e("idle" + i));
      }
      l.checkpointCovering(10).get();
      // Without another append the directory alone (what `firebreak ledger verify --dir` reads while the server
      // runs) still comes to hold all ten, within a few sync intervals.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      long onDisk = 0;
      while (onDisk < 10 && System.nanoTime() < deadline) {
        Thread.sleep(50);
        onDisk = LogReader.open(new DirectoryStorage(dir), signer.verifier()).size();
      }
      assertThat(onDisk).isEqualTo(10);
      LogReader alone = LogReader.open(new DirectoryStorage(dir), signer.verifier());
      assertThat(alone.entry(9)).isEqualTo(e("idle9"));
      Proofs.verifyInclusion(9, 10, Hashes.leafHash(e("idle9")), alone.inclusionProof(9, 10),
          alone.checkpoint().checkpoint().root());
    }
  }

  @Test
  void reopeningContinuesTheSameTree() throws Exception {
    byte[] root100;
    try (Ledger l = create()) {
      for (int i = 0; i < 100; i++) {
        l.append(e("x" + i));
      }
      root100 = l.checkpointCovering(100).get().checkpoint().root();
    }
    try (Ledger l = Ledger.open(new DirectoryStorage(dir), signer, LedgerOptions.defaults())) {
      assertThat(l.checkpoint().checkpoint().size()).isEqualTo(100);
      assertThat(l.append(e("x100")).get()).isEqualTo(100);
      SignedCheckpoint cp = l.checkpointCovering(101).get();
      LogReader r = l.reader();
      Proofs.verifyConsistency(100, 101, r.consistencyProof(100, 101), root100, cp.checkpoint().root());
    }
  }

  @Test
  void concurrentAppendersGetDistinctIndexes() throws Exception {
    int threads = 8;
    int each = 500;
    try (Ledger l = new LedgerFactory(dir, signer).create(new LedgerOptions(64, Duration.ofMillis(1),
        Duration.ZERO))) {
      List<CompletableFuture<Long>> all = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int tt = t;
        ts.add(Thread.ofPlatform().start(() -> {
          for (int i = 0; i < each; i++) {
            all.add(l.append(e(tt + ":" + i)));
          }
        }));
      }
      for (Thread t : ts) {
        t.join();
      }
      Set<Long> indexes = new java.util.HashSet<>();
      for (CompletableFuture<Long> f : all) {
        indexes.add(f.get());
      }
      assertThat(indexes).hasSize(threads * each);
      assertThat(indexes).allMatch(i -> i >= 0 && i < threads * each);
    }
  }

  @Test
  void aBatchWaitsOutItsDelayForMoreEntries() throws Exception {
    // One entry, a batch of up to 4096 and a 300 ms delay: the sequencer sleeps the delay out before the journal
    // write, so the entry is not acknowledged early.
    try (Ledger l = Ledger.create(new DirectoryStorage(dir), signer, "test.log",
        new LedgerOptions(4096, Duration.ofMillis(300), Duration.ZERO))) {
      long t0 = System.nanoTime();
      CompletableFuture<Long> ack = l.append(e("alone"));
      assertThat(ack.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
      assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
    }
  }

  @Test
  void aFullBatchIsWrittenWithoutWaitingOutTheDelay() throws Exception {
    // Batches of 8, a delay of an hour: only a batch filling up can get the entries acknowledged within the test.
    try (Ledger l = Ledger.create(new DirectoryStorage(dir), signer, "test.log",
        new LedgerOptions(8, Duration.ofHours(1), Duration.ZERO))) {
      List<CompletableFuture<Long>> acks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        acks.add(l.append(e("entry " + i)));
        Thread.sleep(20); // arriving one by one, while the sequencer sleeps out the batch's delay
      }
      for (int i = 0; i < 8; i++) {
        assertThat(acks.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(i);
      }
    }
  }

  @Test
  void anEntryOverTheBundleLimitIsRefusedWithAClearError() throws Exception {
    try (Ledger l = create()) {
      assertThat(l.append(new byte[65_535]).get()).isZero();
      assertThatThrownBy(() -> l.append(new byte[65_536]))
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("65535")
          .hasMessageContaining("65536");
    }
  }

  @Test
  void createRefusesAnExistingLogAndOpenRefusesAWrongKey() throws Exception {
    create().close();
    assertThatThrownBy(this::create).isInstanceOf(LedgerException.class).hasMessageContaining("already");
    NoteSigner other = NoteSigner.generate("test.log", new SecureRandom());
    assertThatThrownBy(() -> Ledger.open(new DirectoryStorage(dir), other, LedgerOptions.defaults()))
        .isInstanceOf(LedgerException.class).hasMessageContaining("does not verify");
  }

  @Test
  void aGeneratedKeyIsOwnerOnly() throws Exception {
    LogDirectory.init(dir.resolve("log"), "perm.test", Optional.empty());
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir.resolve("log").resolve(LogDirectory.KEY));
    assertThat(perms).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void tileWidthsFollowTheTreeSize() {
    assertThat(TileId.widthAt(0, 0, 600)).isEqualTo(256);
    assertThat(TileId.widthAt(0, 2, 600)).isEqualTo(88);
    assertThat(TileId.widthAt(1, 0, 600)).isEqualTo(2);
    assertThat(TileId.widthAt(0, 3, 600)).isZero();
    assertThat(new TileId(0, 1234067, 8).path()).isEqualTo("tile/0/x001/x234/067.p/8");
    assertThat(TileId.bundlePath(1234067, 256)).isEqualTo("tile/entries/x001/x234/067");
    assertThat(new TileId(2, 5, 256).path()).isEqualTo("tile/2/005");
  }

  /** Creates ledgers with options. */
  private record LedgerFactory(Path dir, NoteSigner signer) {
    Ledger create(LedgerOptions o) throws Exception {
      return Ledger.create(new DirectoryStorage(dir), signer, "test.log", o);
    }
  }
}
