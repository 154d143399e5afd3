package org.firebreak.ledger.tree;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 9162 hashing with one reused SHA-256 instance: {@link Hashes} without the cost of looking up a digest per
 * hash, for loops that hash thousands of nodes (tile interiors, publishing). Not thread-safe: one per thread or
 * per task.
 */
public final class Hasher {
  private final MessageDigest md;

  public Hasher() {
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 missing from the JDK", e);
    }
  }

  /** SHA-256(0x00 || entry). */
  public byte[] leafHash(byte[] entry) {
    md.update((byte) 0x00);
    md.update(entry);
    return md.digest();
  }

  /** SHA-256(0x01 || left || right). */
  public byte[] nodeHash(byte[] left, byte[] right) {
    md.update((byte) 0x01);
    md.update(left);
    md.update(right);
    return md.digest();
  }
}
