package org.firebreak.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.firebreak.ledger.tree.Hasher;
import org.firebreak.ledger.tree.Hashes;
import org.junit.jupiter.api.Test;

/**
 * A partial tile's tree built from a narrower one of the same tile has the nodes of one built from its hashes alone
 * (RFC 6962 § 2.1 node hashes, computed here by the hasher, never copied from the code under test).
 */
class TileTreeTest {
  private final Hasher hasher = new Hasher();

  /** {@code width} leaf hashes of the entries "e0", "e1", ... as a tile holds them. */
  private byte[] tile(int width, String prefix) {
    byte[] tile = new byte[width * Hashes.SIZE];
    for (int i = 0; i < width; i++) {
      byte[] leaf = hasher.leafHash((prefix + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      System.arraycopy(leaf, 0, tile, i * Hashes.SIZE, Hashes.SIZE);
    }
    return tile;
  }

  /** Every complete node of a tile of {@code width} hashes, level by level, hashed from the leaves directly. */
  private byte[][][] expected(byte[] tile) {
    int width = tile.length / Hashes.SIZE;
    byte[][][] levels = new byte[TileId.HEIGHT + 1][][];
    for (int r = 0; r <= TileId.HEIGHT; r++) {
      levels[r] = new byte[width >> r][];
      for (int i = 0; i < levels[r].length; i++) {
        levels[r][i] = subtree(tile, i << r, 1 << r);
      }
    }
    return levels;
  }

  private byte[] subtree(byte[] tile, int from, int n) {
    if (n == 1) {
      return java.util.Arrays.copyOfRange(tile, from * Hashes.SIZE, (from + 1) * Hashes.SIZE);
    }
    return hasher.nodeHash(subtree(tile, from, n / 2), subtree(tile, from + n / 2, n / 2));
  }

  private static void assertNodes(TileTree tree, byte[][][] expected) {
    assertThat(tree.width()).isEqualTo(expected[0].length);
    for (int r = 0; r <= TileId.HEIGHT; r++) {
      for (int i = 0; i < expected[r].length; i++) {
        assertThat(tree.node(r, i)).as("node %d/%d", r, i).isEqualTo(expected[r][i]);
      }
    }
  }

  @Test
  void aWiderPartialTileFromANarrowerOneHasEveryNodeOfOneBuiltAlone() {
    for (int[] widths : new int[][] {{1, 2}, {3, 200}, {64, 65}, {100, 255}, {255, 256}, {7, 7}}) {
      byte[] narrow = tile(widths[0], "e");
      byte[] wide = tile(widths[1], "e");
      TileTree grown = TileTree.of(wide, hasher, Optional.of(TileTree.of(narrow, hasher)));
      assertNodes(grown, expected(wide));
    }
  }

  @Test
  void aNarrowerTreeOfOtherHashesOrAWiderOneIsNotUsed() {
    byte[] wide = tile(100, "e");
    // Same width as a prefix, other entries: its subtrees would be wrong here.
    assertNodes(TileTree.of(wide, hasher, Optional.of(TileTree.of(tile(60, "other"), hasher))), expected(wide));
    // Wider than the tile: not a prefix of it.
    assertNodes(TileTree.of(wide, hasher, Optional.of(TileTree.of(tile(120, "e"), hasher))), expected(wide));
  }
}
