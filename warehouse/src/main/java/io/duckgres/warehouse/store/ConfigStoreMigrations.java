package io.duckgres.warehouse.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the config store's schema to the version this build ships (the SQL files under
 * {@code db/migration}) before anything is served. Flyway takes a PostgreSQL advisory lock while
 * it migrates, so two control planes starting at once apply each migration once; and it checks
 * the checksum of every applied migration, so a shipped migration edited after release refuses to
 * start instead of leaving stores that differ.
 */
public final class ConfigStoreMigrations {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigStoreMigrations.class);
  /** Flyway's own bookkeeping table in the config store. */
  public static final String HISTORY_TABLE = "duckgres_schema_history";

  private ConfigStoreMigrations() {}

  /** Applies every pending migration. */
  public static void migrate(DataSource dataSource) {
    migrate(dataSource, null);
  }

  /**
   * Applies pending migrations up to {@code targetVersion} (null: the latest).
   *
   * @throws IllegalStateException when the store cannot be migrated, for example because an
   *     applied migration differs from the one this build ships
   */
  public static void migrate(DataSource dataSource, String targetVersion) {
    var configuration = Flyway.configure(ConfigStoreMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .table(HISTORY_TABLE)
        .baselineOnMigrate(false)
        .validateOnMigrate(true);
    if (targetVersion != null) {
      configuration.target(targetVersion);
    }
    try {
      MigrateResult result = configuration.load().migrate();
      LOG.info("config store schema at version {} ({} migration{} applied now)",
          result.targetSchemaVersion == null ? result.initialSchemaVersion
              : result.targetSchemaVersion,
          result.migrationsExecuted, result.migrationsExecuted == 1 ? "" : "s");
    } catch (FlywayException e) {
      String reason = String.valueOf(e.getMessage()).strip().lines()
          .filter(line -> !line.isBlank()).map(String::strip)
          .reduce((a, b) -> a + " " + b).orElse("");
      boolean changedMigration = reason.toLowerCase(java.util.Locale.ROOT).contains("checksum")
          || reason.toLowerCase(java.util.Locale.ROOT).contains("validate failed");
      throw new IllegalStateException("the config store's schema cannot be brought up to date: "
          + reason + (changedMigration ? ". A shipped migration must never change once applied:"
              + " run the build whose migrations this store has, or repair the store's history"
              + " deliberately" : ""), e);
    }
  }
}
