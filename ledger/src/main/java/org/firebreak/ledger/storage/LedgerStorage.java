package org.firebreak.ledger.storage;

import java.io.Closeable;
import java.io.IOException;
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
   * Removes the partial versions ({@code path.p/<W>}) of a tile or bundle other than width {@code keepWidth} (0:
   * all of them), once a wider or the full version is durable and published. A reader holding an older checkpoint
   * uses a wider tile's prefix instead: tiles only grow.
   */
  void deletePartials(String fullPath, int keepWidth) throws IOException;

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
