package io.duckgres.engine;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * One open DuckDB database file. Every session on it gets a duplicate of the root connection, so
 * all sessions share one DuckDB instance with its buffer pool and caches. The root connection
 * itself never runs statements; closing it (after every duplicate) checkpoints and closes the file.
 */
public final class Database {
  private final String name;
  private final DuckDBConnection root;
  private final Path tempDirectory;
  private final List<String> sessionSetup;
  private final boolean superuser;
  private final boolean confined;

  Database(String name, DuckDBConnection root, Path tempDirectory) {
    this(name, root, tempDirectory, List.of());
  }

  /**
   * @param sessionSetup statements every new session connection runs first, such as
   *     {@code USE ducklake} (DuckDB keeps the default catalog per connection)
   */
  Database(String name, DuckDBConnection root, Path tempDirectory, List<String> sessionSetup) {
    this(name, root, tempDirectory, sessionSetup, false);
  }

  /**
   * @param superuser opened for superusers' sessions (which may change database-wide settings);
   *     false for ordinary users, for whom DuckDB refuses files outside the server's own
   *     directories and settings beyond the session allowlist (see DatabaseAccess)
   */
  Database(String name, DuckDBConnection root, Path tempDirectory, List<String> sessionSetup,
      boolean superuser) {
    this(name, root, tempDirectory, sessionSetup, superuser, !superuser);
  }

  /**
   * @param confined closed to the server's files (an ordinary user's database, or a tenant
   *     admin's, which keeps the tenant's walls)
   */
  Database(String name, DuckDBConnection root, Path tempDirectory, List<String> sessionSetup,
      boolean superuser, boolean confined) {
    this.name = name;
    this.root = root;
    this.tempDirectory = tempDirectory;
    this.sessionSetup = List.copyOf(sessionSetup);
    this.superuser = superuser;
    this.confined = confined;
  }

  /** True when DuckDB keeps this database's sessions to the server's own directories. */
  public boolean confined() {
    return confined;
  }

  /** True when opened for superusers' sessions, false for ordinary users'. */
  public boolean superuser() {
    return superuser;
  }

  /** DuckDB's temp directory for this database; COPY spools its input here too. */
  public Path tempDirectory() {
    return tempDirectory;
  }

  public String name() {
    return name;
  }

  /** A new connection to this database for one session. */
  public DuckDBConnection connect() throws SQLException {
    DuckDBConnection connection = root.duplicate();
    if (sessionSetup.isEmpty()) {
      return connection;
    }
    try (Statement statement = connection.createStatement()) {
      for (String sql : sessionSetup) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  void close() throws SQLException {
    root.close();
  }
}
