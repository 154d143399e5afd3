package org.firebreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.firebreak.store.TestDatabases.Kind;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

class MigrationTest extends StoreTestBase {
  private static final List<String> TABLES = List.of("agencies", "users", "user_roles", "credentials", "sources",
      "source_fields", "source_searchable", "records", "record_keys", "requests", "releases", "reviews",
      "ledger_files", "ledger_journal", "settings");

  @Test
  void migrationsCreateEveryTableAndRecordTheirVersion() {
    List<String> tables = store.jdbi().withHandle(h -> kind == Kind.SQLITE
        ? h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table'").mapTo(String.class).list()
        : h.createQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
            .mapTo(String.class).list());
    assertThat(tables).containsAll(TABLES).contains("flyway_schema_history");
    List<String> versions = store.jdbi().withHandle(h -> h.createQuery(
        "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
        .mapTo(String.class).list());
    assertThat(versions).containsExactly("1", "2");
    assertThat(store.vendor()).isEqualTo(kind == Kind.SQLITE ? Vendor.SQLITE : Vendor.POSTGRESQL);
  }

  @Test
  void reopeningKeepsDataAndAppliesNothingTwice() {
    store.agencies().create(agency("sfpd"));
    store.close();
    store = Store.open(database.url());
    assertThat(store.agencies().get("sfpd")).contains(agency("sfpd"));
    int applied = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM flyway_schema_history "
        + "WHERE version IS NOT NULL").mapTo(Integer.class).one());
    assertThat(applied).isEqualTo(2);
  }

  @Test
  void everySqliteConnectionHasWalFullSyncForeignKeysAndABusyTimeout() {
    assumeTrue(kind == Kind.SQLITE, "SQLite pragmas");
    // Hold several pooled connections at once, so each is a different one.
    List<Handle> handles = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        handles.add(store.jdbi().open());
      }
      for (Handle h : handles) {
        assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualToIgnoringCase("wal");
        assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).isEqualTo(2); // FULL
        assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()).isEqualTo(1);
        assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one())
            .isEqualTo(Store.SQLITE_BUSY_TIMEOUT_MS);
      }
    } finally {
      handles.forEach(Handle::close);
    }
  }

  @Test
  void sqliteTransactionsTakeTheWriteLockAtBegin() {
    assumeTrue(kind == Kind.SQLITE, "SQLite transaction mode");
    try (Handle a = store.jdbi().open(); Handle b = store.jdbi().open()) {
      a.begin(); // BEGIN IMMEDIATE: the write lock is taken here, before any statement
      a.createQuery("SELECT COUNT(*) FROM agencies").mapTo(Integer.class).one();
      b.execute("PRAGMA busy_timeout = 50");
      try {
        assertThatThrownBy(() -> b.execute("INSERT INTO agencies VALUES ('x', 'x', 'LOCAL', 'POLICE', 'US')"))
            .hasMessageContaining("SQLITE_BUSY");
      } finally {
        b.execute("PRAGMA busy_timeout = " + Store.SQLITE_BUSY_TIMEOUT_MS);
        a.rollback();
      }
    }
  }

  @Test
  void foreignKeysAreEnforcedByTheDatabaseItself() {
    // Bypassing the repositories' own checks: the schema refuses a dangling reference on both databases.
    assertThatThrownBy(() -> store.jdbi().useHandle(h -> h.execute(
        "INSERT INTO users (id, agency_id, task_forces, certifications) VALUES ('u', 'nowhere', '[]', '[]')")))
        .hasMessageContaining("oreign");
  }

  @Test
  void otherDatabasesAndInMemorySqliteAreRefusedClearly() {
    assertThatThrownBy(() -> Store.open("jdbc:mysql://localhost/x"))
        .isInstanceOf(StoreException.class).hasMessageContaining("unsupported database URL");
    assertThatThrownBy(() -> Store.open("jdbc:sqlite::memory:"))
        .isInstanceOf(StoreException.class).hasMessageContaining("in-memory");
  }

  @Test
  void anUnreachableDatabaseIsAFailureWithoutThePassword() {
    assumeTrue(kind == Kind.POSTGRESQL, "one run is enough");
    assertThatThrownBy(() -> Store.open("jdbc:postgresql://127.0.0.1:1/none?user=x&password=hunter2&connectTimeout=2"))
        .isInstanceOf(StoreFailureException.class)
        .hasMessageContaining("cannot connect")
        .hasMessageNotContaining("hunter2");
  }
}
