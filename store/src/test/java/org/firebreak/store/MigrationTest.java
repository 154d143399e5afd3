package org.firebreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.firebreak.store.TestDatabases.Kind;
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
    assertThat(versions).containsExactly("1", "2", "3", "4");
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
    assertThat(applied).isEqualTo(4);
  }

  @Test
  void foreignKeysAreEnforcedByTheDatabaseItself() {
    // Bypassing the repositories' own checks: the schema refuses a dangling reference on both databases.
    assertThatThrownBy(() -> store.jdbi().useHandle(h -> h.execute(
        "INSERT INTO users (id, agency_id, task_forces, certifications) VALUES ('u', 'nowhere', '[]', '[]')")))
        .hasMessageContaining("oreign");
  }
}
