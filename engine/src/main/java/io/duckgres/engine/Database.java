package io.duckgres.engine;

import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * One open DuckDB database file. Every session on it gets a duplicate of the root connection, so
 * all sessions share one DuckDB instance with its buffer pool and caches. The root connection
 * itself never runs statements; closing it (after every duplicate) checkpoints and closes the file.
 */
public final class Database {
  private final String name;
  private final DuckDBConnection root;

  Database(String name, DuckDBConnection root) {
    this.name = name;
    this.root = root;
  }

  public String name() {
    return name;
  }

  /** A new connection to this database for one session. */
  public DuckDBConnection connect() throws SQLException {
    return root.duplicate();
  }

  void close() throws SQLException {
    root.close();
  }
}
