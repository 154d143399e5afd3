package org.firebreak.bench;

import java.io.IOException;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import org.firebreak.ledger.storage.LedgerStorage;
import org.firebreak.ledger.tiles.TileHashes;
import org.firebreak.ledger.tiles.TileId;
import org.firebreak.ledger.tree.HashReader;
import org.firebreak.ledger.tree.Hashes;

/**
 * A what-if {@link HashReader} for ProofBenchmark, NOT the ledger's code: the same tiles, read through the same
 * storage, but (1) a partial tile is cached like a full one (a {@code .p/W} file never changes either), (2) the
 * interior nodes of a tile are computed once, when it is loaded, and kept with it, and (3) one {@link MessageDigest}
 * is reused instead of {@code MessageDigest.getInstance} per hash. It measures what the hot spots of
 * {@link TileHashes} cost, by removing them; its proofs are checked against the ledger's.
 */
final class WhatIfTiles implements HashReader {
  private final LedgerStorage storage;
  private final long treeSize;
  private final Map<String, byte[][]> cache;
  private final MessageDigest md;

  WhatIfTiles(LedgerStorage storage, long treeSize, Map<String, byte[][]> cache) {
    this.storage = storage;
    this.treeSize = treeSize;
    this.cache = cache;
    try {
      this.md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A bounded LRU like {@link TileHashes#newCache}, of tiles with their interior levels. */
  static Map<String, byte[][]> newCache(int maxTiles) {
    return new java.util.LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, byte[][]> eldest) {
        return size() > maxTiles;
      }
    };
  }

  @Override
  public byte[] hash(int level, long index) throws IOException {
    int t = level / TileId.HEIGHT;
    int r = level % TileId.HEIGHT;
    long first = index << r;
    long tileIndex = first / TileId.WIDTH;
    int offset = (int) (first % TileId.WIDTH);
    int width = TileId.widthAt(t, tileIndex, treeSize);
    if (width < offset + (1 << r)) {
      throw new IOException("node " + level + "/" + index + " is not complete in a tree of " + treeSize);
    }
    byte[][] tree = tree(new TileId(t, tileIndex, width));
    int at = (offset >>> r) * Hashes.SIZE;
    return Arrays.copyOfRange(tree[r], at, at + Hashes.SIZE);
  }

  private byte[][] tree(TileId id) throws IOException {
    String path = id.path();
    byte[][] tree = cache.get(path);
    if (tree != null) {
      return tree;
    }
    byte[] data = storage.read(path).orElseThrow(() -> new IOException("missing tile " + path));
    if (data.length != id.width() * Hashes.SIZE) {
      throw new IOException(path + " has " + data.length + " bytes");
    }
    tree = new byte[TileId.HEIGHT][];
    tree[0] = data;
    try {
      for (int r = 1; r < TileId.HEIGHT; r++) {
        int n = id.width() >>> r;
        byte[] below = tree[r - 1];
        byte[] level = new byte[n * Hashes.SIZE];
        for (int j = 0; j < n; j++) {
          md.update((byte) 0x01);
          md.update(below, 2 * j * Hashes.SIZE, 2 * Hashes.SIZE); // left || right, adjacent
          md.digest(level, j * Hashes.SIZE, Hashes.SIZE);
        }
        tree[r] = level;
      }
    } catch (DigestException e) {
      throw new AssertionError(e);
    }
    cache.put(path, tree);
    return tree;
  }
}
