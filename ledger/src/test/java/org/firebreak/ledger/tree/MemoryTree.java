package org.firebreak.ledger.tree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * An in-memory {@link HashReader} over a fixed list of leaf hashes, like a tile store would be: it holds the hash
 * of every complete subtree, and refuses (AssertionError) to answer for a subtree that is not complete in the tree
 * of {@code size} leaves, so a test sees any read that a tile server could not serve. It records the reads.
 */
final class MemoryTree implements HashReader {
  private final List<List<byte[]>> levels = new ArrayList<>();
  private final long size;
  private final List<String> reads = new ArrayList<>();

  MemoryTree(List<byte[]> leafHashes) {
    this(leafHashes, leafHashes.size());
  }

  /** A reader for the tree of the first {@code size} of {@code leafHashes}. */
  MemoryTree(List<byte[]> leafHashes, long size) {
    this.size = size;
    List<byte[]> level = List.copyOf(leafHashes);
    while (!level.isEmpty()) {
      levels.add(level);
      List<byte[]> up = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        up.add(Hashes.nodeHash(level.get(i), level.get(i + 1)));
      }
      level = up;
    }
  }

  static List<byte[]> randomLeaves(long seed, int n) {
    Random random = new Random(seed);
    List<byte[]> leaves = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] entry = new byte[1 + random.nextInt(40)];
      random.nextBytes(entry);
      leaves.add(Hashes.leafHash(entry));
    }
    return leaves;
  }

  @Override
  public byte[] hash(int level, long index) {
    if (level < 0 || level >= levels.size() || index < 0 || index >= size >>> level) {
      throw new AssertionError("asked for level " + level + " index " + index + ", not a complete subtree of a tree"
          + " of size " + size);
    }
    reads.add(level + "/" + index);
    return levels.get(level).get((int) index).clone();
  }

  List<String> reads() {
    return List.copyOf(reads);
  }

  /** Forgets the reads so far; true if no subtree was read twice. */
  boolean resetReads() {
    Set<String> distinct = new HashSet<>(reads);
    boolean unique = distinct.size() == reads.size();
    reads.clear();
    return unique;
  }
}
