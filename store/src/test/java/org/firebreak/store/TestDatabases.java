package org.firebreak.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases every store test runs on. SQLite: a file in the test's temporary directory. PostgreSQL: the server
 * at {@code FIREBREAK_PG_URL} (system property or environment; default {@value #DEFAULT_PG_URL}), in a fresh schema
 * per test that is dropped afterwards, so runs never see each other's rows. An unreachable PostgreSQL fails the
 * tests when {@code CI} is set and skips them, with the reason, otherwise.
 */
public final class TestDatabases {
  public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  public enum Kind {
    SQLITE, POSTGRESQL
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static volatile String pgProblem; // null: not checked yet; "": reachable

  private TestDatabases() {}

  public static String pgUrl() {
    String url = System.getProperty("FIREBREAK_PG_URL");
    if (url == null || url.isBlank()) {
      url = System.getenv("FIREBREAK_PG_URL");
    }
    return url == null || url.isBlank() ? DEFAULT_PG_URL : url;
  }

  /** Fails (under CI) or skips (elsewhere) the current test when PostgreSQL cannot be reached. */
  public static void requirePostgres() {
    String problem = pgProblem;
    if (problem == null) {
      synchronized (TestDatabases.class) {
        if (pgProblem == null) {
          DriverManager.setLoginTimeout(5);
          try (Connection c = DriverManager.getConnection(pgUrl())) {
            pgProblem = c.isValid(5) ? "" : "the connection is not valid";
          } catch (SQLException e) {
            pgProblem = e.getMessage() == null ? e.toString() : e.getMessage();
          }
        }
        problem = pgProblem;
      }
    }
    if (problem.isEmpty()) {
      return;
    }
    String message = "PostgreSQL at " + Store.redact(pgUrl()) + " is unreachable (" + problem + "). Start it "
        + "(store/ci-postgres.sh) or point FIREBREAK_PG_URL at one.";
    if (System.getenv("CI") != null) {
      fail(message + " CI is set, so the PostgreSQL half of the store tests fails instead of being skipped.");
    }
    Assumptions.abort(message + " Skipping the PostgreSQL half of the store tests (CI is not set).");
  }

  /** A fresh database: for SQLite a new file under {@code dir}; for PostgreSQL a new schema. */
  public static Database create(Kind kind, Path dir) throws SQLException {
    String name = "fb_test_" + HexFormat.of().formatHex(bytes());
    if (kind == Kind.SQLITE) {
      return new Database(kind, "jdbc:sqlite:" + dir.resolve(name + ".db"), null);
    }
    requirePostgres();
    try (Connection c = DriverManager.getConnection(pgUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    }
    String base = pgUrl();
    return new Database(kind, base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name, name);
  }

  private static byte[] bytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  /** One test's database; {@link #drop()} removes a PostgreSQL schema with everything in it. */
  public record Database(Kind kind, String url, String schema) {
    public void drop() throws SQLException {
      if (schema != null) {
        try (Connection c = DriverManager.getConnection(pgUrl()); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
    }
  }
}
