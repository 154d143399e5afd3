package org.firebreak.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept open per SQLite connection, so a statement the request path runs for every request is
 * compiled once per connection instead of once per use (compiling cost more than running it). The SQLite driver
 * keeps no such cache and HikariCP leaves it to the driver; PostgreSQL's driver caches server-side on its own, so
 * this is used for SQLite only.
 *
 * <p>Statements are prepared on the pooled connection's physical connection, where the pool's proxy does not close
 * them when the connection goes back to the pool. A connection is used by one thread at a time, so each connection's
 * map is only ever touched by the thread holding it. A connection the pool has closed is forgotten the next time a
 * new one is seen; its statements closed with it.
 */
final class StatementCache {
  private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

  /**
   * The statement for {@code sql} on {@code borrowed}'s physical connection, its parameters unbound (NULL until set)
   * and its batch cleared.
   */
  PreparedStatement get(Connection borrowed, String sql) throws SQLException {
    Connection physical = borrowed.unwrap(Connection.class);
    Map<String, PreparedStatement> mine = byConnection.get(physical);
    if (mine == null) {
      byConnection.keySet().removeIf(StatementCache::closed);
      mine = new HashMap<>();
      byConnection.put(physical, mine);
    }
    PreparedStatement st = mine.get(sql);
    if (st == null || st.isClosed()) {
      st = physical.prepareStatement(sql);
      mine.put(sql, st);
    } else {
      // On this driver clearBatch() also unbinds every parameter (to NULL), on the Java side only. clearParameters()
      // is not called: it clears SQLite's bindings, which marks some statements (the record lookup's join among them)
      // to be compiled again at their next run, and that compile cost more than the lookup itself.
      st.clearBatch(); // unbound, and a batch that failed half-way is not sent again
    }
    return st;
  }

  /** How many connections statements are kept for. */
  int connections() {
    return byConnection.size();
  }

  /** Closes every statement kept (before the pools close their connections). */
  void close() {
    for (Map<String, PreparedStatement> m : byConnection.values()) {
      for (PreparedStatement st : m.values()) {
        try {
          st.close();
        } catch (SQLException e) {
          // the connection is closing anyway
        }
      }
    }
    byConnection.clear();
  }

  private static boolean closed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}
