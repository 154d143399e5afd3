package org.firebreak.ledger.tiles;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.firebreak.ledger.storage.LedgerStorage;
import org.firebreak.ledger.tree.HashReader;
import org.firebreak.ledger.tree.Hasher;
import org.firebreak.ledger.tree.Hashes;

/**
 * Reads Merkle hashes out of stored tiles for a tree of a given size: a node at level 8·t + r is the Merkle root of
 * 2^r consecutive hashes of tile level t. Full tiles are immutable, so a bounded cache keeps recently read ones.
 */
public final class TileHashes implements HashReader {
  private final LedgerStorage storage;
  private final long treeSize;
  private final Map<TileId, TileTree> cache;
  private final Map<TileId, TileTree> partials;
  private final Hasher hasher = new Hasher();

  public TileHashes(LedgerStorage storage, long treeSize, Cache sharedCache) {
    this.storage = storage;
    this.treeSize = treeSize;
    this.cache = sharedCache.tiles;
    this.partials = sharedCache.partials;
  }

  /**
   * Tiles with their interiors, for {@link TileHashes} readers to share: a bounded LRU (about 16 KiB a tile), keyed
   * by tile (level, index and width), safe to share between threads.
   */
  public static final class Cache {
    private final Map<TileId, TileTree> tiles;
    /**
     * The widest partial tile read of each tile, keyed by the tile at full width: the next, wider one starts from it.
     */
    private final Map<TileId, TileTree> partials;

    public Cache(int maxTiles) {
      this.tiles = lru(maxTiles);
      this.partials = lru(TileId.HEIGHT * 4); // a log's right edge has one partial tile per level
    }

    private static Map<TileId, TileTree> lru(int max) {
      return java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TileId, TileTree> eldest) {
          return size() > max;
        }
      });
    }
  }

  public static Cache newCache(int maxTiles) {
    return new Cache(maxTiles);
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
    return tree(new TileId(t, tileIndex, width)).node(r, offset >> r);
  }

  /**
   * A tile with its interior, through the cache: a tile (level, index and width, as its path names it) always holds
   * the same bytes. Keyed by the record, not its path: a proof looks up a tile per node, and building the path string
   * each time cost more than the lookup.
   */
  private TileTree tree(TileId id) throws IOException {
    TileTree cached = cache.get(id);
    if (cached != null) {
      return cached;
    }
    TileTree tree = null;
    if (id.isFull()) {
      byte[] nodes = storage.read(id.nodesPath()).orElse(null);
      if (nodes != null && nodes.length == (2 * TileId.WIDTH - 1) * Hashes.SIZE) {
        tree = TileTree.ofNodes(nodes); // one read, no hashing
      }
    }
    if (tree == null && id.isFull()) {
      tree = TileTree.of(tile(id), hasher); // a log written before node indexes
    } else if (tree == null) {
      // A partial tile: each checkpoint's is wider than the last, which holds most of its subtrees already.
      TileId key = new TileId(id.level(), id.index(), TileId.WIDTH);
      tree = TileTree.of(tile(id), hasher, java.util.Optional.ofNullable(partials.get(key)));
      partials.merge(key, tree, (old, mine) -> old.width() >= mine.width() ? old : mine);
    }
    cache.put(id, tree);
    return tree;
  }

  /** The bytes of a tile as stored (or the prefix of a wider one, see below). */
  public byte[] tile(TileId id) throws IOException {
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
    return data;
  }
}
