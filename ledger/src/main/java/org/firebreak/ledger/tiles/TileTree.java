package org.firebreak.ledger.tiles;

import org.firebreak.ledger.tree.Hasher;
import org.firebreak.ledger.tree.Hashes;

/**
 * A tile with its interior: the stored hashes (level 0 of the tile) and every complete subtree above them, up to
 * the tile's top. Computed once per tile read (at most 255 hashes), so proofs read nodes instead of re-hashing.
 * Immutable.
 */
final class TileTree {
  private final byte[][][] levels; // levels[r][i]: the hash of 2^r consecutive tile hashes starting at i * 2^r

  private TileTree(byte[][][] levels) {
    this.levels = levels;
  }

  static TileTree of(byte[] tile, Hasher hasher) {
    return of(tile, hasher, java.util.Optional.empty());
  }

  /**
   * As {@link #of(byte[], Hasher)}, taking the subtrees {@code narrower} holds over a prefix of this tile as they are:
   * a partial tile grows at each checkpoint, and its complete subtrees never change, so only those over the new
   * hashes are computed. A {@code narrower} tree that is not of a prefix of {@code tile} is not used.
   */
  static TileTree of(byte[] tile, Hasher hasher, java.util.Optional<TileTree> narrower) {
    int width = tile.length / Hashes.SIZE;
    byte[][][] levels = new byte[TileId.HEIGHT + 1][][];
    levels[0] = new byte[width][];
    for (int i = 0; i < width; i++) {
      levels[0][i] = java.util.Arrays.copyOfRange(tile, i * Hashes.SIZE, (i + 1) * Hashes.SIZE);
    }
    byte[][][] known = narrower.filter(t -> t.isPrefixOf(levels[0])).map(t -> t.levels)
        .orElse(new byte[TileId.HEIGHT + 1][0][]);
    for (int r = 1; r <= TileId.HEIGHT; r++) {
      byte[][] below = levels[r - 1];
      byte[][] here = new byte[below.length / 2][];
      for (int i = 0; i < here.length; i++) {
        here[i] = i < known[r].length ? known[r][i] : hasher.nodeHash(below[2 * i], below[2 * i + 1]);
      }
      levels[r] = here;
    }
    return new TileTree(levels);
  }

  /** How many hashes the tile holds. */
  int width() {
    return levels[0].length;
  }

  /** True when this tree's tile hashes are the first ones of {@code hashes}. */
  private boolean isPrefixOf(byte[][] hashes) {
    if (levels[0].length > hashes.length) {
      return false;
    }
    for (int i = 0; i < levels[0].length; i++) {
      if (!java.util.Arrays.equals(levels[0][i], hashes[i])) {
        return false;
      }
    }
    return true;
  }

  /** A full tile's tree from its node index ({@link TileId#nodesPath()}): no hashing. */
  static TileTree ofNodes(byte[] nodes) {
    int expected = (2 * TileId.WIDTH - 1) * Hashes.SIZE;
    if (nodes.length != expected) {
      throw new IllegalArgumentException("a node index has " + expected + " bytes, not " + nodes.length);
    }
    byte[][][] levels = new byte[TileId.HEIGHT + 1][][];
    int at = 0;
    for (int r = 0, n = TileId.WIDTH; r <= TileId.HEIGHT; r++, n /= 2) {
      levels[r] = new byte[n][];
      for (int i = 0; i < n; i++, at += Hashes.SIZE) {
        levels[r][i] = java.util.Arrays.copyOfRange(nodes, at, at + Hashes.SIZE);
      }
    }
    return new TileTree(levels);
  }

  /** The node index of a full tile: its hashes, then each level of its interior. */
  byte[] nodes() {
    byte[] out = new byte[(2 * TileId.WIDTH - 1) * Hashes.SIZE];
    int at = 0;
    for (byte[][] level : levels) {
      for (byte[] h : level) {
        System.arraycopy(h, 0, out, at, Hashes.SIZE);
        at += Hashes.SIZE;
      }
    }
    return out;
  }

  /** The root of a full tile. */
  byte[] root() {
    return levels[TileId.HEIGHT][0].clone();
  }

  /** The hash of 2^r tile hashes starting at {@code i * 2^r}; the node must be complete in this tile. */
  byte[] node(int r, int i) {
    if (r > TileId.HEIGHT || i >= levels[r].length) {
      throw new IllegalArgumentException("node " + r + "/" + i + " is not complete in this tile");
    }
    return levels[r][i].clone();
  }
}
