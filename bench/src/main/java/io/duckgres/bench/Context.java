package io.duckgres.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** What every workload gets: the settings, both servers, and the in-process DuckDB data file. */
record Context(BenchConfig config, DuckgresProcess duckgres, Endpoint postgres, Path template) {

  /**
   * The in-process baseline: DuckDB JDBC on a copy of the very file duckgres serves, opened
   * read-only, with DuckDB's default settings like the server's.
   */
  Connection inProcess() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + template, properties);
  }

  /** A figure for the duckgres side, already failed when duckgres could not be reached. */
  Figure duckgresFigure() {
    Figure figure = new Figure();
    if (duckgres.unavailable() != null) {
      figure.fail(duckgres.unavailable());
    }
    return figure;
  }

  Path scratch() {
    return config.workDir();
  }
}
