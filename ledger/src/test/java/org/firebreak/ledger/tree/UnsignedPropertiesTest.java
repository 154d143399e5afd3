package org.firebreak.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Unsigned 64-bit sizes end to end, and arbitrary input to the verifiers: rejected, never a crash. */
class UnsignedPropertiesTest {

  /**
   * Trees of up to 2^64-1 identical leaves: the hash of a complete subtree depends only on its level, so a reader
   * of 64 hashes is consistent, and generation and verification can be exercised at full unsigned width.
   */
  @Property(tries = 500)
  void proofsWorkAtFullUnsignedWidth(@ForAll long a, @ForAll long b) throws Exception {
    long size = Long.compareUnsigned(a, b) >= 0 ? a : b;
    long other = Long.compareUnsigned(a, b) >= 0 ? b : a;
    if (size == 0) {
      return;
    }
    byte[][] byLevel = new byte[64][];
    byLevel[0] = Hashes.leafHash(new byte[] {7});
    for (int level = 1; level < 64; level++) {
      byLevel[level] = Hashes.nodeHash(byLevel[level - 1], byLevel[level - 1]);
    }
    HashReader uniform = (level, index) -> byLevel[level].clone();

    byte[] root = Proofs.root(size, uniform);
    if (other != size) { // other < size, a valid index
      List<byte[]> inclusion = Proofs.inclusion(other, size, uniform);
      assertThat(inclusion.size()).isLessThanOrEqualTo(128);
      Proofs.verifyInclusion(other, size, byLevel[0], inclusion, root);
    }
    if (other != 0) {
      List<byte[]> consistency = Proofs.consistency(other, size, uniform);
      Proofs.verifyConsistency(other, size, consistency, Proofs.root(other, uniform), root);
    }
    assertThat(CompactRange.of(size, uniform).root()).isEqualTo(root);
  }

  /** Any sizes, any proof length up to 130, random hashes: always a ProofException, never anything else. */
  @Property(tries = 200)
  void garbageIsRejectedNeverCrashes(
      @ForAll long x, @ForAll long y, @ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int junk) {
    Random random = new Random(seed);
    for (int length = 0; length <= 130; length++) {
      List<byte[]> proof = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        proof.add(randomBytes(random, junk == 0 && i == length / 2 ? random.nextInt(40) : Hashes.SIZE));
      }
      byte[] h1 = randomBytes(random, junk == 1 ? random.nextInt(40) : Hashes.SIZE);
      byte[] h2 = randomBytes(random, junk == 2 ? random.nextInt(40) : Hashes.SIZE);
      List<byte[]> p = proof;
      if (!(x == y && length == 0)) {
        assertThatThrownBy(() -> Proofs.verifyConsistency(x, y, p, h1, h2)).isInstanceOf(ProofException.class);
      }
      assertThatThrownBy(() -> Proofs.verifyInclusion(x, y, h1, p, h2)).isInstanceOf(ProofException.class);
    }
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
