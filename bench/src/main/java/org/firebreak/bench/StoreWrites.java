package org.firebreak.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.store.LedgerRef;
import org.firebreak.store.Release;
import org.firebreak.store.Role;
import org.firebreak.store.Source;
import org.firebreak.store.Store;
import org.firebreak.store.StoredRequest;
import org.firebreak.store.UnloggedEntry;
import org.firebreak.store.User;

/**
 * How many bytes the SQLite store writes per decided request, as the gateway drives it: groups of {@code -Dgroup}
 * (40, about what one grouped commit held under {@link GatewayLoad}) requests stored with their decision, one release
 * and their public entry, then, in the next group's commit, each one's ledger index. Bytes written are the process's
 * (Linux {@code /proc/self/io} {@code wchar}: the write-ahead log, its checkpoints into the database file, nothing
 * else writes); the peer figure is the payload handed to the store (body, decision, entry, salt, release), so the
 * ratio is the store's write amplification. Sizes default to those of {@link GatewayLoad}'s permitted requests
 * ({@code -Ddecision}, {@code -Dentry} bytes), each holding the list of the packs in force as the gateway writes it
 * (1,840 and 1,390 bytes of them), which the store keeps once (store V6; {@code -Dkept=false}: in every row, as before
 * V6). No clock in the figure; how the committer happens to group the writes moves it by about 2% from run to run.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.firebreak.bench.StoreWrites
 * </pre>
 */
public final class StoreWrites {
  private static final int REQUESTS = Integer.getInteger("requests", 20_000);
  private static final int GROUP = Integer.getInteger("group", 40);
  private static final int DECISION = Integer.getInteger("decision", 2_930);
  private static final int ENTRY = Integer.getInteger("entry", 2_400);
  /** The packs in force as a decision and as an entry name them (GatewayLoad's 15 packs, measured on a served store). */
  private static final int DECISION_PACKS = 1_840;
  private static final int ENTRY_PACKS = 1_390;
  private static final boolean KEPT = Boolean.parseBoolean(System.getProperty("kept", "true"));
  private static final String BODY = "{\"purpose\":\"VIOLENT_CRIME\",\"justification\":\"armed robbery suspect\","
      + "\"caseNumber\":\"SF-26-1\",\"sources\":[\"ca-dmv\"],\"query\":{\"license\":\"D0000001\"}}";
  /** The released fields as the store keeps them (a JSON object), for the payload's size. */
  private static final String FIELDS_JSON = "{\"home\":\"1 Mission St\",\"license\":\"D0000001\"}";

  private StoreWrites() {}

  public static void main(String[] args) throws Exception {
    Path io = Path.of("/proc/self/io");
    if (!Files.isReadable(io)) {
      System.out.println("StoreWrites reads the bytes written from /proc/self/io: Linux only");
      return;
    }
    Path dir = Files.createTempDirectory("store-writes");
    try (Store store = Store.open("jdbc:sqlite:" + dir.resolve("firebreak.db"))) {
      store.agencies().create(new Agency("sfpd", "San Francisco Police", AgencyLevel.LOCAL, Component.POLICE,
          Jurisdiction.of("US-CA-SF")));
      store.users().create(new User("officer-1", "sfpd", Set.of(Role.REQUESTER), List.of(), List.of()));
      store.sources().create(new Source("ca-dmv", SourceKind.DMV, Jurisdiction.of("US-CA"), "sfpd",
          Map.of("license", Category.DMV_RECORD, "home", Category.ADDRESS_HOME), List.of("license")));
      String decisionPacks = "[" + "p".repeat(DECISION_PACKS - 2) + "]";
      String entryPacks = "[" + "q".repeat(ENTRY_PACKS - 2) + "]";
      String decision = padded("{\"decision\":\"PERMIT\",\"packs\":" + decisionPacks + ",\"rules\":\"", "\"}", DECISION);
      byte[] entry = padded("{\"packs\":" + entryPacks + ",\"sources\":\"", "\"}", ENTRY)
          .getBytes(StandardCharsets.US_ASCII);
      if (KEPT) {
        store.requests().keepOnce(decisionPacks);
        store.requests().keepOnce(entryPacks);
      }
      Map<String, String> fields = Map.of("license", "D0000001", "home", "1 Mission St");
      long payload = 0;
      List<StoredRequest> previous = List.of();
      long index = 0;
      long before = written(io);
      for (int g = 0; g < REQUESTS / GROUP; g++) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < GROUP; i++) {
          String id = store.requests().newId();
          String recordId = "r" + (g * GROUP + i);
          List<Release> releases = List.of(new Release(id, "ca-dmv", recordId, fields));
          byte[] salt = store.requests().newSalt();
          writes.add(store.requests().receiveDecidedLater(id, "officer-1", "sfpd", BODY, Instant.now(),
              Decision.PERMIT, decision, releases, salt, Optional.of(new UnloggedEntry(id, entry, index))));
          // What the request hands the store (all ASCII): its id, body, decision, salt and entry, the release.
          payload += id.length() + BODY.length() + decision.length() + salt.length + entry.length
              + "ca-dmv".length() + recordId.length() + FIELDS_JSON.length();
        }
        for (StoredRequest r : previous) {
          writes.add(store.requests().loggedLater(r.id(), new LedgerRef(index++, new byte[32])));
        }
        List<StoredRequest> stored = new ArrayList<>();
        for (CompletableFuture<?> w : writes) {
          if (w.join() instanceof StoredRequest r) {
            stored.add(r);
          }
        }
        previous = stored;
      }
      long bytes = written(io) - before;
      int n = REQUESTS / GROUP * GROUP;
      System.out.printf("%,d requests in groups of %d (decision %,d B, entry %,d B, packs in force %s): the store "
          + "wrote %.2f KB per request; payload %.2f KB per request; ratio %.2fx%n", n, GROUP, decision.length(),
          entry.length, KEPT ? "kept once" : "in every row", bytes / 1024.0 / n, payload / 1024.0 / n,
          (double) bytes / payload);
    } finally {
      LedgerLoad.deleteTree(dir);
    }
  }

  /** {@code head}, padding, then {@code tail}: {@code size} characters in all. */
  private static String padded(String head, String tail, int size) {
    if (head.length() + tail.length() > size) {
      throw new IllegalArgumentException("a document of " + size + " bytes cannot hold the packs list");
    }
    return head + "x".repeat(size - head.length() - tail.length()) + tail;
  }

  private static long written(Path io) throws IOException {
    for (String line : Files.readAllLines(io, StandardCharsets.US_ASCII)) {
      if (line.startsWith("wchar:")) {
        return Long.parseLong(line.substring(6).trim());
      }
    }
    throw new IOException("no wchar line in " + io);
  }
}
