package io.duckgres.engine.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the server's Java functions on a database once, before its catalog is installed (a
 * catalog macro that calls a function DuckDB does not know yet cannot be created).
 */
final class FunctionRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionRegistration.class);

  /** Registers a set of functions on the connection it is given. */
  @FunctionalInterface
  interface Registrar {
    void register(DuckDBConnection connection) throws SQLException;
  }

  private FunctionRegistration() {}

  /**
   * Runs {@code registrar} unless the database has a function named {@code probe} already;
   * false, with a warning naming {@code unavailable}, when the functions are not there.
   */
  static boolean registerOnce(DuckDBConnection root, String database, String probe,
      String unavailable, Registrar registrar) {
    try {
      long present;
      try (Connection connection = root.duplicate();
          Statement statement = connection.createStatement();
          ResultSet found = statement.executeQuery("SELECT count(*) FROM duckdb_functions()"
              + " WHERE function_name = '" + probe + "'")) {
        found.next();
        present = found.getLong(1);
      }
      if (present == 0) {
        // A connection that has run no query: with streamed results, a connection whose last
        // result was closed before its end still holds that query's transaction, and a function
        // registered on it would be rolled back with it.
        try (DuckDBConnection fresh = (DuckDBConnection) root.duplicate()) {
          registrar.register(fresh);
        }
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      LOG.warn("database {}: {}: {}", database, unavailable, e.getMessage());
      return false;
    }
  }
}
