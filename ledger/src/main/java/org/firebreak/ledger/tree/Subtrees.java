package org.firebreak.ledger.tree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a range of leaves splits into complete subtrees, and how their hashes combine. Shared by {@link Proofs} and
 * {@link CompactRange}, which both see a tree (or an incomplete part of one) as "the complete subtrees of its
 * size's binary digits, largest first". Counts and offsets are unsigned.
 */
final class Subtrees {
  private Subtrees() {}

  /**
   * The hashes of the complete subtrees covering leaves {@code [start, start + count)}, largest first: one per set
   * bit of {@code count}. {@code start} must be a multiple of the largest of them, which holds for every node of
   * an RFC 9162 tree (its left edge sits on a multiple of the power of two at or above its size).
   */
  static List<byte[]> read(long start, long count, HashReader reader) throws IOException {
    List<byte[]> hashes = new ArrayList<>(Long.bitCount(count));
    for (int level = 63; level >= 0; level--) {
      long width = 1L << level;
      if ((count & width) != 0) {
        hashes.add(readComplete(level, start >>> level, reader));
        start += width;
      }
    }
    return hashes;
  }

  /**
   * MTH of leaves {@code [start, start + count)}, {@code count >= 1}, reading only its complete subtrees: RFC 9162
   * splits an incomplete tree at the largest power of two below its size, so its root is the right fold of those
   * subtrees' hashes. A complete subtree costs one read.
   */
  static byte[] hash(long start, long count, HashReader reader) throws IOException {
    return foldRight(read(start, count, reader));
  }

  /** {@code nodeHash(h0, nodeHash(h1, ... nodeHash(hk-1, hk)))}: the root over subtree roots, largest first. */
  static byte[] foldRight(List<byte[]> hashes) {
    if (hashes.isEmpty()) {
      return Hashes.emptyRoot();
    }
    byte[] acc = hashes.getLast();
    for (int i = hashes.size() - 2; i >= 0; i--) {
      acc = Hashes.nodeHash(hashes.get(i), acc);
    }
    return acc.clone();
  }

  /** One stored hash, checked: a short or missing hash is a broken store, and would poison every root above it. */
  static byte[] readComplete(int level, long index, HashReader reader) throws IOException {
    byte[] h = reader.hash(level, index);
    if (h == null || h.length != Hashes.SIZE) {
      throw new IOException("hash reader returned " + (h == null ? "null" : h.length + " bytes")
          + " for level " + level + " index " + Long.toUnsignedString(index) + ", want " + Hashes.SIZE + " bytes");
    }
    return h.clone();
  }

  /** The largest power of two strictly below {@code n} (unsigned, {@code n >= 2}): RFC 9162's split point k. */
  static long splitPoint(long n) {
    return Long.highestOneBit(n - 1);
  }

  /** log2 of a power of two. */
  static int level(long powerOfTwo) {
    return Long.numberOfTrailingZeros(powerOfTwo);
  }
}
