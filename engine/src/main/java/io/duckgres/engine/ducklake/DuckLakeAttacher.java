package io.duckgres.engine.ducklake;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches the configured DuckLake catalog to a database that has just opened (its extensions
 * already loaded): the object-store secret, the pre-attach settings, then ATTACH. Sessions then
 * run {@link DuckLakeConfig#sessionStatements()} so the lake is their default catalog.
 *
 * <p>Nothing here logs a password or an S3 secret: the secret statement is never logged, and the
 * metadata store and DuckDB's error text are redacted before they reach a log or a client.
 */
public final class DuckLakeAttacher {
  private static final Logger LOG = LoggerFactory.getLogger(DuckLakeAttacher.class);

  private DuckLakeAttacher() {}

  /**
   * Attaches {@code config}'s lake on {@code connection} (a database's root connection; ATTACH and
   * SET GLOBAL are instance-wide, so every later session sees it).
   *
   * @throws DuckLakeException with a redacted message when any step fails
   * @throws IllegalStateException when this process is pinned to another metadata-store flavor
   */
  public static void attach(Connection connection, DuckLakeConfig config) {
    if (!config.enabled()) {
      return;
    }
    if (config.postgresMetadataStore()) {
      FlavorGuard.claim(config.metadataStoreFlavor());
    }
    attachSteps(connection, config);
  }

  /**
   * Attaches {@code config}'s lake on a DuckDB instance of its own, opened only for this (a
   * provisioner checking that a tenant's lake attaches) and closed right after, without claiming
   * the process's flavor. postgres_scanner reads {@code pg_use_text_protocol} and
   * {@code pg_use_ctid_scan} from the settings of the instance it runs in, so lakes of either
   * flavor can be checked one after the other, each in its own instance; an instance that serves
   * sessions must use {@link #attach}.
   *
   * @throws DuckLakeException with a redacted message when any step fails
   */
  public static void attachPrivateInstance(Connection connection, DuckLakeConfig config) {
    if (config.enabled()) {
      attachSteps(connection, config);
    }
  }

  private static void attachSteps(Connection connection, DuckLakeConfig config) {
    String store = config.redactedMetadataStore();
    if (config.dataPath() != null) {
      try {
        Files.createDirectories(config.dataPath());
      } catch (IOException e) {
        throw new DuckLakeException("could not create DuckLake data path \"" + config.dataPath()
            + "\": " + e.getMessage(), null, e);
      }
    }
    try {
      String secret = config.secretStatement();
      if (secret != null) {
        execute(connection, secret);
        LOG.info("created S3 secret for {} (provider {}, endpoint {})", config.objectStore(),
            config.s3().effectiveProvider(),
            config.s3().endpoint() == null ? "AWS" : config.s3().endpoint());
      }
      for (String statement : config.preAttachStatements()) {
        execute(connection, statement);
        LOG.info("DuckLake pre-attach: {}", statement);
      }
      for (String statement : config.commitRetryStatements()) {
        execute(connection, statement);
      }
      long started = System.nanoTime();
      execute(connection, config.attachStatement());
      // ATTACH only connects; DuckLake reads the catalog on first use. Use it now, so a store
      // that cannot serve the catalog fails here, with this message, and not in every session.
      for (String statement : config.sessionStatements()) {
        execute(connection, statement);
      }
      LOG.info("attached DuckLake catalog {} (metadata store {}, flavor {}, data {}) in {} ms",
          DuckLakeConfig.CATALOG, store, config.metadataStoreFlavor(),
          config.dataLocation() == null ? "DuckLake's default" : config.dataLocation(),
          (System.nanoTime() - started) / 1_000_000);
    } catch (SQLException e) {
      throw new DuckLakeException(failureMessage(config, e.getMessage()),
          failureHint(config, e.getMessage()), e);
    }
  }

  /** "could not attach DuckLake catalog (metadata store ...): DuckDB's reason", redacted. */
  static String failureMessage(DuckLakeConfig config, String reason) {
    String safe = ConnectionStrings.redact(reason == null ? "no message" : reason.strip(),
        config.s3().secretKey());
    return "could not attach DuckLake catalog (metadata store " + config.redactedMetadataStore()
        + ", flavor " + config.metadataStoreFlavor() + "): " + safe;
  }

  /** A hint when the store refuses what CockroachDB refuses but the flavor says PostgreSQL. */
  static String failureHint(DuckLakeConfig config, String reason) {
    String lower = String.valueOf(reason).toLowerCase(Locale.ROOT);
    boolean cockroachSymptom = lower.contains("at or near \"binary\"")
        || lower.contains("column \"ctid\" does not exist");
    if (cockroachSymptom && config.metadataStoreFlavor() != MetadataStoreFlavor.COCKROACHDB) {
      return "The metadata store does not implement binary COPY or ctid, as CockroachDB does not."
          + " Set ducklake.metadata_store_flavor: cockroachdb";
    }
    return null;
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
