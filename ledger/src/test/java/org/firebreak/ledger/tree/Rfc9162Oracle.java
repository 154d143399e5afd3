package org.firebreak.ledger.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1 written as literally as the RFC writes it (recursion over lists of leaves), used only as the test
 * oracle for the iterative production code. Slow on purpose: no sharing, no cleverness.
 */
public final class Rfc9162Oracle {
  private Rfc9162Oracle() {}

  /** §2.1.1 MTH(D[n]) over leaf hashes (the "leaves" here are already HASH(0x00 || d)). */
  public static byte[] mth(List<byte[]> leafHashes) {
    int n = leafHashes.size();
    if (n == 0) {
      return Hashes.emptyRoot();
    }
    if (n == 1) {
      return leafHashes.getFirst().clone();
    }
    int k = largestPowerOfTwoBelow(n);
    return Hashes.nodeHash(mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, n)));
  }

  /** §2.1.3.1 PATH(m, D[n]). */
  static List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    if (n == 1) {
      return new ArrayList<>();
    }
    int k = largestPowerOfTwoBelow(n);
    List<byte[]> out;
    if (m < k) {
      out = path(m, d.subList(0, k));
      out.add(mth(d.subList(k, n)));
    } else {
      out = path(m - k, d.subList(k, n));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /** §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
  static List<byte[]> proof(int m, List<byte[]> d) {
    return subproof(m, d, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    if (m == n) {
      List<byte[]> out = new ArrayList<>();
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = largestPowerOfTwoBelow(n);
    List<byte[]> out;
    if (m <= k) {
      out = subproof(m, d.subList(0, k), b);
      out.add(mth(d.subList(k, n)));
    } else {
      out = subproof(m - k, d.subList(k, n), false);
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /**
   * The root of PATH(m, D[n]) written as an expression over proof positions: "L" is the leaf, "pI" the I-th proof
   * hash. Two statements (m, n) with the same expression are accepted by the same proof and root, whatever the
   * verifier: the RFC's proofs bind the index, but the tree size only through the shape of the path. Unsigned.
   */
  static String inclusionShape(long m, long n) {
    return inclusionShape(m, n, new int[1]);
  }

  private static String inclusionShape(long m, long n, int[] used) {
    if (n == 1) {
      return "L";
    }
    long k = Long.highestOneBit(n - 1);
    if (Long.compareUnsigned(m, k) < 0) {
      String inner = inclusionShape(m, k, used);
      return "H(" + inner + ",p" + used[0]++ + ")";
    }
    String inner = inclusionShape(m - k, n - k, used);
    return "H(p" + used[0]++ + "," + inner + ")";
  }

  /**
   * The (old root, new root) pair of SUBPROOF(m, D[n], true) as expressions over proof positions; "R1" is the
   * old root itself when the proof omits it. Same idea as {@link #inclusionShape}. Unsigned, 0 < m <= n.
   */
  static String consistencyShape(long m, long n) {
    String[] roots = consistencyShape(m, n, true, new int[1]);
    return roots[0] + " / " + roots[1];
  }

  private static String[] consistencyShape(long m, long n, boolean b, int[] used) {
    if (m == n) {
      if (b) {
        return new String[] {"R1", "R1"};
      }
      String p = "p" + used[0]++;
      return new String[] {p, p};
    }
    long k = Long.highestOneBit(n - 1);
    if (Long.compareUnsigned(m, k) <= 0) {
      String[] inner = consistencyShape(m, k, b, used);
      return new String[] {inner[0], "H(" + inner[1] + ",p" + used[0]++ + ")"};
    }
    String[] inner = consistencyShape(m - k, n - k, false, used);
    String p = "p" + used[0]++;
    return new String[] {"H(" + p + "," + inner[0] + ")", "H(" + p + "," + inner[1] + ")"};
  }

  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }
}
