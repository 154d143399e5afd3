package org.firebreak.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Generated proofs verify, equal the RFC's recursive definitions, read only what they must, and every one-bit
 * change to what they prove breaks them. Trees are random leaves, 1..5000 of them.
 */
class ProofPropertiesTest {

  @Property(tries = 300)
  void inclusionProofsVerify(
      @ForAll @IntRange(min = 1, max = 5000) int size,
      @ForAll @IntRange(min = 0, max = 4999) int rawIndex,
      @ForAll long seed) throws Exception {
    int index = rawIndex % size;
    List<byte[]> leaves = MemoryTree.randomLeaves(seed, size);
    MemoryTree tree = new MemoryTree(leaves);

    byte[] root = Proofs.root(size, tree);
    assertThat(root).isEqualTo(Rfc9162Oracle.mth(leaves));
    tree.resetReads();

    List<byte[]> proof = Proofs.inclusion(index, size, tree);
    assertThat(proof).containsExactlyElementsOf(Rfc9162Oracle.path(index, leaves));
    assertThat(tree.reads()).hasSize(minimalInclusionReads(index, size));
    assertThat(tree.resetReads()).as("no subtree read twice").isTrue();

    Proofs.verifyInclusion(index, size, leaves.get(index), proof, root);
  }

  @Property(tries = 300)
  void consistencyProofsVerify(
      @ForAll @IntRange(min = 1, max = 5000) int size2,
      @ForAll @IntRange(min = 1, max = 5000) int rawSize1,
      @ForAll long seed) throws Exception {
    int size1 = 1 + (rawSize1 - 1) % size2;
    List<byte[]> leaves = MemoryTree.randomLeaves(seed, size2);
    MemoryTree tree = new MemoryTree(leaves);
    byte[] root1 = Proofs.root(size1, tree);
    byte[] root2 = Proofs.root(size2, tree);
    assertThat(root1).isEqualTo(Rfc9162Oracle.mth(leaves.subList(0, size1)));
    tree.resetReads();

    List<byte[]> proof = Proofs.consistency(size1, size2, tree);
    assertThat(proof).containsExactlyElementsOf(Rfc9162Oracle.proof(size1, leaves));
    assertThat(tree.reads()).hasSize(minimalConsistencyReads(size1, size2, true));
    assertThat(tree.resetReads()).as("no subtree read twice").isTrue();

    Proofs.verifyConsistency(size1, size2, proof, root1, root2);
  }

  @Property(tries = 100)
  void everyOneBitChangeBreaksAnInclusionProof(
      @ForAll @IntRange(min = 1, max = 5000) int size,
      @ForAll @IntRange(min = 0, max = 4999) int rawIndex,
      @ForAll long seed) throws Exception {
    int index = rawIndex % size;
    List<byte[]> leaves = MemoryTree.randomLeaves(seed, size);
    MemoryTree tree = new MemoryTree(leaves);
    byte[] root = Proofs.root(size, tree);
    byte[] leaf = leaves.get(index);
    List<byte[]> proof = Proofs.inclusion(index, size, tree);

    for (int i = 0; i < proof.size(); i++) {
      for (int bit = 0; bit < Hashes.SIZE * 8; bit++) {
        List<byte[]> bad = flip(proof, i, bit);
        rejected(() -> Proofs.verifyInclusion(index, size, leaf, bad, root));
      }
    }
    for (int bit = 0; bit < Hashes.SIZE * 8; bit++) {
      byte[] badRoot = flip(root, bit);
      byte[] badLeaf = flip(leaf, bit);
      rejected(() -> Proofs.verifyInclusion(index, size, leaf, proof, badRoot));
      rejected(() -> Proofs.verifyInclusion(index, size, badLeaf, proof, root));
    }
    for (int bit = 0; bit < 64; bit++) {
      long badIndex = index ^ (1L << bit);
      rejected(() -> Proofs.verifyInclusion(badIndex, size, leaf, proof, root));
    }
    // An RFC 9162 inclusion proof pins the tree size only through the shape of the path (see
    // ProofsTest.inclusionProofBindsTheSizeOnlyThroughItsShape): another size whose RFC path has the very same
    // hash expression is accepted by every conforming verifier. Every other size must be rejected.
    String shape = Rfc9162Oracle.inclusionShape(index, size);
    for (int bit = 0; bit < 64; bit++) {
      long badSize = size ^ (1L << bit);
      if (Long.compareUnsigned(index, badSize) < 0 && Rfc9162Oracle.inclusionShape(index, badSize).equals(shape)) {
        assertThatCode(() -> Proofs.verifyInclusion(index, badSize, leaf, proof, root)).doesNotThrowAnyException();
      } else {
        rejected(() -> Proofs.verifyInclusion(index, badSize, leaf, proof, root));
      }
    }
  }

  @Property(tries = 100)
  void everyOneBitChangeBreaksAConsistencyProof(
      @ForAll @IntRange(min = 1, max = 5000) int size2,
      @ForAll @IntRange(min = 1, max = 5000) int rawSize1,
      @ForAll long seed) throws Exception {
    int size1 = 1 + (rawSize1 - 1) % size2;
    List<byte[]> leaves = MemoryTree.randomLeaves(seed, size2);
    MemoryTree tree = new MemoryTree(leaves);
    byte[] root1 = Proofs.root(size1, tree);
    byte[] root2 = Proofs.root(size2, tree);
    List<byte[]> proof = Proofs.consistency(size1, size2, tree);

    for (int i = 0; i < proof.size(); i++) {
      for (int bit = 0; bit < Hashes.SIZE * 8; bit++) {
        List<byte[]> bad = flip(proof, i, bit);
        rejected(() -> Proofs.verifyConsistency(size1, size2, bad, root1, root2));
      }
    }
    for (int bit = 0; bit < Hashes.SIZE * 8; bit++) {
      byte[] bad1 = flip(root1, bit);
      byte[] bad2 = flip(root2, bit);
      rejected(() -> Proofs.verifyConsistency(size1, size2, proof, bad1, root2));
      rejected(() -> Proofs.verifyConsistency(size1, size2, proof, root1, bad2));
    }
    // As for inclusion, the sizes are pinned only through the shape of the proof; see the comment there.
    String shape = Rfc9162Oracle.consistencyShape(size1, size2);
    for (int bit = 0; bit < 64; bit++) {
      long bad1 = size1 ^ (1L << bit);
      long bad2 = size2 ^ (1L << bit);
      expectSameShapeOnly(shape, bad1, size2, () -> Proofs.verifyConsistency(bad1, size2, proof, root1, root2));
      expectSameShapeOnly(shape, size1, bad2, () -> Proofs.verifyConsistency(size1, bad2, proof, root1, root2));
    }
  }

  private static void expectSameShapeOnly(String shape, long size1, long size2, Verification v) {
    boolean wellFormed = size1 != 0 && Long.compareUnsigned(size1, size2) <= 0;
    if (wellFormed && Rfc9162Oracle.consistencyShape(size1, size2).equals(shape)) {
      assertThatCode(v::run).doesNotThrowAnyException();
    } else {
      rejected(v);
    }
  }

  /** Reads the RFC recursion needs: one per complete left sibling, one per complete part of a right sibling. */
  private static int minimalInclusionReads(long m, long n) {
    if (n == 1) {
      return 0;
    }
    long k = Long.highestOneBit(n - 1);
    return m < k ? minimalInclusionReads(m, k) + Long.bitCount(n - k) : minimalInclusionReads(m - k, n - k) + 1;
  }

  private static int minimalConsistencyReads(long m, long n, boolean b) {
    if (m == n) {
      return b ? 0 : 1;
    }
    long k = Long.highestOneBit(n - 1);
    return m <= k
        ? minimalConsistencyReads(m, k, b) + Long.bitCount(n - k)
        : minimalConsistencyReads(m - k, n - k, false) + 1;
  }

  @FunctionalInterface
  interface Verification {
    void run() throws ProofException;
  }

  private static void rejected(Verification v) {
    assertThatThrownBy(v::run).isInstanceOf(ProofException.class);
  }

  private static byte[] flip(byte[] hash, int bit) {
    byte[] copy = hash.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  private static List<byte[]> flip(List<byte[]> proof, int index, int bit) {
    List<byte[]> copy = new ArrayList<>(proof);
    copy.set(index, flip(proof.get(index), bit));
    return copy;
  }
}
