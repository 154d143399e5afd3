package org.firebreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.firebreak.store.TestDatabases.Kind;
import org.junit.jupiter.api.Test;

class MigrationTest extends StoreTestBase {
  private static final List<String> TABLES = List.of("agencies", "users", "user_roles", "credentials", "sources",
      "source_fields", "source_searchable", "records", "record_keys", "requests", "releases", "reviews",
      "ledger_files", "ledger_journal", "settings", "request_ledger", "ledger_pending", "repeated_texts");

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
    assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6", "7");
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
    assertThat(applied).isEqualTo(7);
  }

  @Test
  void foreignKeysAreEnforcedByTheDatabaseItself() {
    // Bypassing the repositories' own checks: the schema refuses a dangling reference on both databases.
    assertThatThrownBy(() -> store.jdbi().useHandle(h -> h.execute(
        "INSERT INTO users (id, agency_id, task_forces, certifications) VALUES ('u', 'nowhere', '[]', '[]')")))
        .hasMessageContaining("oreign");
  }

  @Test
  void version5MovesLedgerIndexesAndPendingEntriesOutOfTheRequestRows() throws Exception {
    // A database as V4 left it: one request logged (index in its row, entry cleared), one stored with its entry and
    // no index yet (a crash came between the commit and the index), one received only.
    TestDatabases.Database old = TestDatabases.create(kind, tmp);
    Vendor vendor = kind == Kind.SQLITE ? Vendor.SQLITE : Vendor.POSTGRESQL;
    Flyway.configure().dataSource(old.url(), null, null).locations(vendor.migrations()).target("4").load().migrate();
    byte[] leaf = HexFormat.of().parseHex("11".repeat(32));
    byte[] entry = "{\"type\":\"decision\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (Connection c = DriverManager.getConnection(old.url())) {
      c.createStatement().execute("INSERT INTO agencies VALUES ('sfpd', 'SFPD', 'LOCAL', 'POLICE', 'US-CA-SF')");
      c.createStatement().execute("INSERT INTO users VALUES ('officer', 'sfpd', '[]', '[]')");
      String time = kind == Kind.SQLITE ? "?" : "CAST(? AS TIMESTAMPTZ)";
      try (PreparedStatement st = c.prepareStatement("INSERT INTO requests (id, requester_id, agency_id, body, "
          + "received_at, status, salt, ledger_index, leaf_hash, ledger_entry, ledger_floor) "
          + "VALUES (?, 'officer', 'sfpd', ?, " + time + ", 'RECEIVED', ?, ?, ?, ?, ?)")) {
        Object[][] rows = {{"req-logged", 3L, leaf, null, null}, {"req-pending", null, null, entry, 5L},
            {"req-received", null, null, null, null}};
        for (Object[] row : rows) {
          st.setString(1, (String) row[0]);
          st.setBytes(2, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
          st.setString(3, "2026-11-20T10:00:00.123456Z");
          st.setBytes(4, new byte[32]);
          st.setObject(5, row[1], java.sql.Types.BIGINT);
          st.setBytes(6, (byte[]) row[2]);
          st.setBytes(7, (byte[]) row[3]);
          st.setObject(8, row[4], java.sql.Types.BIGINT);
          st.executeUpdate();
        }
      }
    }
    try (Store upgraded = Store.open(old.url())) {
      RequestRepository requests = upgraded.requests();
      LedgerRef logged = requests.get("req-logged").orElseThrow().ledger().orElseThrow();
      assertThat(logged.index()).isEqualTo(3);
      assertThat(logged.leafHash()).isEqualTo(leaf);
      assertThat(requests.get("req-pending").orElseThrow().ledger()).isEmpty();
      assertThat(requests.get("req-received").orElseThrow().ledger()).isEmpty();
      List<UnloggedEntry> unlogged = requests.unlogged(10);
      assertThat(unlogged).hasSize(1);
      assertThat(unlogged.get(0).requestId()).isEqualTo("req-pending");
      assertThat(unlogged.get(0).entry()).isEqualTo(entry);
      assertThat(unlogged.get(0).floor()).isEqualTo(5);
      // Recorded now, it leaves the pending list; recorded twice, it is refused.
      requests.logged("req-pending", new LedgerRef(9, leaf));
      assertThat(requests.unlogged(10)).isEmpty();
      assertThat(requests.get("req-pending").orElseThrow().ledger().map(LedgerRef::index)).isEqualTo(Optional.of(9L));
      assertThatThrownBy(() -> requests.logged("req-logged", new LedgerRef(10, leaf)))
          .isInstanceOf(StoreException.class).hasMessageContaining("logged already");
    } finally {
      old.drop();
    }
  }

  @Test
  void version7MovesThePendingEntriesOutOfTheRequestRowsWithTheirKeptParts() throws Exception {
    // A database as V6 left it: a request whose entry is pending, stored with the packs list cut out of it (a kept
    // part, with a character outside ASCII before it so the byte offset is not the character offset).
    TestDatabases.Database old = TestDatabases.create(kind, tmp);
    Vendor vendor = kind == Kind.SQLITE ? Vendor.SQLITE : Vendor.POSTGRESQL;
    Flyway.configure().dataSource(old.url(), null, null).locations(vendor.migrations()).target("6").load().migrate();
    String part = "[\"us-ca@2026.11.0 sha256:aa\"]";
    byte[] entry = ("{\"note\":\"§\",\"packs\":" + part + ",\"v\":2}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] rest = ("{\"note\":\"§\",\"packs\":,\"v\":2}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = "{\"note\":\"§\",\"packs\":".getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    try (Connection c = DriverManager.getConnection(old.url())) {
      c.createStatement().execute("INSERT INTO agencies VALUES ('sfpd', 'SFPD', 'LOCAL', 'POLICE', 'US-CA-SF')");
      c.createStatement().execute("INSERT INTO users VALUES ('officer', 'sfpd', '[]', '[]')");
      c.createStatement().execute("INSERT INTO repeated_texts (id, text) VALUES (1, '" + part + "')");
      String time = kind == Kind.SQLITE ? "?" : "CAST(? AS TIMESTAMPTZ)";
      try (PreparedStatement st = c.prepareStatement("INSERT INTO requests (id, requester_id, agency_id, body, "
          + "received_at, status, salt, ledger_entry, entry_part, entry_part_at) "
          + "VALUES ('req-pending', 'officer', 'sfpd', ?, " + time + ", 'RECEIVED', ?, ?, 1, ?)")) {
        st.setBytes(1, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        st.setString(2, "2026-11-20T10:00:00.123456Z");
        st.setBytes(3, new byte[32]);
        st.setBytes(4, rest);
        st.setInt(5, at);
        st.executeUpdate();
      }
      c.createStatement().execute("INSERT INTO ledger_pending (request_id, floor) VALUES ('req-pending', 7)");
    }
    try (Store upgraded = Store.open(old.url())) {
      assertThat(upgraded.requests().unlogged(10)).containsExactly(new UnloggedEntry("req-pending", entry, 7));
    } finally {
      old.drop();
    }
  }
}
