package org.firebreak.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactRangeTest {
  private static final int N = 1000;

  @Test
  void appendingMatchesTheRecursiveDefinitionAndReopening() throws IOException {
    List<byte[]> leaves = MemoryTree.randomLeaves(7, N);
    CompactRange range = CompactRange.empty();
    for (int n = 0; n <= N; n++) {
      if (n > 0) {
        range = range.append(leaves.get(n - 1));
      }
      List<byte[]> prefix = leaves.subList(0, n);
      assertThat(range.size()).isEqualTo(n);
      assertThat(range.root()).as("root of %d", n).isEqualTo(Rfc9162Oracle.mth(prefix));

      // The subtree roots are the MTHs of the chunks given by the binary digits of n, largest first.
      List<byte[]> subtrees = range.subtreeRoots();
      assertThat(subtrees).hasSize(Integer.bitCount(n));
      int start = 0;
      int j = 0;
      for (int bit = Integer.highestOneBit(Math.max(n, 1)); bit > 0; bit >>= 1) {
        if ((n & bit) != 0) {
          assertThat(subtrees.get(j++)).isEqualTo(Rfc9162Oracle.mth(leaves.subList(start, start + bit)));
          start += bit;
        }
      }

      MemoryTree stored = new MemoryTree(prefix);
      CompactRange reopened = CompactRange.of(n, stored);
      assertThat(reopened).as("reopened at %d", n).isEqualTo(range);
      assertThat(reopened.hashCode()).isEqualTo(range.hashCode());
      assertThat(stored.reads()).hasSize(Integer.bitCount(n));
    }
  }

  @Test
  void isImmutable() {
    byte[] leaf = Hashes.leafHash(new byte[] {1});
    CompactRange one = CompactRange.empty().append(leaf);
    byte[] root = one.root();
    CompactRange two = one.append(Hashes.leafHash(new byte[] {2}));

    assertThat(one.size()).isEqualTo(1);
    assertThat(one.root()).isEqualTo(root);
    leaf[0] ^= 1;
    one.root()[0] ^= 1;
    one.subtreeRoots().getFirst()[0] ^= 1;
    assertThat(one.root()).isEqualTo(root);
    assertThat(one.subtreeRoots()).containsExactly(root);
    assertThat(two).isNotEqualTo(one);
    assertThat(CompactRange.empty().root()).isEqualTo(Hashes.emptyRoot());
    assertThatThrownBy(() -> one.subtreeRoots().add(root)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesLeafHashesOfTheWrongLength() {
    assertThatThrownBy(() -> CompactRange.empty().append(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CompactRange.empty().append(null)).isInstanceOf(NullPointerException.class);
  }
}
