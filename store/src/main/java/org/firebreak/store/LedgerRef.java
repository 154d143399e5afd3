package org.firebreak.store;

import java.util.Arrays;
import java.util.HexFormat;
import org.firebreak.core.model.InvalidFieldException;

/** Where an entry sits in the ledger: its index and its RFC 9162 leaf hash (32 bytes). */
public record LedgerRef(long index, byte[] leafHash) {
  public LedgerRef {
    if (index < 0) {
      throw new InvalidFieldException("index", "must not be negative");
    }
    InvalidFieldException.required(leafHash, "leafHash");
    if (leafHash.length != 32) {
      throw new InvalidFieldException("leafHash", "must be 32 bytes (SHA-256); has " + leafHash.length);
    }
    leafHash = leafHash.clone();
  }

  @Override
  public byte[] leafHash() {
    return leafHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LedgerRef r && r.index == index && Arrays.equals(r.leafHash, leafHash);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + Arrays.hashCode(leafHash);
  }

  @Override
  public String toString() {
    return "LedgerRef[index=" + index + ", leafHash=" + HexFormat.of().formatHex(leafHash) + "]";
  }
}
