package org.firebreak.ledger;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.firebreak.ledger.storage.LedgerStorage;
import org.firebreak.ledger.tiles.TileId;
import org.firebreak.ledger.tree.Hashes;

/**
 * The log's files as readers see them: the newest checkpoint and the newest partial tile of each level and the
 * partial entry bundle are kept in memory, everything else is in the storage. A publish every few milliseconds would
 * otherwise create a new file for every partial tile and rewrite the checkpoint (most of a publish's cost was the
 * file system making those files); the storage gets them at each sync point instead, so what it holds is always a
 * whole log as of that point. A partial tile narrower than the one kept is read as its prefix (tiles only grow, so
 * the prefix is that tile), as a reader of an older checkpoint expects.
 */
final class RecentFiles {
  /** A partial tile or bundle as kept: its width and bytes. */
  private record Partial(int width, byte[] data) {}

  private final LedgerStorage storage;
  /** By path without the {@code .p/W} suffix (the full tile's path). */
  private final Map<String, Partial> partials = new ConcurrentHashMap<>();
  private volatile byte[] checkpoint;

  RecentFiles(LedgerStorage storage) {
    this.storage = storage;
  }

  /**
   * Takes the files of one publish: partial tiles and the partial bundle are kept here, the rest is written to the
   * storage unsynced, and a tile kept partial until now is dropped once its full version is written.
   *
   * @return the paths written to the storage
   */
  Collection<String> publish(Map<String, byte[]> files) throws IOException {
    Map<String, byte[]> full = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      int cut = f.getKey().indexOf(TileId.PARTIAL);
      if (cut < 0) {
        full.put(f.getKey(), f.getValue());
      } else {
        partials.put(f.getKey().substring(0, cut),
            new Partial(Integer.parseInt(f.getKey().substring(cut + TileId.PARTIAL.length())), f.getValue()));
      }
    }
    storage.writeUnsynced(full);
    full.keySet().forEach(partials::remove);
    return full.keySet();
  }

  /** Takes a newly signed checkpoint note. */
  void checkpoint(byte[] note) {
    checkpoint = note.clone();
  }

  /** Reads a file: a kept partial tile (or a narrower one's prefix) or checkpoint, else the storage's file. */
  Optional<byte[]> read(String path) throws IOException {
    if (path.equals(Ledger.CHECKPOINT)) {
      byte[] note = checkpoint;
      if (note != null) {
        return Optional.of(note.clone());
      }
    }
    int cut = path.indexOf(TileId.PARTIAL);
    if (cut >= 0) {
      Partial kept = partials.get(path.substring(0, cut));
      int width = width(path.substring(cut + TileId.PARTIAL.length()));
      if (kept != null && width > 0 && width <= kept.width()) {
        return Optional.of(prefix(path, kept, width));
      }
    }
    return storage.read(path);
  }

  /** A read-only view for those who serve the log: reads as {@link #read}, refuses every write. */
  LedgerStorage view() {
    return new LedgerStorage() {
      @Override
      public Optional<byte[]> read(String path) throws IOException {
        return RecentFiles.this.read(path);
      }

      @Override
      public void write(Map<String, byte[]> files) {
        throw new UnsupportedOperationException("the log's files are written by its ledger only");
      }

      @Override
      public void delete(Collection<String> paths) {
        throw new UnsupportedOperationException("the log's files are written by its ledger only");
      }

      @Override
      public void journal(long first, List<byte[]> entries) {
        throw new UnsupportedOperationException("the log's journal is written by its ledger only");
      }

      @Override
      public List<byte[]> replay(long from) throws IOException {
        return storage.replay(from);
      }

      @Override
      public void trim(long size) {
        throw new UnsupportedOperationException("the log's journal is written by its ledger only");
      }

      @Override
      public void close() {
        // the ledger closes its storage
      }
    };
  }

  /** The width a partial path names, or 0 when it names none (a path no tile has). */
  private static int width(String text) {
    if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
      return 0;
    }
    int w = Integer.parseInt(text);
    return w < TileId.WIDTH ? w : 0;
  }

  /** The first {@code width} hashes of a tile, or the first {@code width} entries of a bundle. */
  private static byte[] prefix(String path, Partial kept, int width) {
    if (width == kept.width()) {
      return kept.data().clone();
    }
    if (!path.startsWith(TileId.BUNDLES)) {
      return Arrays.copyOf(kept.data(), width * Hashes.SIZE);
    }
    byte[] bundle = kept.data();
    int at = 0;
    for (int i = 0; i < width; i++) {
      at += 2 + (((bundle[at] & 0xFF) << 8) | (bundle[at + 1] & 0xFF));
    }
    return Arrays.copyOf(bundle, at);
  }
}
