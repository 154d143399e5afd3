package org.firebreak.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firebreak.ledger.note.NoteException;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.storage.LedgerStorage;
import org.firebreak.ledger.tiles.EntryBundle;
import org.firebreak.ledger.tiles.TileHashes;
import org.firebreak.ledger.tiles.TileId;
import org.firebreak.ledger.tree.Hashes;
import org.firebreak.ledger.tree.Proofs;

/**
 * Proofs and hashes of a published tree, read from its tiles. Reading never writes, so it is safe on a log another
 * process is appending to. Immutable apart from its tile cache and the last entry bundle it decoded.
 */
public final class LogReader {
  private final LedgerStorage storage;
  private final SignedCheckpoint checkpoint;
  private final TileHashes.Cache cache;

  /** An entry bundle as decoded: reading entries in order decodes each bundle once, not once per entry. */
  private record DecodedBundle(long index, List<byte[]> entries) {}

  private volatile DecodedBundle lastBundle;

  LogReader(LedgerStorage storage, SignedCheckpoint checkpoint, TileHashes.Cache cache) {
    this.storage = storage;
    this.checkpoint = checkpoint;
    this.cache = cache;
  }

  /** A reader of the log's current checkpoint, verified with {@code key}. */
  public static LogReader open(LedgerStorage storage, NoteVerifier key) throws IOException {
    byte[] note = storage.read(Ledger.CHECKPOINT).orElseThrow(() -> new LedgerException("no log here"));
    try {
      return new LogReader(storage, SignedCheckpoint.parse(new String(note, StandardCharsets.UTF_8),
          List.of(key)), TileHashes.newCache(256));
    } catch (NoteException e) {
      throw new LedgerException("the checkpoint does not verify: " + e.getMessage(), e);
    }
  }

  public SignedCheckpoint checkpoint() {
    return checkpoint;
  }

  public long size() {
    return checkpoint.checkpoint().size();
  }

  public byte[] leafHash(long index) throws IOException {
    check(index, size());
    return tiles().hash(0, index);
  }

  /** The bytes of entry {@code index}, from its entry bundle. */
  public byte[] entry(long index) throws IOException {
    check(index, size());
    long bundle = index / TileId.WIDTH;
    int width = TileId.widthAt(0, bundle, size());
    DecodedBundle decoded = lastBundle;
    if (decoded == null || decoded.index() != bundle) {
      Optional<byte[]> data = storage.read(TileId.bundlePath(bundle, width));
      for (int w = width + 1; data.isEmpty() && w <= TileId.WIDTH; w++) {
        data = storage.read(TileId.bundlePath(bundle, w)); // grown since this checkpoint: its prefix is the same
      }
      decoded = new DecodedBundle(bundle, EntryBundle.decode(data.orElseThrow(
          () -> new IOException("missing entry bundle " + TileId.bundlePath(bundle, width)))));
      lastBundle = decoded;
    }
    int at = (int) (index % TileId.WIDTH);
    if (at >= decoded.entries().size()) {
      throw new IOException("entry bundle " + TileId.bundlePath(bundle, width) + " is short");
    }
    return decoded.entries().get(at).clone(); // the decoded bundle is kept: callers get their own copy
  }

  /** An inclusion proof for entry {@code index} in the tree of {@code size} entries (size <= published). */
  public List<byte[]> inclusionProof(long index, long size) throws IOException {
    checkSize(size);
    check(index, size);
    return Proofs.inclusion(index, size, tiles());
  }

  /** A consistency proof between sizes {@code 0 < size1 <= size2 <= published}. */
  public List<byte[]> consistencyProof(long size1, long size2) throws IOException {
    checkSize(size2);
    if (size1 <= 0 || size1 > size2) {
      throw new LedgerException("a consistency proof needs 0 < from <= to; got from " + size1 + ", to " + size2
          + " (from size 0 no proof is needed: the empty tree is a prefix of every tree)");
    }
    return Proofs.consistency(size1, size2, tiles());
  }

  /** The root of the tree of the first {@code size} entries. */
  public byte[] root(long size) throws IOException {
    checkSize(size);
    return size == 0 ? Hashes.emptyRoot() : Proofs.root(size, tiles());
  }

  private TileHashes tiles() {
    return new TileHashes(storage, size(), cache);
  }

  private void checkSize(long size) {
    if (size < 0 || size > size()) {
      throw new LedgerException("size " + size + " is beyond the published tree of " + size());
    }
  }

  private static void check(long index, long size) {
    if (index < 0 || index >= size) {
      throw new LedgerException("index " + index + " is not in a tree of " + size + " entries");
    }
  }
}
