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
      createInternalDatabase(metadata.database());
      MetadataStoreProbe.probe(configStore.jdbcUrl(metadata.database()), configStore.user(),
          configStore.password(), metadata.flavor(), "(internal) " + metadata.database(),
          settings.connectTimeout());
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
      dropInternalDatabase(metadata.database());
    }
    Path orgDirectory = store.localDataPath(warehouse.orgId()).getParent();
    try {
      deleteTree(orgDirectory);
    } catch (IOException e) {
      throw new ReconcileFailure("could not remove " + orgDirectory + ": " + e, true, e);
    }
  }

  private void createInternalDatabase(String name) throws ReconcileFailure {
    try (Connection connection = store.dataSource().getConnection()) {
      try (PreparedStatement exists =
          connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        exists.setString(1, name);
        try (ResultSet row = exists.executeQuery()) {
          if (row.next()) {
            return;
          }
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE " + quoteIdentifier(name));
        LOG.info("created internal metadata database {}", name);
      }
    } catch (SQLException e) {
      if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
        return;
      }
      throw new ReconcileFailure("could not create the internal metadata database " + name + ": "
          + MetadataStoreProbe.oneLine(e.getMessage()), true, e);
    }
  }

  private void dropInternalDatabase(String name) throws ReconcileFailure {
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      // FORCE ends sessions still attached to it (a worker that served the org).
      statement.execute("DROP DATABASE IF EXISTS " + quoteIdentifier(name) + " WITH (FORCE)");
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
