package org.firebreak.ledger.tiles;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.firebreak.ledger.storage.LedgerStorage;
import org.firebreak.ledger.tree.HashReader;
import org.firebreak.ledger.tree.Hashes;

/**
 * Reads Merkle hashes out of stored tiles for a tree of a given size: a node at level 8·t + r is the Merkle root of
 * 2^r consecutive hashes of tile level t. Full tiles are immutable, so a bounded cache keeps recently read ones.
 */
public final class TileHashes implements HashReader {
  private final LedgerStorage storage;
  private final long treeSize;
  private final Map<String, byte[]> cache;

  public TileHashes(LedgerStorage storage, long treeSize, Map<String, byte[]> sharedCache) {
    this.storage = storage;
    this.treeSize = treeSize;
    this.cache = sharedCache;
  }

  /** A cache of full tiles for {@link TileHashes} readers to share (synchronized, bounded LRU). */
  public static Map<String, byte[]> newCache(int maxTiles) {
    return java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
        return size() > maxTiles;
      }
    });
  }

  @Override
  public byte[] hash(int level, long index) throws IOException {
    int t = level / TileId.HEIGHT;
    int r = level % TileId.HEIGHT;
    long first = index << r;                  // first hash of tile level t under this node
    long tileIndex = first / TileId.WIDTH;
    int offset = (int) (first % TileId.WIDTH);
    int width = TileId.widthAt(t, tileIndex, treeSize);
    if (width < offset + (1 << r)) {
      throw new IOException("node " + level + "/" + index + " is not complete in a tree of " + treeSize);
    }
    byte[] tile = tile(new TileId(t, tileIndex, width));
    if (r == 0) {
      byte[] h = new byte[Hashes.SIZE];
      System.arraycopy(tile, offset * Hashes.SIZE, h, 0, Hashes.SIZE);
      return h;
    }
    return merkleRoot(tile, offset, 1 << r);
  }

  /** The bytes of a tile, read through the cache when it is full. */
  public byte[] tile(TileId id) throws IOException {
    if (id.isFull()) {
      byte[] cached = cache.get(id.path());
      if (cached != null) {
        return cached;
      }
    }
    byte[] data = storage.read(id.path()).orElse(null);
    // The partial tile may have been replaced by a wider one or the full tile since this reader's checkpoint;
    // tiles only grow, so a wider tile's prefix is the partial one. (A rare race: scan upwards.)
    for (int w = id.width() + 1; data == null && !id.isFull() && w <= TileId.WIDTH; w++) {
      byte[] wider = storage.read(new TileId(id.level(), id.index(), w).path()).orElse(null);
      if (wider != null && wider.length >= id.width() * Hashes.SIZE) {
        data = java.util.Arrays.copyOf(wider, id.width() * Hashes.SIZE);
      }
    }
    if (data == null) {
      throw new IOException("missing tile " + id.path());
    }
    if (data.length != id.width() * Hashes.SIZE) {
      throw new IOException(id.path() + " has " + data.length + " bytes, not " + id.width() * Hashes.SIZE);
    }
    if (id.isFull()) {
      cache.put(id.path(), data);
    }
    return data;
  }

  /** Merkle root of {@code count} (a power of two) hashes stored back to back from hash {@code offset}. */
  static byte[] merkleRoot(byte[] tile, int offset, int count) {
    byte[][] level = new byte[count][];
    for (int i = 0; i < count; i++) {
      level[i] = new byte[Hashes.SIZE];
      System.arraycopy(tile, (offset + i) * Hashes.SIZE, level[i], 0, Hashes.SIZE);
    }
    return reduce(level, count);
  }

  static byte[] merkleRoot(List<byte[]> hashes, int offset, int count) {
    byte[][] level = new byte[count][];
    for (int i = 0; i < count; i++) {
      level[i] = hashes.get(offset + i);
    }
    return reduce(level, count);
  }

  private static byte[] reduce(byte[][] level, int count) {
    for (int n = count; n > 1; n /= 2) {
      for (int i = 0; i < n / 2; i++) {
        level[i] = Hashes.nodeHash(level[2 * i], level[2 * i + 1]);
      }
    }
    return level[0];
  }
}
