package org.firebreak.ledger.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry bundle of c2sp.org/tlog-tiles: each entry as a big-endian uint16 length and its bytes, so an entry is at
 * most 65,535 bytes.
 */
public final class EntryBundle {
  public static final int MAX_ENTRY = 0xFFFF;

  private EntryBundle() {}

  public static byte[] encode(List<byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] e : entries) {
      append(out, e);
    }
    return out.toByteArray();
  }

  /** Appends one entry's encoding: a bundle is its entries' encodings one after another. */
  public static void append(ByteArrayOutputStream out, byte[] entry) {
    if (entry.length > MAX_ENTRY) {
      throw new IllegalArgumentException("entry of " + entry.length + " bytes exceeds " + MAX_ENTRY);
    }
    out.write(entry.length >>> 8);
    out.write(entry.length & 0xFF);
    out.writeBytes(entry);
  }

  /** Decodes a bundle; a truncated or overlong bundle is an error naming the byte offset. */
  public static List<byte[]> decode(byte[] bundle) {
    List<byte[]> entries = new ArrayList<>();
    int i = 0;
    while (i < bundle.length) {
      if (i + 2 > bundle.length) {
        throw new IllegalArgumentException("truncated length at byte " + i);
      }
      int len = ((bundle[i] & 0xFF) << 8) | (bundle[i + 1] & 0xFF);
      i += 2;
      if (i + len > bundle.length) {
        throw new IllegalArgumentException("entry " + entries.size() + " at byte " + (i - 2) + " runs past the end");
      }
      byte[] e = new byte[len];
      System.arraycopy(bundle, i, e, 0, len);
      entries.add(e);
      i += len;
    }
    return entries;
  }
}
