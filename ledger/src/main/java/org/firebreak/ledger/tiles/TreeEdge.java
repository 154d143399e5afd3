package org.firebreak.ledger.tiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.firebreak.ledger.storage.LedgerStorage;
import org.firebreak.ledger.tree.CompactRange;
import org.firebreak.ledger.tree.Hasher;
import org.firebreak.ledger.tree.Hashes;

/**
 * The right edge of a tiled log: the incomplete tile of every level, the incomplete entry bundle, and the compact
 * range that gives the root. Appending entries yields the tile and bundle files to write. Everything left of the
 * edge is immutable once written. Not thread-safe: one publisher owns it.
 */
public final class TreeEdge {
  private long size;
  private CompactRange range;
  private final List<List<byte[]>> tiles = new ArrayList<>(); // per tile level: hashes of its incomplete tile
  // The incomplete bundle (its size % WIDTH entries), encoded and grown as entries come: a publish copies it instead
  // of encoding every entry again.
  private final java.io.ByteArrayOutputStream bundle = new java.io.ByteArrayOutputStream();
  private final Hasher hasher = new Hasher();
  private final java.util.BitSet grown = new java.util.BitSet(); // tile levels that took a hash in this append

  private TreeEdge(long size, CompactRange range) {
    this.size = size;
    this.range = range;
  }

  public static TreeEdge empty() {
    return new TreeEdge(0, CompactRange.empty());
  }

  /** Loads the edge of a published tree of {@code size} leaves from its partial tiles and bundle. */
  public static TreeEdge load(LedgerStorage storage, long size, TileHashes hashes) throws IOException {
    TreeEdge edge = new TreeEdge(size, CompactRange.of(size, hashes));
    for (int level = 0; (size >>> (TileId.HEIGHT * level)) > 0; level++) {
      long hashesAtLevel = size >>> (TileId.HEIGHT * level);
      int width = (int) (hashesAtLevel % TileId.WIDTH);
      List<byte[]> t = new ArrayList<>();
      if (width > 0) {
        TileId id = new TileId(level, hashesAtLevel / TileId.WIDTH, width);
        t.addAll(split(hashes.tile(id), id));
      }
      edge.tiles.add(t);
    }
    int bundleWidth = (int) (size % TileId.WIDTH);
    if (bundleWidth > 0) {
      String path = TileId.bundlePath(size / TileId.WIDTH, bundleWidth);
      byte[] b = storage.read(path).orElseThrow(() -> new IOException("missing entry bundle " + path));
      List<byte[]> entries = EntryBundle.decode(b);
      if (entries.size() != bundleWidth) {
        throw new IOException(path + " holds " + entries.size() + " entries, not " + bundleWidth);
      }
      edge.bundle.writeBytes(b); // decoded whole above: exactly the entries' encodings
    }
    return edge;
  }

  public long size() {
    return size;
  }

  public byte[] root() {
    return range.root();
  }

  /** The paths of the partial tiles and the partial bundle of this edge: what a reader of this size needs. */
  public java.util.Set<String> partialPaths() {
    return partialFiles().keySet();
  }

  /** The partial tiles and the partial bundle of this edge, by path. */
  public Map<String, byte[]> partialFiles() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int level = 0; level < tiles.size(); level++) {
      List<byte[]> t = tiles.get(level);
      if (!t.isEmpty()) {
        files.put(new TileId(level, (size >>> (TileId.HEIGHT * level)) / TileId.WIDTH, t.size()).path(), concat(t));
      }
    }
    putPartialBundle(files);
    return files;
  }

  /**
   * The files that change. {@code completed} receives the paths of tiles and bundles that became full. A partial
   * tile that did not grow is not among them: rewriting a file a reader or a sync point relies on, even with the
   * same bytes, would put it at risk again until the next sync.
   */
  public Map<String, byte[]> append(List<byte[]> entries, List<String> completed) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    grown.clear();
    for (byte[] e : entries) {
      EntryBundle.append(bundle, e); // first: an entry too large is refused before it changes the edge
      byte[] leaf = hasher.leafHash(e);
      range = range.append(leaf);
      if ((size + 1) % TileId.WIDTH == 0) { // this entry fills its bundle
        String path = TileId.bundlePath(size / TileId.WIDTH, TileId.WIDTH);
        files.put(path, bundle.toByteArray());
        completed.add(path);
        bundle.reset();
      }
      addHash(0, leaf, files, completed);
      size++;
    }
    for (int level = 0; level < tiles.size(); level++) {
      List<byte[]> t = tiles.get(level);
      if (!t.isEmpty() && grown.get(level)) {
        long index = (size >>> (TileId.HEIGHT * level)) / TileId.WIDTH;
        files.put(new TileId(level, index, t.size()).path(), concat(t));
      }
    }
    putPartialBundle(files);
    return files;
  }

  private void putPartialBundle(Map<String, byte[]> files) {
    int width = (int) (size % TileId.WIDTH);
    if (width > 0) {
      files.put(TileId.bundlePath(size / TileId.WIDTH, width), bundle.toByteArray());
    }
  }

  // Adds the hash of a complete subtree at tile level `level`; a tile that fills up passes its root one level up.
  private void addHash(int level, byte[] hash, Map<String, byte[]> files, List<String> completed) {
    if (tiles.size() == level) {
      tiles.add(new ArrayList<>());
    }
    List<byte[]> t = tiles.get(level);
    t.add(hash);
    grown.set(level);
    if (t.size() == TileId.WIDTH) {
      // The index of the tile just filled: hashes at this level before the leaf now being added, over 256.
      long index = (size >>> (TileId.HEIGHT * level)) / TileId.WIDTH;
      TileId id = new TileId(level, index, TileId.WIDTH);
      byte[] tile = concat(t);
      TileTree tree = TileTree.of(tile, hasher);
      files.put(id.path(), tile);
      files.put(id.nodesPath(), tree.nodes());
      completed.add(id.path());
      byte[] root = tree.root();
      t.clear();
      addHash(level + 1, root, files, completed);
    }
  }

  static byte[] concat(List<byte[]> hashes) {
    byte[] out = new byte[hashes.size() * Hashes.SIZE];
    for (int i = 0; i < hashes.size(); i++) {
      System.arraycopy(hashes.get(i), 0, out, i * Hashes.SIZE, Hashes.SIZE);
    }
    return out;
  }

  static List<byte[]> split(byte[] tile, TileId id) throws IOException {
    if (tile.length != id.width() * Hashes.SIZE) {
      throw new IOException(id.path() + " has " + tile.length + " bytes, not " + id.width() * Hashes.SIZE);
    }
    List<byte[]> out = new ArrayList<>(id.width());
    for (int i = 0; i < id.width(); i++) {
      byte[] h = new byte[Hashes.SIZE];
      System.arraycopy(tile, i * Hashes.SIZE, h, 0, Hashes.SIZE);
      out.add(h);
    }
    return out;
  }
}
