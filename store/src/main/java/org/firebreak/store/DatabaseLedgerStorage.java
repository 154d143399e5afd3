package org.firebreak.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32C;
import org.firebreak.ledger.storage.LedgerStorage;
import org.jdbi.v3.core.Handle;

/**
 * A ledger's files and journal in the store's database, so that a PostgreSQL deployment keeps everything in one
 * place. {@code ledger_files(path, partial_of, data)} holds the tlog-tiles files by path; {@code
 * ledger_journal(first_index, entry_count, batch, crc)} one row per journalled batch. Each {@link #write} and each
 * {@link #journal} is one transaction, durable at commit ({@code synchronous=FULL} on SQLite, a synchronous commit on
 * PostgreSQL), so a crash leaves a write whole or absent. {@link #close()} closes this view, not the store.
 */
public final class DatabaseLedgerStorage implements LedgerStorage {
  private final Db db;
  private volatile boolean closed;

  DatabaseLedgerStorage(Db db) {
    this.db = db;
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    checkPath(path);
    return io(() -> db.read("read ledger file " + path, h -> h.createQuery(
            "SELECT data FROM ledger_files WHERE path = :p")
        .bind("p", path).map((rs, ctx) -> rs.getBytes("data")).findOne()));
  }

  @Override
  public void write(Map<String, byte[]> files) throws IOException {
    Objects.requireNonNull(files, "files");
    if (files.isEmpty()) {
      return;
    }
    inTransaction("write " + files.size() + " ledger files", h -> {
      var batch = h.prepareBatch("INSERT INTO ledger_files (path, partial_of, data) VALUES (:p, :of, :d) "
          + "ON CONFLICT (path) DO UPDATE SET partial_of = excluded.partial_of, data = excluded.data");
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        checkPath(f.getKey()); // inside the transaction: a bad path anywhere in the map stores nothing
        Objects.requireNonNull(f.getValue(), f.getKey());
        batch.bind("p", f.getKey()).bind("of", partialOf(f.getKey())).bind("d", f.getValue()).add();
      }
      batch.execute();
      return null;
    });
  }

  @Override
  public void delete(Collection<String> paths) throws IOException {
    Objects.requireNonNull(paths, "paths");
    if (paths.isEmpty()) {
      return;
    }
    inTransaction("delete " + paths.size() + " superseded ledger files", h -> {
      var batch = h.prepareBatch("DELETE FROM ledger_files WHERE path = :p");
      for (String path : paths) {
        checkPath(path);
        batch.bind("p", path).add();
      }
      batch.execute();
      return null;
    });
  }

  @Override
  public void journal(long first, List<byte[]> entries) throws IOException {
    Objects.requireNonNull(entries, "entries");
    if (first < 0) {
      throw new IllegalArgumentException("a journal batch starts at index 0 or later: " + first);
    }
    byte[] batch = encode(entries);
    inTransaction("journal " + entries.size() + " ledger entries at " + first, h -> h.createUpdate(
            "INSERT INTO ledger_journal (first_index, entry_count, batch, crc) VALUES (:f, :n, :b, :c)")
        .bind("f", first).bind("n", entries.size()).bind("b", batch).bind("c", crc(batch)).execute());
  }

  @Override
  public List<byte[]> replay(long from) throws IOException {
    record Row(long first, int count, byte[] batch, int crc) {}
    List<Row> rows = io(() -> db.read("replay the ledger journal", h -> h.createQuery(
            "SELECT first_index, entry_count, batch, crc FROM ledger_journal ORDER BY first_index")
        .map((rs, ctx) -> new Row(rs.getLong("first_index"), rs.getInt("entry_count"), rs.getBytes("batch"),
            rs.getInt("crc")))
        .list()));
    List<byte[]> out = new ArrayList<>();
    long next = -1;
    for (Row r : rows) {
      if (crc(r.batch()) != r.crc()) {
        throw new IOException("ledger_journal: the batch at index " + r.first() + " is damaged (CRC mismatch)");
      }
      List<byte[]> entries = decode(r.batch(), r.first());
      if (entries.size() != r.count()) {
        throw new IOException("ledger_journal: the batch at index " + r.first() + " holds " + entries.size()
            + " entries, its row says " + r.count());
      }
      if (next >= 0 && r.first() != next) {
        throw new IOException("ledger_journal has a gap: expected index " + next + ", found " + r.first());
      }
      for (int i = 0; i < entries.size(); i++) {
        if (r.first() + i >= from) {
          out.add(entries.get(i));
        }
      }
      next = r.first() + entries.size();
    }
    if (!rows.isEmpty() && rows.get(0).first() > from && !out.isEmpty()) {
      throw new IOException("ledger_journal starts at index " + rows.get(0).first() + " but the tiles end at " + from);
    }
    return out;
  }

  @Override
  public void trim(long size) throws IOException {
    inTransaction("trim the ledger journal", h -> h.createUpdate(
            "DELETE FROM ledger_journal WHERE first_index + entry_count <= :size")
        .bind("size", size).execute());
  }

  @Override
  public void close() {
    closed = true;
  }

  // ---- internals

  /** The full tile or bundle a partial one ({@code X.p/W}) is a prefix of; null for a path that is not partial. */
  static String partialOf(String path) {
    int p = path.indexOf(".p/");
    return p > 0 ? path.substring(0, p) : null;
  }

  /** The same paths {@code DirectoryStorage} accepts: relative, without {@code ..}. */
  private static void checkPath(String path) {
    Objects.requireNonNull(path, "path");
    if (path.isEmpty() || path.startsWith("/") || path.contains("..") || path.contains("\\")
        || path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("path outside the log: " + path);
    }
  }

  private <R> R inTransaction(String what, Function<Handle, R> work) throws IOException {
    return io(() -> db.write(what, work));
  }

  private interface Io<R> {
    R run();
  }

  /** Database failures are I/O failures to a ledger. */
  private <R> R io(Io<R> work) throws IOException {
    if (closed) {
      throw new IOException("the ledger storage is closed");
    }
    try {
      return work.run();
    } catch (StoreFailureException | StoreException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** count (4 bytes), then per entry its length (2 bytes) and bytes; entries are at most 65,535 bytes. */
  private static byte[] encode(List<byte[]> entries) {
    int size = 4;
    for (byte[] e : entries) {
      if (e.length > 0xFFFF) {
        throw new IllegalArgumentException("a ledger entry is at most 65535 bytes; this one has " + e.length);
      }
      size += 2 + e.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size).putInt(entries.size());
    for (byte[] e : entries) {
      b.putShort((short) e.length).put(e);
    }
    return b.array();
  }

  private static List<byte[]> decode(byte[] batch, long first) throws IOException {
    try {
      ByteBuffer b = ByteBuffer.wrap(batch);
      int n = b.getInt();
      if (n < 0) {
        throw new IOException("ledger_journal: the batch at index " + first + " has a negative count");
      }
      List<byte[]> out = new ArrayList<>(Math.min(n, 1 << 16));
      for (int i = 0; i < n; i++) {
        byte[] e = new byte[b.getShort() & 0xFFFF];
        b.get(e);
        out.add(e);
      }
      if (b.hasRemaining()) {
        throw new IOException("ledger_journal: the batch at index " + first + " has trailing bytes");
      }
      return out;
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException("ledger_journal: the batch at index " + first + " is cut short", e);
    }
  }

  private static int crc(byte[] batch) {
    CRC32C c = new CRC32C();
    c.update(batch);
    return (int) c.getValue();
  }
}
