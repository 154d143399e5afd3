package org.firebreak.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.firebreak.store.StoreException.Kind;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Firebreak's database: agencies, users and their credentials, sources and their records, requests with their
 * decisions, releases and reviews, and the ledger's files and journal. {@link #open} connects, applies the Flyway
 * migrations of the database's vendor and returns the repositories. Thread-safe; one per process and database.
 *
 * <pre>{@code
 * try (Store store = Store.open("jdbc:sqlite:/var/lib/firebreak/firebreak.db")) {
 *   store.agencies().create(agency);
 *   String token = store.users().createWithToken(user);
 *   store.users().authenticate(token);   // Optional<User>
 * }
 * }</pre>
 */
public final class Store implements AutoCloseable {
  /** Every SQLite connection waits this long for another process's write lock before failing. */
  static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

  private final HikariDataSource pool;
  private final HikariDataSource writers;
  private final Db db;
  private final AgencyRepository agencies;
  private final SettingRepository settings;
  private final UserRepository users;
  private final SourceRepository sources;
  private final RecordRepository records;
  private final RequestRepository requests;

  private Store(HikariDataSource pool, HikariDataSource writers, Vendor vendor) {
    this.pool = pool;
    this.writers = writers;
    this.db = new Db(pool, writers, vendor);
    this.agencies = new AgencyRepository(db);
    this.settings = new SettingRepository(db);
    this.users = new UserRepository(db);
    this.sources = new SourceRepository(db);
    this.records = new RecordRepository(db, sources);
    this.requests = new RequestRepository(db, sources);
  }

  /**
   * Connects to {@code jdbcUrl} ({@code jdbc:sqlite:/path/firebreak.db} or {@code
   * jdbc:postgresql://host:5432/db?user=...}), brings its schema up to date and returns the store.
   *
   * @throws StoreException for a URL of another database, or an in-memory SQLite database (the pool would lose it)
   * @throws StoreFailureException when the database cannot be reached or a migration does not apply
   */
  public static Store open(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Vendor vendor = Vendor.of(jdbcUrl).orElseThrow(() -> new StoreException(Kind.INVALID,
        "unsupported database URL '" + redact(jdbcUrl)
            + "': use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE"));
    // Two pools: writes never wait behind readers for a connection while they hold the write lock.
    HikariConfig config = new HikariConfig();
    config.setPoolName("firebreak-store");
    HikariConfig writeConfig = new HikariConfig();
    writeConfig.setPoolName("firebreak-store-writes");
    if (vendor == Vendor.SQLITE) {
      String lower = jdbcUrl.toLowerCase(Locale.ROOT);
      String file = jdbcUrl.substring("jdbc:sqlite:".length());
      if (file.isBlank() || lower.contains(":memory:") || lower.contains("mode=memory")) {
        throw new StoreException(Kind.INVALID, "'" + jdbcUrl + "': the store needs a database file "
            + "(jdbc:sqlite:/path/firebreak.db), not an in-memory database");
      }
      config.setDataSource(sqlite(jdbcUrl));
      writeConfig.setDataSource(sqlite(jdbcUrl));
      // Reads run side by side (WAL readers never wait); writes are serialised by one lock anyway.
      config.setMaximumPoolSize(8);
      writeConfig.setMaximumPoolSize(1);
    } else {
      config.setJdbcUrl(jdbcUrl);
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      config.setMaximumPoolSize(16);
      writeConfig.setJdbcUrl(jdbcUrl);
      writeConfig.addDataSourceProperty("reWriteBatchedInserts", "true");
      writeConfig.setMaximumPoolSize(8);
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreFailureException("cannot connect to " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations(vendor.migrations())
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new StoreFailureException("cannot migrate " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    HikariDataSource writers;
    try {
      writers = new HikariDataSource(writeConfig);
    } catch (RuntimeException e) {
      pool.close();
      throw new StoreFailureException("cannot connect to " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    return new Store(pool, writers, vendor);
  }

  private static SQLiteDataSource sqlite(String url) {
    SQLiteConfig c = new SQLiteConfig();
    // Applied by the driver to every new connection.
    c.setJournalMode(SQLiteConfig.JournalMode.WAL);
    c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    c.enforceForeignKeys(true);
    c.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
    c.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    // Ids are made by the application, never by the database; left on, the driver runs "SELECT last_insert_rowid()"
    // as a new statement after every INSERT (compiled each time: a fifth of the request insert's cost).
    c.setGetGeneratedKeys(false);
    SQLiteDataSource ds = new SQLiteDataSource(c);
    ds.setUrl(url);
    return ds;
  }

  public Vendor vendor() {
    return db.vendor;
  }

  public SettingRepository settings() {
    return settings;
  }

  public AgencyRepository agencies() {
    return agencies;
  }

  public UserRepository users() {
    return users;
  }

  public SourceRepository sources() {
    return sources;
  }

  public RecordRepository records() {
    return records;
  }

  public RequestRepository requests() {
    return requests;
  }

  /**
   * Waits until every write queued before this call without being waited for (such as {@link
   * RequestRepository#loggedLater}) is committed or refused: a reader that must see them calls this first.
   */
  public void awaitQueuedWrites() {
    db.awaitGroupedWrites();
  }

  /**
   * A {@link org.firebreak.ledger.storage.LedgerStorage} over this database (tables {@code ledger_files} and {@code
   * ledger_journal}). Each call returns a new view; closing it (as {@code Ledger.close()} does) leaves the store open.
   */
  public DatabaseLedgerStorage ledgerStorage() {
    return new DatabaseLedgerStorage(db);
  }

  /**
   * Runs {@code work} as one transaction: every repository call it makes on this thread joins it, and all of them
   * are stored at commit or none is. Lets a caller group several requests' writes into one commit.
   */
  public <R> R inTransaction(Supplier<R> work) {
    Objects.requireNonNull(work, "work");
    return db.write("complete a transaction", h -> work.get());
  }

  /** {@link #inTransaction(Supplier)} without a result. */
  public void useTransaction(Runnable work) {
    Objects.requireNonNull(work, "work");
    db.write("complete a transaction", h -> {
      work.run();
      return null;
    });
  }

  /** The Jdbi of this store, for tests in this package. */
  Jdbi jdbi() {
    return db.jdbi;
  }

  @Override
  public void close() {
    db.close();
    writers.close();
    pool.close();
  }

  /** The URL without any password: {@code password=...} values and {@code user:password@}. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
