package org.firebreak.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firebreak.ledger.note.NoteException;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.storage.LedgerStorage;
import org.firebreak.ledger.tiles.EntryBundle;
import org.firebreak.ledger.tiles.TileId;
import org.firebreak.ledger.tiles.TreeEdge;

/**
 * Checks a stored log from scratch: the checkpoint's signature, every entry bundle, every tile recomputed from the
 * entries, and the root. Needs only the public files and the verifier key. Reports the first thing that is wrong,
 * naming the file.
 */
public final class LedgerVerifier {
  private LedgerVerifier() {}

  /** What the check found: the checkpoint's size and the first problem, if any. */
  public record Result(long size, Optional<String> problem) {
    public boolean ok() {
      return problem.isEmpty();
    }
  }

  public static Result verify(LedgerStorage storage, NoteVerifier key) throws IOException {
    return verify(storage, key, List.of());
  }

  /** As {@link #verify(LedgerStorage, NoteVerifier)}, also requiring a cosignature from every witness. */
  public static Result verify(LedgerStorage storage, NoteVerifier key, List<NoteVerifier> witnesses)
      throws IOException {
    Optional<byte[]> note = storage.read(Ledger.CHECKPOINT);
    if (note.isEmpty()) {
      return new Result(0, Optional.of("checkpoint: missing"));
    }
    SignedCheckpoint cp;
    try {
      cp = SignedCheckpoint.parse(new String(note.get(), StandardCharsets.UTF_8), key, witnesses);
    } catch (NoteException | RuntimeException e) {
      return new Result(0, Optional.of("checkpoint: " + e.getMessage()));
    }
    long size = cp.checkpoint().size();
    TreeEdge edge = TreeEdge.empty();
    long bundles = (size + TileId.WIDTH - 1) / TileId.WIDTH;
    for (long b = 0; b < bundles; b++) {
      int width = (int) Math.min(TileId.WIDTH, size - b * TileId.WIDTH);
      String path = TileId.bundlePath(b, width);
      Optional<byte[]> data = storage.read(path);
      if (data.isEmpty()) {
        return problem(size, path + ": missing");
      }
      List<byte[]> entries;
      try {
        entries = EntryBundle.decode(data.get());
      } catch (IllegalArgumentException e) {
        return problem(size, path + ": " + e.getMessage());
      }
      if (entries.size() != width) {
        return problem(size, path + ": holds " + entries.size() + " entries, expected " + width);
      }
      List<String> completed = new ArrayList<>();
      Map<String, byte[]> files = new java.util.LinkedHashMap<>(edge.append(entries, completed));
      boolean last = b == bundles - 1;
      if (last) {
        files.putAll(edge.partialFiles()); // the edge a reader of this size needs, grown in this bundle or not
      }
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        // Intermediate partial tiles need not be stored; full ones, their node indexes and the final edge must
        // match exactly. (A log written before node indexes existed has none: their absence is not a problem.)
        boolean nodes = f.getKey().startsWith("nodes/");
        if (!(last || completed.contains(f.getKey()) || nodes) || f.getKey().startsWith("tile/entries/")) {
          continue;
        }
        Optional<byte[]> stored;
        try {
          stored = storage.read(f.getKey());
        } catch (IOException e) {
          return problem(size, e.getMessage()); // a node index record that fails its CRC names its pack file
        }
        if (nodes && stored.isEmpty()) {
          continue;
        }
        if (stored.isEmpty()) {
          return problem(size, f.getKey() + ": missing");
        }
        if (!Arrays.equals(stored.get(), f.getValue())) {
          String against = f.getKey().startsWith("tile/0/")
              ? "the entries of " + "tile/entries/" + f.getKey().substring("tile/0/".length())
              : "the tiles below it";
          return problem(size, f.getKey() + ": does not match " + against
              + firstDifference(stored.get(), f.getValue()) + "; one of them was changed");
        }
      }
    }
    if (!Arrays.equals(edge.root(), cp.checkpoint().root())) {
      return problem(size, "checkpoint: root does not match the entries");
    }
    return new Result(size, Optional.empty());
  }

  private static Result problem(long size, String what) {
    return new Result(size, Optional.of(what));
  }

  private static String firstDifference(byte[] stored, byte[] computed) {
    int n = Math.min(stored.length, computed.length);
    for (int i = 0; i < n; i++) {
      if (stored[i] != computed[i]) {
        return " (hash " + i / 32 + ", byte " + i + ")";
      }
    }
    return " (length " + stored.length + ", expected " + computed.length + ")";
  }
}
