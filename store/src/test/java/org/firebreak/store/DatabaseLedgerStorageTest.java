package org.firebreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerOptions;
import org.firebreak.ledger.LedgerVerifier;
import org.firebreak.ledger.LogReader;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.ledger.note.NoteSigner;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.firebreak.ledger.tree.Hashes;
import org.firebreak.ledger.tree.Proofs;
import org.junit.jupiter.api.Test;

/**
 * The database-backed ledger storage behaves as {@link DirectoryStorage} does: the same log grows, reopens, proves
 * and verifies on it, and ends up as the same files byte for byte.
 */
class DatabaseLedgerStorageTest extends StoreTestBase {
  private static final String ORIGIN = "store.test/log";
  private final NoteSigner signer = NoteSigner.generate(ORIGIN, new SecureRandom());

  private static byte[] e(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aLedgerAppendsProvesAndVerifiesAndMatchesTheDirectoryLogByteForByte() throws Exception {
    int n = 600;
    Path dir = tmp.resolve("dirlog");
    try (Ledger db = Ledger.create(store.ledgerStorage(), signer, ORIGIN, LedgerOptions.defaults());
        Ledger files = Ledger.create(new DirectoryStorage(dir), signer, ORIGIN, LedgerOptions.defaults())) {
      // Four threads append to the database log at once; each entry gets one index.
      List<CompletableFuture<Long>> acks = Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int tt = t;
        threads.add(Thread.ofPlatform().start(() -> {
          for (int i = tt; i < n; i += 4) {
            acks.add(db.append(e("entry " + i)));
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      Set<Long> indexes = new HashSet<>();
      for (CompletableFuture<Long> a : acks) {
        indexes.add(a.get());
      }
      assertThat(indexes).hasSize(n).allMatch(i -> i >= 0 && i < n);

      SignedCheckpoint cp = db.checkpointCovering(n).get();
      assertThat(cp.checkpoint().size()).isEqualTo(n);
      LogReader r = db.reader();
      // Put the entries into the directory log in the database log's order: same tree, same root.
      for (int i = 0; i < n; i++) {
        files.append(r.entry(i));
      }
      assertThat(files.checkpointCovering(n).get().checkpoint().root()).isEqualTo(cp.checkpoint().root());
      for (long index : new long[] {0, 1, 255, 256, 511, 599}) {
        byte[] entry = r.entry(index);
        assertThat(new String(entry, StandardCharsets.UTF_8)).startsWith("entry ");
        Proofs.verifyInclusion(index, n, Hashes.leafHash(entry), r.inclusionProof(index, n), cp.checkpoint().root());
      }
    }
    assertThat(LedgerVerifier.verify(store.ledgerStorage(), signer.verifier()).ok()).isTrue();
    assertThat(LedgerVerifier.verify(new DirectoryStorage(dir), signer.verifier()).ok()).isTrue();
    // The published files are the same, byte for byte: the tile layout of 600 entries and the same checkpoint.
    Map<String, byte[]> inDb = ledgerFiles();
    Map<String, byte[]> onDisk = directoryFiles(dir);
    assertThat(inDb.keySet().stream().filter(p -> !p.startsWith("nodes/") && !p.startsWith("journal/")))
        .containsExactlyElementsOf(onDisk.keySet().stream().filter(p -> !p.startsWith("nodes/")).toList())
        .contains("checkpoint", "tile/0/000", "tile/0/001", "tile/0/002.p/88", "tile/entries/001",
            "tile/entries/002.p/88", "tile/1/000.p/2");
    for (String path : onDisk.keySet()) {
      if (!path.startsWith("nodes/")) {
        assertThat(inDb.get(path)).as(path).isEqualTo(onDisk.get(path));
      }
    }
    // The private node indexes too (the directory keeps them in one pack file per level, the database by path).
    try (DirectoryStorage disk = new DirectoryStorage(dir)) {
      assertThat(inDb.keySet().stream().filter(p -> p.startsWith("nodes/"))).containsExactly("nodes/0/000",
          "nodes/0/001");
      for (String path : List.of("nodes/0/000", "nodes/0/001")) {
        assertThat(disk.read(path)).as(path).hasValueSatisfying(b -> assertThat(b).isEqualTo(inDb.get(path)));
      }
    }
    assertThat(journalRows()).as("the journal is trimmed once published").isZero();
  }

  @Test
  void reopeningContinuesTheSameTree() throws Exception {
    byte[] root100;
    try (Ledger l = Ledger.create(store.ledgerStorage(), signer, ORIGIN, LedgerOptions.defaults())) {
      for (int i = 0; i < 100; i++) {
        l.append(e("x" + i));
      }
      root100 = l.checkpointCovering(100).get().checkpoint().root();
    }
    // A restart: a new store on the same database.
    store.close();
    store = Store.open(database.url());
    try (Ledger l = Ledger.open(store.ledgerStorage(), signer, LedgerOptions.defaults())) {
      assertThat(l.checkpoint().checkpoint().size()).isEqualTo(100);
      assertThat(l.append(e("x100")).get()).isEqualTo(100);
      SignedCheckpoint cp = l.checkpointCovering(101).get();
      Proofs.verifyConsistency(100, 101, l.reader().consistencyProof(100, 101), root100, cp.checkpoint().root());
    }
    assertThatThrownBy(() -> Ledger.create(store.ledgerStorage(), signer, ORIGIN, LedgerOptions.defaults()))
        .hasMessageContaining("already");
    assertThat(LedgerVerifier.verify(store.ledgerStorage(), signer.verifier()).ok()).isTrue();
  }

  @Test
  void entriesJournalledButNotPublishedBeforeACrashArePublishedOnOpen() throws Exception {
    try (Ledger l = Ledger.create(store.ledgerStorage(), signer, ORIGIN, LedgerOptions.defaults())) {
      for (int i = 0; i < 10; i++) {
        l.append(e("e" + i)).get();
      }
      l.checkpointCovering(10).get();
    }
    // What a crash between the journal's commit and the publisher's leaves: acknowledged, not in any tile.
    DatabaseLedgerStorage s = store.ledgerStorage();
    s.journal(10, List.of(e("e10"), e("e11")));
    s.journal(12, List.of(e("e12")));
    try (Ledger l = Ledger.open(store.ledgerStorage(), signer, LedgerOptions.defaults())) {
      SignedCheckpoint cp = l.checkpointCovering(13).get();
      assertThat(cp.checkpoint().size()).isEqualTo(13);
      assertThat(l.reader().entry(12)).isEqualTo(e("e12"));
      assertThat(l.append(e("e13")).get()).isEqualTo(13);
    }
    assertThat(LedgerVerifier.verify(store.ledgerStorage(), signer.verifier()).ok()).isTrue();
  }

  @Test
  void partialTilesGoOnceTheTileIsFull() throws Exception {
    try (Ledger l = Ledger.create(store.ledgerStorage(), signer, ORIGIN,
        new LedgerOptions(16, Duration.ofMillis(1), Duration.ZERO))) {
      for (int i = 0; i < 100; i++) {
        l.append(e("a" + i)).get();
      }
      l.checkpointCovering(100).get();
      for (int i = 100; i < 256; i++) {
        l.append(e("a" + i));
      }
      l.checkpointCovering(256).get();
    }
    // After close the publisher is done: the full tile and bundle, and no partial of either.
    assertThat(ledgerFiles().keySet()).contains("tile/0/000", "tile/entries/000")
        .noneMatch(p -> p.startsWith("tile/0/000.p/") || p.startsWith("tile/entries/000.p/"));
  }

  @Test
  void aChangedByteIsFoundByTheVerifier() throws Exception {
    try (Ledger l = Ledger.create(store.ledgerStorage(), signer, ORIGIN, LedgerOptions.defaults())) {
      for (int i = 0; i < 300; i++) {
        l.append(e("t" + i));
      }
      l.checkpointCovering(300).get();
    }
    DatabaseLedgerStorage s = store.ledgerStorage();
    for (String path : List.of("tile/0/000", "tile/entries/001.p/44", "checkpoint")) {
      byte[] original = s.read(path).orElseThrow();
      byte[] changed = original.clone();
      changed[changed.length / 2] ^= 1;
      s.write(Map.of(path, changed));
      LedgerVerifier.Result r = LedgerVerifier.verify(store.ledgerStorage(), signer.verifier());
      assertThat(r.ok()).as(path).isFalse();
      assertThat(r.problem().orElseThrow()).contains(path);
      s.write(Map.of(path, original));
    }
    assertThat(LedgerVerifier.verify(store.ledgerStorage(), signer.verifier()).ok()).isTrue();
  }

  @Test
  void writeReplacesReadsAndIsAllOrNothing() throws Exception {
    DatabaseLedgerStorage s = store.ledgerStorage();
    assertThat(s.read("tile/0/000")).isEmpty();
    s.write(Map.of("tile/0/000", new byte[] {1, 2}, "checkpoint", e("cp1")));
    s.write(Map.of("tile/0/000", new byte[] {3}));
    assertThat(s.read("tile/0/000")).hasValueSatisfying(b -> assertThat(b).containsExactly(3));
    assertThat(s.read("checkpoint")).hasValueSatisfying(b -> assertThat(b).isEqualTo(e("cp1")));
    Map<String, byte[]> bad = new LinkedHashMap<>();
    bad.put("tile/0/001", new byte[] {9});
    bad.put("checkpoint", e("cp2"));
    bad.put("tile/../../etc/passwd", new byte[] {0});
    assertThatThrownBy(() -> s.write(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside the log");
    assertThat(s.read("tile/0/001")).isEmpty();
    assertThat(s.read("checkpoint")).hasValueSatisfying(b -> assertThat(b).isEqualTo(e("cp1")));
    assertThatThrownBy(() -> s.read("/abs")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteRemovesExactlyTheNamedFilesInOneTransaction() throws Exception {
    DatabaseLedgerStorage s = store.ledgerStorage();
    Map<String, byte[]> files = new TreeMap<>();
    for (String p : List.of("tile/0/005.p/3", "tile/0/005.p/7", "tile/0/005.p/12", "tile/0/005",
        "tile/0/0051.p/2", "tile/entries/005.p/3", "tile/1/005.p/3")) {
      files.put(p, e(p));
    }
    s.write(files);
    s.delete(List.of("tile/0/005.p/3", "tile/0/005.p/12", "tile/9/999.p/1")); // the last is not there: no matter
    assertThat(ledgerFiles().keySet()).containsExactlyInAnyOrder("tile/0/005.p/7", "tile/0/005", "tile/0/0051.p/2",
        "tile/entries/005.p/3", "tile/1/005.p/3");
    // A bad path anywhere in the list deletes nothing.
    assertThatThrownBy(() -> s.delete(List.of("tile/0/005.p/7", "../x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ledgerFiles().keySet()).contains("tile/0/005.p/7");
  }

  @Test
  void journalReplayAndTrimBehaveAsTheDirectoryJournal() throws Exception {
    for (LedgerStorageUnderTest s : List.of(new LedgerStorageUnderTest("db", store.ledgerStorage()),
        new LedgerStorageUnderTest("dir", new DirectoryStorage(tmp.resolve("journal-dir"))))) {
      var st = s.storage();
      assertThat(st.replay(0)).as(s.name()).isEmpty();
      st.journal(0, List.of(e("a"), e("b")));
      st.journal(2, List.of(e("c")));
      st.journal(3, List.of(e("d"), new byte[0], new byte[65_535]));
      assertThat(strings(st.replay(0))).as(s.name()).startsWith("a", "b", "c", "d").hasSize(6);
      assertThat(strings(st.replay(1))).as(s.name()).startsWith("b", "c").hasSize(5);
      assertThat(st.replay(6)).as(s.name()).isEmpty();
      assertThat(st.replay(5).get(0)).as(s.name()).hasSize(65_535);
      st.trim(3); // the first two batches are published
      assertThat(strings(st.replay(3))).as(s.name()).startsWith("d").hasSize(3);
      st.close();
    }
    // The directory journal drops whole 64 MiB segments only; the database drops each published batch.
    DatabaseLedgerStorage s = store.ledgerStorage();
    assertThatThrownBy(() -> s.replay(0)).isInstanceOf(IOException.class).hasMessageContaining("starts at index 3");
    assertThat(journalRows()).isEqualTo(1);
  }

  @Test
  void aDamagedOrGappedJournalIsReportedNotSkipped() throws Exception {
    DatabaseLedgerStorage s = store.ledgerStorage();
    s.journal(0, List.of(e("a")));
    s.journal(5, List.of(e("f")));
    assertThatThrownBy(() -> s.replay(0)).isInstanceOf(IOException.class).hasMessageContaining("gap");
    assertThatThrownBy(() -> s.journal(0, List.of(e("again")))).isInstanceOf(IOException.class);
    s.trim(6);
    s.journal(6, List.of(e("g"), e("h")));
    store.jdbi().useHandle(h -> h.createUpdate("UPDATE ledger_journal SET batch = :b WHERE first_index = 6")
        .bind("b", new byte[] {0, 0, 0, 2, 0, 1, 'g', 0, 1, 'X'}).execute());
    assertThatThrownBy(() -> s.replay(6)).isInstanceOf(IOException.class).hasMessageContaining("damaged");
  }

  @Test
  void closingTheLedgerStorageClosesTheViewNotTheStore() throws Exception {
    DatabaseLedgerStorage s = store.ledgerStorage();
    s.close();
    assertThatThrownBy(() -> s.read("checkpoint")).isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThat(store.ledgerStorage().read("checkpoint")).isEmpty();
    store.agencies().create(agency("still-open"));
  }

  private record LedgerStorageUnderTest(String name, org.firebreak.ledger.storage.LedgerStorage storage) {}

  private static List<String> strings(List<byte[]> entries) {
    return entries.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  private Map<String, byte[]> ledgerFiles() {
    Map<String, byte[]> out = new TreeMap<>();
    store.jdbi().useHandle(h -> h.createQuery("SELECT path, data FROM ledger_files")
        .map((rs, ctx) -> Map.entry(rs.getString("path"), rs.getBytes("data")))
        .forEach(en -> out.put(en.getKey(), en.getValue())));
    return out;
  }

  private static Map<String, byte[]> directoryFiles(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (!rel.startsWith("journal/")) {
          out.put(rel, Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  private long journalRows() {
    return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ledger_journal").mapTo(Long.class).one());
  }
}
