package org.firebreak.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.firebreak.store.StoreException.Kind;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.StatementContext;
import org.postgresql.util.PSQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The store's access to its database: reads, write transactions, and the few things the vendors do differently.
 *
 * <p>Writes. Every write is one transaction. A thread inside a write transaction has its handle bound, so repository
 * calls it makes join that transaction ({@link Store#inTransaction}). On SQLite, write transactions of this process
 * are serialised by one lock: SQLite has one writer at a time anyway, and waiting on a Java lock is cheaper and fairer
 * than each connection polling SQLite's file lock. Connections also begin transactions IMMEDIATE with a busy timeout,
 * so a writer of another process waits instead of failing with SQLITE_BUSY. Reads run on their own pooled connections
 * and, with WAL, never wait for the writer.
 *
 * <p>Times. PostgreSQL keeps them as {@code timestamptz}; SQLite as fixed-width ISO-8601 UTC text that sorts in time
 * order. Both keep microseconds, so times are truncated to the microsecond when stored.
 */
final class Db {
  private static final DateTimeFormatter SQLITE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");

  final Jdbi jdbi;
  private final Jdbi writer;
  private final javax.sql.DataSource reads;
  final Vendor vendor;
  /** SQLite's statements kept per connection; empty on PostgreSQL, whose driver caches them itself. */
  private final java.util.Optional<StatementCache> statements;
  private final ReentrantLock writeLock;
  private final ThreadLocal<Handle> bound = new ThreadLocal<>();
  private final ObjectMapper json = new ObjectMapper();

  /** @param reads the pool reads use; @param writes the pool of write transactions, connections of their own */
  Db(javax.sql.DataSource reads, javax.sql.DataSource writes, Vendor vendor) {
    this.jdbi = Jdbi.create(reads);
    this.writer = Jdbi.create(writes);
    this.reads = reads;
    this.vendor = vendor;
    this.statements = vendor == Vendor.SQLITE ? java.util.Optional.of(new StatementCache())
        : java.util.Optional.empty();
    this.writeLock = vendor == Vendor.SQLITE ? new ReentrantLock() : null;
    committer.start();
  }

  /** Runs a read on the thread's transaction if it has one, else on a pooled connection in autocommit. */
  <R> R read(String what, Function<Handle, R> work) {
    Handle h = bound.get();
    if (h != null) {
      return nested(what, h, work);
    }
    try {
      return jdbi.withHandle(work::apply);
    } catch (JdbiException e) {
      throw translate(what, e);
    }
  }

  /** What one statement does with its parameters and results; it must close any result set it opens. */
  @FunctionalInterface
  interface StatementWork<R> {
    R run(java.sql.PreparedStatement st) throws SQLException;
  }

  /**
   * Runs one statement of plain JDBC on {@code h}'s connection, for the statements the request path runs for every
   * request (Jdbi's statement building cost more than SQLite's work there). On SQLite the statement is kept prepared
   * for the next use on the same connection ({@link StatementCache}).
   */
  <R> R statement(Handle h, String sql, StatementWork<R> work) {
    try {
      return run(h.getConnection(), sql, work);
    } catch (SQLException e) {
      throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
    }
  }

  /**
   * A read of one statement of plain JDBC: as {@link #read} with {@link #statement}, on a pooled connection borrowed
   * without a Jdbi handle (opening one costs more than a keyed lookup on SQLite).
   */
  <R> R readStatement(String what, String sql, StatementWork<R> work) {
    Handle h = bound.get();
    if (h != null) {
      return nested(what, h, x -> statement(x, sql, work));
    }
    try (java.sql.Connection c = reads.getConnection()) {
      return run(c, sql, work);
    } catch (SQLException e) {
      throw translate(what, new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null));
    }
  }

  /** {@code work} on the connection's kept statement (SQLite) or on one prepared for this use and closed after. */
  private <R> R run(java.sql.Connection c, String sql, StatementWork<R> work) throws SQLException {
    if (statements.isPresent()) {
      return work.run(statements.get().get(c, sql));
    }
    try (java.sql.PreparedStatement st = c.prepareStatement(sql)) {
      return work.run(st);
    }
  }

  /**
   * {@link #readStatement} for a read the request path makes for every request of data it never writes (the records).
   * On SQLite it runs on the writers' connection, on the committer's thread between two grouped commits, and waits
   * for no commit: every commit empties the page cache of every other connection to the file, so on a reader a lookup
   * read each of its pages from the file again (under load it cost four times as much as on the writers' connection,
   * whose own commits leave its cache as it is). On PostgreSQL, as {@link #readStatement}.
   */
  <R> R readBetweenCommits(String what, String sql, StatementWork<R> work) {
    if (writeLock == null || bound.get() != null) {
      return readStatement(what, sql, work);
    }
    return await(enqueue(new Grouped<>(what, h -> statement(h, sql, work), new CompletableFuture<>(), true)));
  }

  /** Runs {@code work} in a write transaction, or in the thread's current one. */
  <R> R write(String what, Function<Handle, R> work) {
    Handle h = bound.get();
    if (h != null) {
      return nested(what, h, work);
    }
    if (writeLock != null) {
      writeLock.lock();
    }
    try {
      return writer.inTransaction(handle -> {
        bound.set(handle);
        try {
          return work.apply(handle);
        } finally {
          bound.remove();
        }
      });
    } catch (JdbiException e) {
      throw translate(what, e);
    } finally {
      if (writeLock != null) {
        writeLock.unlock();
      }
    }
  }

  /** Most writes one grouped transaction takes. */
  private static final int MAX_GROUP = 512;

  /** A grouped write, or with {@code read} a read the committer runs before the next group (readBetweenCommits). */
  private record Grouped<R>(String what, Function<Handle, R> work, CompletableFuture<R> result, boolean read) {}

  private final LinkedBlockingQueue<Grouped<?>> groupQueue = new LinkedBlockingQueue<>();
  private final Thread committer = Thread.ofPlatform().daemon().name("store-group-commit").unstarted(this::commit);
  private volatile boolean closed;

  /**
   * Runs {@code work} in a write transaction that it may share with the grouped writes of other threads: one commit,
   * so one fsync, for all of them (group commit). One thread, {@code store-group-commit}, takes every grouped write
   * queued, runs them in one transaction and commits; each caller waits for its own result only. When a shared
   * transaction fails, each of its writes is run again alone, so one refused write never fails another. {@code work}
   * must touch nothing but the database: it may run twice.
   */
  <R> R writeGrouped(String what, Function<Handle, R> work) {
    if (bound.get() != null) {
      return nested(what, bound.get(), work);
    }
    return await(writeGroupedLater(what, work));
  }

  /** Waits for a write's future and throws what the write threw, not the future's wrapper. */
  static <R> R await(CompletableFuture<R> write) {
    try {
      return write.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * As {@link #writeGrouped}, without waiting: the future completes once the write is committed (or refused). For
   * writes whose loss in a crash the application repairs on its own (see {@link UnloggedEntry}).
   */
  <R> CompletableFuture<R> writeGroupedLater(String what, Function<Handle, R> work) {
    if (bound.get() != null) {
      // Inside this thread's transaction: queued, it would wait for a commit that waits for this thread.
      return CompletableFuture.completedFuture(nested(what, bound.get(), work));
    }
    return enqueue(new Grouped<>(what, work, new CompletableFuture<>(), false));
  }

  /** Queues {@code mine} for the committer; its future, or a failed one when the store is closed. */
  private <R> CompletableFuture<R> enqueue(Grouped<R> mine) {
    if (!closed) {
      groupQueue.add(mine);
      if (!closed || committer.isAlive() || !groupQueue.remove(mine)) {
        return mine.result();
      }
    }
    return CompletableFuture.failedFuture(
        new StoreFailureException("cannot " + mine.what() + ": the store is closed", null));
  }

  /**
   * Waits until every grouped write queued before this call has been committed or refused: the committer takes them
   * in order, so an empty write queued now completes after them.
   */
  void awaitGroupedWrites() {
    if (bound.get() != null) {
      return; // inside a transaction: nothing queued by this thread can be waited for here
    }
    try {
      writeGroupedLater("wait for the writes queued before", h -> null).join();
    } catch (java.util.concurrent.CompletionException e) {
      // a closed store has nothing more to commit
    }
  }

  /** Put on the queue by {@link #close}: everything queued before it is committed, then the committer stops. */
  private static final Grouped<Object> STOP = new Grouped<>("stop", h -> null, new CompletableFuture<>(), false);

  private void commit() {
    List<Grouped<?>> group = new java.util.ArrayList<>(MAX_GROUP);
    while (true) {
      group.clear();
      try {
        group.add(groupQueue.take());
      } catch (InterruptedException e) {
        return; // never interrupted by the store itself
      }
      groupQueue.drainTo(group, MAX_GROUP - 1);
      boolean stop = group.remove(STOP);
      List<Grouped<?>> reads = new java.util.ArrayList<>();
      group.removeIf(g -> g.read() && reads.add(g));
      if (!reads.isEmpty()) {
        runReads(reads);
      }
      if (!group.isEmpty()) {
        commitGroup(group);
      }
      if (stop) {
        return;
      }
    }
  }

  private void commitGroup(List<Grouped<?>> group) {
    List<Object> results = new java.util.ArrayList<>(group.size());
    if (writeLock != null) {
      writeLock.lock();
    }
    try {
      writer.useTransaction(handle -> {
        bound.set(handle);
        try {
          for (Grouped<?> g : group) {
            results.add(g.work().apply(handle));
          }
        } finally {
          bound.remove();
        }
      });
    } catch (RuntimeException e) {
      for (Grouped<?> g : group) {
        runAlone(g);
      }
      return;
    } finally {
      if (writeLock != null) {
        writeLock.unlock();
      }
    }
    for (int i = 0; i < group.size(); i++) {
      complete(group.get(i), results.get(i));
    }
  }

  /**
   * The reads queued by {@link #readBetweenCommits}, on the writers' connection in one transaction that writes
   * nothing: each statement on its own took and released SQLite's read lock (two fcntl calls per lookup).
   */
  private void runReads(List<Grouped<?>> reads) {
    writeLock.lock();
    try {
      writer.useTransaction(h -> {
        for (Grouped<?> g : reads) {
          try {
            complete(g, g.work().apply(h));
          } catch (RuntimeException e) {
            g.result().completeExceptionally(e instanceof JdbiException j ? translate(g.what(), j) : e);
          }
        }
      });
    } catch (RuntimeException e) {
      // The connection could not be had: each read not answered yet fails with the reason.
      RuntimeException failure = e instanceof JdbiException j ? translate("read", j) : e;
      reads.forEach(g -> g.result().completeExceptionally(failure));
    } finally {
      writeLock.unlock();
    }
  }

  private <R> void runAlone(Grouped<R> g) {
    try {
      g.result().complete(write(g.what(), g.work()));
    } catch (RuntimeException e) {
      g.result().completeExceptionally(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <R> void complete(Grouped<R> g, Object result) {
    g.result().complete((R) result);
  }

  /** Stops taking grouped writes once those queued are committed. */
  void close() {
    closed = true;
    groupQueue.add(STOP);
    try {
      committer.join(java.time.Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Grouped<?> g; (g = groupQueue.poll()) != null; ) {
      g.result().completeExceptionally(new StoreFailureException("the store closed before this write", null));
    }
    statements.ifPresent(StatementCache::close);
  }

  /** True when this thread is inside a write transaction of this store. */
  boolean inTransaction() {
    return bound.get() != null;
  }

  /**
   * Work inside the thread's transaction, its errors translated here so they name this operation. On PostgreSQL a
   * failed statement dooms the whole transaction, so a caller of {@link Store#inTransaction} lets the exception out.
   */
  private static <R> R nested(String what, Handle h, Function<Handle, R> work) {
    try {
      return work.apply(h);
    } catch (JdbiException e) {
      throw translate(what, e);
    }
  }

  // ---- times

  static Instant truncate(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS);
  }

  /** A bindable time; refuses years outside 1..9999, which not every database and format can keep. */
  Argument time(Instant t, String field) {
    Instant v = truncate(t);
    if (v.isBefore(MIN_TIME) || v.isAfter(MAX_TIME)) {
      throw new StoreException(Kind.INVALID, field + ": " + t + " is outside the years 1 to 9999");
    }
    return vendor == Vendor.SQLITE
        ? (int pos, PreparedStatement st, StatementContext ctx) -> st.setString(pos, SQLITE_TIME.format(v))
        : (int pos, PreparedStatement st, StatementContext ctx) ->
            st.setObject(pos, OffsetDateTime.ofInstant(v, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
  }

  Instant readTime(ResultSet rs, String column) throws SQLException {
    if (vendor == Vendor.SQLITE) {
      String s = rs.getString(column);
      return s == null ? null : Instant.parse(s);
    }
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  // ---- JSON columns

  String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  Map<String, String> stringMap(String text) {
    try {
      return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new StoreFailureException("a stored JSON object does not parse", e);
    }
  }

  List<String> stringList(String text) {
    try {
      return json.readValue(text, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new StoreFailureException("a stored JSON array does not parse", e);
    }
  }

  // ---- errors

  /** Constraint violations become {@link StoreException}s; everything else is a {@link StoreFailureException}. */
  static RuntimeException translate(String what, JdbiException e) {
    SQLException sql = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        sql = s;
        break;
      }
    }
    if (sql == null) {
      return new StoreFailureException("cannot " + what + ": " + e.getMessage(), e);
    }
    Kind kind = constraintKind(sql);
    if (kind == null) {
      return new StoreFailureException("cannot " + what + ": the database failed: " + firstLine(sql.getMessage()),
          e);
    }
    String why = switch (kind) {
      case DUPLICATE -> "it already exists";
      case UNKNOWN_REFERENCE -> "it refers to something that does not exist, or is still referred to";
      default -> "it violates a constraint of the stored data";
    };
    return new StoreException(kind, "cannot " + what + ": " + why, null, e);
  }

  private static Kind constraintKind(SQLException e) {
    if (e instanceof SQLiteException s) {
      SQLiteErrorCode c = s.getResultCode();
      if (c == null || !c.name().startsWith("SQLITE_CONSTRAINT")) {
        return null;
      }
      return switch (c) {
        case SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_ROWID -> Kind.DUPLICATE;
        case SQLITE_CONSTRAINT_FOREIGNKEY -> Kind.UNKNOWN_REFERENCE;
        default -> Kind.INVALID;
      };
    }
    String state = e.getSQLState();
    if (e instanceof PSQLException && state != null && state.startsWith("23")) {
      return switch (state) {
        case "23505" -> Kind.DUPLICATE;
        case "23503" -> Kind.UNKNOWN_REFERENCE;
        default -> Kind.INVALID;
      };
    }
    return null;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
