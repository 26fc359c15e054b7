package io.duckgres.warehouse.reconcile;

import io.duckgres.engine.ducklake.ConnectionStrings;
import io.duckgres.engine.ducklake.DuckLakeAttacher;
import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.engine.ducklake.DuckLakeException;
import io.duckgres.engine.extensions.ExtensionException;
import io.duckgres.engine.extensions.ExtensionLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The last steps of provisioning, on a DuckDB instance opened for them alone and closed after:
 * the data path or bucket takes a write, and the lake attaches once with exactly the settings a
 * worker will use (the engine's own attach code, so the flavor's pre-attach statements run), which
 * also creates DuckLake's catalog tables in a new metadata store.
 */
final class LakeCheck {
  private LakeCheck() {}

  /** A local data path: created, and a file written and removed in it. */
  static void checkLocalDataPath(Path path) throws ReconcileFailure {
    try {
      Files.createDirectories(path);
      Path probe = path.resolve(".duckgres-write-check-" + UUID.randomUUID());
      Files.writeString(probe, "ok");
      Files.delete(probe);
    } catch (IOException e) {
      throw new ReconcileFailure("data path " + path + " is not writable: " + e, true, e);
    }
  }

  /**
   * Opens a private in-memory DuckDB, loads what the lake needs, checks a bucket by writing a
   * small file under its prefix, then attaches the lake.
   */
  static void attachOnce(DuckLakeConfig config, Path extensionDirectory)
      throws ReconcileFailure {
    Properties properties = new Properties();
    if (extensionDirectory != null) {
      properties.setProperty("extension_directory", extensionDirectory.toString());
    }
    String secretKey = config.s3().secretKey();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:", properties)) {
      new ExtensionLoader(extensionDirectory).load(duck, List.of(), config.requiredExtensions());
      if (config.objectStore() != null) {
        checkBucket(duck, config);
      }
      DuckLakeAttacher.attachPrivateInstance(duck, config);
    } catch (ExtensionException e) {
      throw new ReconcileFailure(e.getMessage(), false, e);
    } catch (DuckLakeException e) {
      throw new ReconcileFailure(e.getMessage()
          + (e.hint() == null ? "" : " (" + hintForRow(e.hint()) + ")"), e.hint() == null, e);
    } catch (SQLException e) {
      throw new ReconcileFailure("DuckDB: " + ConnectionStrings.redact(e.getMessage(), secretKey),
          true, e);
    }
  }

  private static void checkBucket(Connection duck, DuckLakeConfig config)
      throws ReconcileFailure {
    String secret = config.secretStatement();
    String target = config.objectStore() + ".duckgres-write-check.parquet";
    try (Statement statement = duck.createStatement()) {
      if (secret != null) {
        statement.execute(secret);
      }
      statement.execute("COPY (SELECT 1 AS write_check) TO '" + target.replace("'", "''")
          + "' (FORMAT parquet)");
    } catch (SQLException e) {
      throw new ReconcileFailure("bucket " + config.objectStore() + " is not writable: "
          + ConnectionStrings.redact(MetadataStoreProbe.oneLine(e.getMessage()),
              config.s3().secretKey(), config.s3().accessKey()), true, e);
    }
  }

  /** The engine's hint speaks of the YAML setting; a tenant sets the flavor in its request. */
  private static String hintForRow(String hint) {
    return hint.replace("Set ducklake.metadata_store_flavor: cockroachdb",
        "provision it with \"flavor\": \"cockroachdb\"");
  }
}
