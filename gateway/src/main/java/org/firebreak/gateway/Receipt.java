package org.firebreak.gateway;

import java.util.List;

/**
 * Proof that a decision was logged: the entry's index and leaf hash, an inclusion proof in the tree of
 * {@code treeSize} entries, and the signed checkpoint of that tree. Anyone with the log's verifier key can check
 * it offline ({@code firebreak ledger verify-proof}).
 */
public record Receipt(long index, byte[] leafHash, long treeSize, List<byte[]> inclusionProof, String checkpoint) {
  public Receipt {
    leafHash = leafHash.clone();
    inclusionProof = inclusionProof.stream().map(byte[]::clone).toList();
  }

  @Override
  public byte[] leafHash() {
    return leafHash.clone();
  }
}
