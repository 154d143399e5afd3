package org.firebreak.ledger.storage;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a log keeps its files and its journal. Files are named by their tlog-tiles path ({@code checkpoint},
 * {@code tile/0/x001/234}, {@code tile/entries/567.p/8}); the journal holds sequenced entries until the tiles that
 * contain them are durable. A directory is the default ({@link DirectoryStorage}); a database-backed storage keeps
 * everything in one database. Implementations must make each write whole or absent after a crash, never torn.
 */
public interface LedgerStorage extends Closeable {

  /** The file at {@code path}, or empty when there is none. */
  Optional<byte[]> read(String path) throws IOException;

  /** Writes the files, each atomically replacing any earlier one, all durable when this returns. */
  void write(Map<String, byte[]> files) throws IOException;

  /**
   * Writes the files, each atomically replacing any earlier one and visible to readers at once, but durable only
   * once {@link #sync} has been called for them: a crash may lose them (never tear them into something else than
   * the old or the new bytes, or nothing). The ledger uses this for tiles it can rebuild from its journal, so that
   * publishing costs no fsync per file. Storage whose every write is durable anyway just writes.
   */
  default void writeUnsynced(Map<String, byte[]> files) throws IOException {
    write(files);
  }

  /** Makes these files, written by {@link #writeUnsynced}, durable. */
  default void sync(Collection<String> paths) throws IOException {}

  /**
   * Deletes these files where they exist (superseded partial tiles and bundles, once a wider or the full version
   * is durable). A reader holding an older checkpoint uses a wider tile's prefix instead: tiles only grow.
   */
  void delete(Collection<String> paths) throws IOException;

  /** Appends one batch of sequenced entries, the first with index {@code first}, durably (one sync). */
  void journal(long first, List<byte[]> entries) throws IOException;

  /**
   * The journalled entries from index {@code from} on, in order. A batch cut short by a crash is dropped (it was
   * never acknowledged) and the journal is repaired so that later batches follow the last whole one.
   *
   * @throws IOException when the journal does not reach back to {@code from} or is damaged before its end
   */
  List<byte[]> replay(long from) throws IOException;

  /** Forgets journalled entries below {@code size}: the published tiles hold them now. */
  void trim(long size) throws IOException;
}
