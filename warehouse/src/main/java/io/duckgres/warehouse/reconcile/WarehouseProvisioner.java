package io.duckgres.warehouse.reconcile;

import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.warehouse.store.ConfigStore;
import io.duckgres.warehouse.store.ConfigStoreLocation;
import io.duckgres.warehouse.store.MetadataStore;
import io.duckgres.warehouse.store.Warehouse;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What it takes to bring one warehouse up, or down. Up: create the internal metadata database
 * (on the config store's server), probe the metadata store and its flavor, check the data path
 * or bucket takes a write, attach the lake once. Down: drop the internal metadata database and
 * remove the local data files; an external metadata store and S3 data belong to the tenant and are
 * left alone.
 */
final class WarehouseProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseProvisioner.class);
  private static final String DUPLICATE_DATABASE = "42P04";

  private final ConfigStore store;
  private final ReconcilerSettings settings;

  WarehouseProvisioner(ConfigStore store, ReconcilerSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  void provision(Warehouse warehouse) throws ReconcileFailure {
    MetadataStore metadata = warehouse.metadataStore();
    ConfigStoreLocation configStore = store.location();
    if (metadata.internal()) {
      String role = metadata.user();
      String rolePassword = metadata.password() == null ? null : store.reveal(metadata.password());
      createInternalDatabase(metadata.database(), role, rolePassword);
      MetadataStoreProbe.probe(configStore.jdbcUrl(metadata.database()),
          role == null ? configStore.user() : role,
          role == null ? configStore.password() : rolePassword, metadata.flavor(),
          "(internal) " + metadata.database(), settings.connectTimeout());
    } else {
      String url = "jdbc:postgresql://" + hostForUrl(metadata.host()) + ":" + metadata.port() + "/"
          + java.net.URLEncoder.encode(metadata.database(), java.nio.charset.StandardCharsets.UTF_8);
      String password = metadata.password() == null ? null : store.reveal(metadata.password());
      MetadataStoreProbe.probe(url, metadata.user(), password, metadata.flavor(),
          metadata.host() + ":" + metadata.port() + "/" + metadata.database(),
          settings.connectTimeout());
    }
    DuckLakeConfig lake = store.duckLakeConfig(warehouse);
    if (lake.dataPath() != null) {
      LakeCheck.checkLocalDataPath(lake.dataPath());
    }
    LakeCheck.attachOnce(lake, settings.extensionDirectory());
  }

  void deprovision(Warehouse warehouse) throws ReconcileFailure {
    MetadataStore metadata = warehouse.metadataStore();
    if (metadata.internal()) {
      dropInternalDatabase(metadata.database(), metadata.user());
    }
    Path orgDirectory = store.localDataPath(warehouse.orgId()).getParent();
    try {
      deleteTree(orgDirectory);
    } catch (IOException e) {
      throw new ReconcileFailure("could not remove " + orgDirectory + ": " + e, true, e);
    }
  }

  /**
   * Creates the org's login role (or gives it its stored password again) and its database, owned
   * by that role and closed to every other role but superusers. Each step may already have been
   * done by an earlier attempt or another control plane.
   */
  private void createInternalDatabase(String name, String role, String rolePassword)
      throws ReconcileFailure {
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      if (role != null) {
        String login = " LOGIN PASSWORD " + literal(rolePassword);
        if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
          statement.execute("ALTER ROLE " + quoteIdentifier(role) + login);
        } else {
          statement.execute("CREATE ROLE " + quoteIdentifier(role) + login);
          LOG.info("created role {} for internal metadata database {}", role, name);
        }
      }
      if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
        try {
          statement.execute("CREATE DATABASE " + quoteIdentifier(name)
              + (role == null ? "" : " OWNER " + quoteIdentifier(role)));
          LOG.info("created internal metadata database {}", name);
        } catch (SQLException e) {
          if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
            throw e;
          }
        }
      }
      statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + quoteIdentifier(name)
          + " FROM PUBLIC");
    } catch (SQLException e) {
      throw new ReconcileFailure("could not create the internal metadata database " + name + ": "
          + MetadataStoreProbe.oneLine(e.getMessage()), true, e);
    }
  }

  private static boolean exists(Connection connection, String sql, String name)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, name);
      try (ResultSet row = statement.executeQuery()) {
        return row.next();
      }
    }
  }

  /** A generated password (URL-safe Base64) as an SQL literal; never logged. */
  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private void dropInternalDatabase(String name, String role) throws ReconcileFailure {
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      // FORCE ends sessions still attached to it (a worker that served the org).
      statement.execute("DROP DATABASE IF EXISTS " + quoteIdentifier(name) + " WITH (FORCE)");
      if (role != null) {
        statement.execute("DROP ROLE IF EXISTS " + quoteIdentifier(role));
      }
      LOG.info("dropped internal metadata database {}", name);
    } catch (SQLException e) {
      throw new ReconcileFailure("could not drop the internal metadata database " + name + ": "
          + MetadataStoreProbe.oneLine(e.getMessage()), true, e);
    }
  }

  static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
          throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path directory, IOException failure)
          throws IOException {
        if (failure != null) {
          throw failure;
        }
        Files.delete(directory);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
