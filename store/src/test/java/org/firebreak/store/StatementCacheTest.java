package org.firebreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The SQLite statement cache, on a real database file behind a real HikariCP pool of one connection. */
class StatementCacheTest {
  @TempDir Path dir;
  private HikariDataSource pool;
  private final StatementCache cache = new StatementCache();

  @BeforeEach
  void open() throws SQLException {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
    HikariConfig c = new HikariConfig();
    c.setDataSource(ds);
    c.setMaximumPoolSize(1);
    pool = new HikariDataSource(c);
    try (Connection conn = pool.getConnection(); Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    }
  }

  @AfterEach
  void close() {
    cache.close();
    pool.close();
  }

  private static int count(PreparedStatement st) throws SQLException {
    try (ResultSet rs = st.executeQuery()) {
      return rs.next() ? rs.getInt(1) : -1;
    }
  }

  @Test
  void aStatementOutlivesTheBorrowThatPreparedItAndComesBackWithItsParametersCleared() throws SQLException {
    String sql = "SELECT COUNT(*) FROM t WHERE v = ?";
    PreparedStatement first;
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO t (id, v) VALUES (1, 'x')");
      first = cache.get(c, sql);
      first.setString(1, "x");
      assertThat(count(first)).isEqualTo(1);
    }
    // The pool's proxy closed what was prepared through it; this one was prepared on the physical connection.
    assertThat(first.isClosed()).isFalse();
    try (Connection c = pool.getConnection()) {
      PreparedStatement again = cache.get(c, sql);
      assertThat(again).isSameAs(first);
      // Cleared: unbound, SQLite binds NULL, which equals nothing; "x" left bound would count the row again.
      assertThat(count(again)).isZero();
      assertThat(cache.get(c, "SELECT 1")).isNotSameAs(first);
    }
  }

  @Test
  void aBatchThatFailedHalfWayIsNotSentAgain() throws SQLException {
    String insert = "INSERT INTO t (id, v) VALUES (?, ?)";
    try (Connection c = pool.getConnection()) {
      PreparedStatement st = cache.get(c, insert);
      st.setInt(1, 1);
      st.setString(2, "a");
      st.addBatch();
      st.setInt(1, 1); // the same key: the batch fails
      st.setString(2, "b");
      st.addBatch();
      assertThatThrownBy(st::executeBatch).isInstanceOf(SQLException.class);
    }
    try (Connection c = pool.getConnection()) {
      PreparedStatement st = cache.get(c, insert);
      st.setInt(1, 2);
      st.setString(2, "c");
      st.addBatch();
      assertThat(st.executeBatch()).containsExactly(1);
      PreparedStatement all = cache.get(c, "SELECT COUNT(*) FROM t WHERE id = 2 OR v = ?");
      all.setString(1, "b");
      // id 2 only: nothing of the failed batch's second row came back with the next one.
      assertThat(count(all)).isEqualTo(1);
    }
  }

  @Test
  void aConnectionThePoolReplacedGetsItsOwnStatementsAndClosingTheCacheClosesThemAll() throws SQLException {
    String sql = "SELECT COUNT(*) FROM t";
    PreparedStatement old;
    Connection physical;
    try (Connection c = pool.getConnection()) {
      old = cache.get(c, sql);
      physical = c.unwrap(Connection.class);
      pool.evictConnection(c); // as when the pool retires a connection: closed once it is back
    }
    for (long end = System.nanoTime() + 5_000_000_000L; !physical.isClosed() && System.nanoTime() < end; ) {
      Thread.onSpinWait(); // the pool closes it on a thread of its own
    }
    assertThat(physical.isClosed()).isTrue();
    try (Connection c = pool.getConnection()) {
      PreparedStatement fresh = cache.get(c, sql);
      assertThat(fresh).isNotSameAs(old);
      assertThat(count(fresh)).isZero();
      assertThat(cache.connections()).as("the closed connection is forgotten").isEqualTo(1);
      cache.close();
      assertThat(fresh.isClosed()).isTrue();
    }
  }
}
