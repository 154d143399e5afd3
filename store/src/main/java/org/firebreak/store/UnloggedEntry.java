package org.firebreak.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * The public ledger entry of a stored request whose ledger index is not recorded yet. It is stored with the request
 * (one commit) before it is appended, and its index is recorded later without anyone waiting for it; so after a
 * crash the entry is still here, and whoever opens the store and the log next finds it in the log from {@code
 * floor} on, or appends it.
 *
 * @param requestId the request the entry is the public projection of
 * @param entry the entry's bytes, at most 65,535 (a ledger entry's limit)
 * @param floor the log's size when the request was stored: the entry cannot sit at a lower index
 */
public record UnloggedEntry(String requestId, byte[] entry, long floor) {
  public UnloggedEntry {
    Checks.idArg(requestId, "requestId");
    Objects.requireNonNull(entry, "entry");
    if (entry.length == 0 || entry.length > 65_535) {
      throw new StoreException(StoreException.Kind.INVALID, "a ledger entry has 1 to 65,535 bytes; this one has "
          + entry.length);
    }
    if (floor < 0) {
      throw new StoreException(StoreException.Kind.INVALID, "the ledger floor must not be negative: " + floor);
    }
    entry = entry.clone();
  }

  @Override
  public byte[] entry() {
    return entry.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnloggedEntry u && requestId.equals(u.requestId) && Arrays.equals(entry, u.entry)
        && floor == u.floor;
  }

  @Override
  public int hashCode() {
    return Objects.hash(requestId, floor) * 31 + Arrays.hashCode(entry);
  }

  @Override
  public String toString() {
    return "UnloggedEntry[request=" + requestId + ", " + entry.length + " bytes, floor=" + floor + "]";
  }
}
