package io.duckgres.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Builds the DuckDB data file both duckgres and the in-process baseline read: TPC-H (DuckDB's
 * tpch extension, dbgen), a large table for the large-result workload, and a keyed table for
 * point lookups. The file is built once per size and kept in the cache directory; each run copies
 * it into duckgres's fresh data directory and opens the cached original read-only in-process.
 */
final class DataSetup {
  static final String LARGE_TABLE = "bench_large";
  static final String LOOKUP_TABLE = "bench_kv";
  /** The keyed table of the server-share rows: a million rows whatever the run's size. */
  static final String PK_TABLE = "bench_pk";
  static final int PK_ROWS = 1_000_000;

  private DataSetup() {}

  /** Whether the template holds TPC-H tables (false when the tpch extension was unavailable). */
  record Template(Path file, boolean hasTpch, String tpchError) {}

  static Template prepare(BenchConfig config) throws Exception {
    String name = String.format(Locale.ROOT, "template-v2-sf%s-large%d-kv%d.duckdb",
        config.tpchScaleFactor(), config.largeResultRows(), config.lookupRows());
    Path file = config.cacheDir().resolve(name);
    if (Files.exists(file)) {
      Log.info("reusing data file %s", file);
      return new Template(file, true, null);
    }
    Files.createDirectories(config.cacheDir());
    Path partial = config.cacheDir().resolve(name + ".partial");
    Files.deleteIfExists(partial);
    Files.deleteIfExists(Path.of(partial + ".wal"));
    String tpchError = null;
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + partial);
        Statement statement = connection.createStatement()) {
      Log.info("generating %,d rows into %s", config.largeResultRows(), LARGE_TABLE);
      statement.execute("CREATE TABLE " + LARGE_TABLE + " AS SELECT i::BIGINT AS a, i * 0.5::DOUBLE AS b, "
          + "'row-' || i::VARCHAR AS c FROM range(" + config.largeResultRows() + ") t(i)");
      statement.execute("CREATE TABLE " + LOOKUP_TABLE + " (id BIGINT PRIMARY KEY, v VARCHAR)");
      statement.execute("INSERT INTO " + LOOKUP_TABLE + " SELECT i, 'value-' || i FROM range(1, "
          + (config.lookupRows() + 1) + ") t(i)");
      statement.execute("CREATE TABLE " + PK_TABLE + " (id INTEGER PRIMARY KEY, v VARCHAR)");
      statement.execute("INSERT INTO " + PK_TABLE + " SELECT i, 'value-' || i FROM range(1, "
          + (PK_ROWS + 1) + ") t(i)");
      try {
        loadTpch(statement, config);
        Log.info("generating TPC-H at scale factor %s (dbgen)", config.tpchScaleFactor());
        statement.execute("CALL dbgen(sf=" + config.tpchScaleFactor() + ")");
      } catch (SQLException e) {
        tpchError = "TPC-H data could not be generated: " + Figure.describe(e);
      }
      statement.execute("CHECKPOINT");
    }
    if (tpchError != null) {
      // Not cached: a later run with the extension present should generate TPC-H.
      return new Template(partial, false, tpchError);
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    return new Template(file, true, null);
  }

  /** Loads DuckDB's tpch extension from the file bench/run unpacked (it is not built in). */
  static void loadTpch(Statement statement, BenchConfig config) throws SQLException {
    if (config.tpchExtension() == null || !Files.exists(config.tpchExtension())) {
      throw new SQLException("the tpch extension file is missing (bench/run fetches duckdb-extension-tpch from PyPI)");
    }
    statement.execute("LOAD '" + config.tpchExtension().toString().replace("'", "''") + "'");
  }

  /** Row count of a table in the in-process file, to check the copy duckgres serves is complete. */
  static long count(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
