package org.firebreak.ledger.tree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The right edge of a tree: the roots of its complete subtrees, largest first (RFC 9162 "compact range" from 0).
 * Immutable.
 *
 * <p>This is all an appender needs to keep in memory: one hash per set bit of the size (at most 64), enough to
 * compute the tree head and to fold in the next leaf. Appending merges equal-sized subtrees exactly like a binary
 * counter carries, which is why the subtree count equals {@code Long.bitCount(size)}.
 */
public final class CompactRange {
  private final long size;
  // Never exposed: every accessor copies, so the instance stays immutable although byte[] is not.
  private final List<byte[]> roots;

  private CompactRange(long size, List<byte[]> roots) {
    this.size = size;
    this.roots = roots;
  }

  public static CompactRange empty() {
    return new CompactRange(0, List.of());
  }

  /**
   * Rebuilds the range of the first {@code size} leaves from stored hashes (reopening a log): reads exactly one
   * hash per complete subtree, {@code Long.bitCount(size)} reads in all.
   */
  public static CompactRange of(long size, HashReader reader) throws IOException {
    Objects.requireNonNull(reader, "reader");
    return new CompactRange(size, List.copyOf(Subtrees.read(0, size, reader)));
  }

  /** Number of leaves, unsigned. */
  public long size() {
    return size;
  }

  /** Returns a new range with {@code leafHash} appended as leaf number {@code size()}. */
  public CompactRange append(byte[] leafHash) {
    Objects.requireNonNull(leafHash, "leafHash");
    if (leafHash.length != Hashes.SIZE) {
      throw new IllegalArgumentException("leaf hash is " + leafHash.length + " bytes, want " + Hashes.SIZE);
    }
    if (size == -1L) {
      throw new IllegalStateException("tree is full: 2^64-1 leaves");
    }
    List<byte[]> next = new ArrayList<>(roots);
    byte[] carry = leafHash.clone();
    // Each trailing 1 bit of the old size is a complete subtree as large as the carry: merge them, like +1 in binary.
    for (long s = size; (s & 1) == 1; s >>>= 1) {
      carry = Hashes.nodeHash(next.removeLast(), carry);
    }
    next.add(carry);
    return new CompactRange(size + 1, List.copyOf(next));
  }

  /** The tree head (MTH) of the range; {@link Hashes#emptyRoot()} for size 0. */
  public byte[] root() {
    return Subtrees.foldRight(roots);
  }

  /** Hashes of the complete subtrees, largest first (copies). */
  public List<byte[]> subtreeRoots() {
    return roots.stream().map(byte[]::clone).toList();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CompactRange other) || other.size != size) {
      return false;
    }
    for (int i = 0; i < roots.size(); i++) {
      if (!Arrays.equals(roots.get(i), other.roots.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(size);
    for (byte[] r : roots) {
      h = 31 * h + Arrays.hashCode(r);
    }
    return h;
  }

  @Override
  public String toString() {
    return "CompactRange[size=" + Long.toUnsignedString(size) + ", subtrees=" + roots.size() + "]";
  }
}
