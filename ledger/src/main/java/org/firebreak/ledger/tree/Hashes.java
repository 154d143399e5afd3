package org.firebreak.ledger.tree;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash functions of RFC 9162 §2.1.1 with SHA-256. The one-byte prefixes keep leaf and node hashes apart, so
 * that no interior node can be passed off as a leaf (second-preimage protection).
 */
public final class Hashes {
  /** Bytes in every hash of the tree. */
  public static final int SIZE = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private Hashes() {}

  /** {@code SHA-256(0x00 || entry)}: the hash of one log entry. */
  public static byte[] leafHash(byte[] entry) {
    MessageDigest md = sha256();
    md.update(LEAF_PREFIX);
    md.update(entry);
    return md.digest();
  }

  /** {@code SHA-256(0x01 || left || right)}: the hash of an interior node. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest md = sha256();
    md.update(NODE_PREFIX);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /** {@code SHA-256("")}: the root of the empty tree. Computed each time so callers may keep or modify it. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /** Constant-time comparison, so that a verifier does not leak how much of a forged root matched. */
  static boolean equal(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  // A fresh instance per call: MessageDigest is not thread-safe, and a shared or thread-local one would be
  // static mutable state. The JDK caches the provider lookup, so this is cheap.
  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest Javadoc), so this cannot happen.
      throw new AssertionError("SHA-256 missing from the JDK", e);
    }
  }
}
