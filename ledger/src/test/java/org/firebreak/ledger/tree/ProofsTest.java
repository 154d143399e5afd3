package org.firebreak.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases of {@link Proofs}: size 0, equal sizes, bad arguments, malformed input, broken stores. */
class ProofsTest {
  private final List<byte[]> leaves = MemoryTree.randomLeaves(42, 16);
  private final MemoryTree tree = new MemoryTree(leaves);

  @Test
  void consistencyFromTheEmptyTreeIsNeitherGeneratedNorAccepted() throws IOException {
    byte[] empty = Hashes.emptyRoot();
    byte[] root5 = Proofs.root(5, tree);
    assertThatThrownBy(() -> Proofs.consistency(0, 5, tree)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proofs.consistency(0, 0, tree)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proofs.verifyConsistency(0, 0, List.of(), empty, empty))
        .isInstanceOf(ProofException.class).hasMessageContaining("empty tree");
    assertThatThrownBy(() -> Proofs.verifyConsistency(0, 5, List.of(), empty, root5))
        .isInstanceOf(ProofException.class).hasMessageContaining("empty tree");
  }

  @Test
  void equalSizesNeedAnEmptyProofAndEqualRoots() throws Exception {
    byte[] root = Proofs.root(7, tree);
    assertThat(Proofs.consistency(7, 7, tree)).isEmpty();
    Proofs.verifyConsistency(7, 7, List.of(), root, root);
    assertThatThrownBy(() -> Proofs.verifyConsistency(7, 7, List.of(root), root, root))
        .isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> Proofs.verifyConsistency(7, 7, List.of(), root, Proofs.root(6, tree)))
        .isInstanceOf(ProofException.class);
  }

  @Test
  void generationRefusesImpossibleRequests() {
    assertThatThrownBy(() -> Proofs.inclusion(5, 5, tree)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proofs.inclusion(0, 0, tree)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proofs.inclusion(-1, 5, tree)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proofs.consistency(6, 5, tree)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verificationRejectsMalformedInput() throws IOException {
    byte[] root = Proofs.root(8, tree);
    List<byte[]> proof = Proofs.inclusion(3, 8, tree);
    byte[] leaf = leaves.get(3);
    assertThatCode(() -> Proofs.verifyInclusion(3, 8, leaf, proof, root)).doesNotThrowAnyException();

    assertThatThrownBy(() -> Proofs.verifyInclusion(3, 8, null, proof, root)).isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> Proofs.verifyInclusion(3, 8, leaf, null, root)).isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> Proofs.verifyInclusion(3, 8, leaf, proof, null)).isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> Proofs.verifyInclusion(3, 8, leaf, Collections.singletonList(null), root))
        .isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> Proofs.verifyInclusion(3, 8, leaf, proof, new byte[33]))
        .isInstanceOf(ProofException.class).hasMessageContaining("33 bytes");
    assertThatThrownBy(() -> Proofs.verifyInclusion(8, 8, leaf, proof, root))
        .isInstanceOf(ProofException.class).hasMessageContaining("not in a tree");
    assertThatThrownBy(() -> Proofs.verifyInclusion(3, 8, leaf, proof.subList(0, 2), root))
        .isInstanceOf(ProofException.class).hasMessageContaining("want 3");
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(root);
    assertThatThrownBy(() -> Proofs.verifyInclusion(3, 8, leaf, longer, root))
        .isInstanceOf(ProofException.class).hasMessageContaining("want 3");
    // Unsigned: -1 is 2^64-1, far beyond the tree, not a negative number to wrap around.
    assertThatThrownBy(() -> Proofs.verifyInclusion(-1, 8, leaf, proof, root))
        .isInstanceOf(ProofException.class).hasMessageContaining("18446744073709551615");
    assertThatThrownBy(() -> Proofs.verifyConsistency(-1, 8, proof, root, root))
        .isInstanceOf(ProofException.class).hasMessageContaining("larger");
  }

  @Test
  void inclusionProofBindsTheSizeOnlyThroughItsShape() throws Exception {
    // RFC 9162 §2.1.3.2 walks the path using only index and size-1, and a proof for leaf 0 of 5 leaves has the
    // same shape as one for leaf 0 of 7 (right siblings at three levels). So the same (leaf, proof, root)
    // verifies under both sizes: nothing but a signed checkpoint, which commits to size and root together, ties
    // a root to its size. Receipts must therefore always check the checkpoint signature, never a bare root.
    byte[] root5 = Proofs.root(5, tree);
    List<byte[]> proof = Proofs.inclusion(0, 5, tree);
    Proofs.verifyInclusion(0, 5, leaves.get(0), proof, root5);
    Proofs.verifyInclusion(0, 7, leaves.get(0), proof, root5);
    assertThat(Rfc9162Oracle.inclusionShape(0, 5)).isEqualTo(Rfc9162Oracle.inclusionShape(0, 7));
  }

  @Test
  void brokenStoreIsAnIOException() {
    HashReader shortHashes = (level, index) -> new byte[31];
    HashReader nulls = (level, index) -> null;
    assertThatThrownBy(() -> Proofs.root(3, shortHashes)).isInstanceOf(IOException.class).hasMessageContaining("31");
    assertThatThrownBy(() -> Proofs.inclusion(0, 3, nulls)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> CompactRange.of(3, nulls)).isInstanceOf(IOException.class);
  }

  @Test
  void readsOnlyCompleteSubtreesForPowerOfTwoTrees() throws IOException {
    // In a complete tree every sibling on a path is itself complete: exactly one read per proof hash.
    for (int index = 0; index < 16; index++) {
      tree.resetReads();
      assertThat(Proofs.inclusion(index, 16, tree)).hasSize(4);
      assertThat(tree.reads()).hasSize(4);
    }
  }
}
