package io.duckgres.warehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import io.duckgres.warehouse.ConfigStorePostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The config store's schema history on a real PostgreSQL. */
class MigrationsTest {
  private static ConfigStorePostgres postgres;
  private static Path data;

  @BeforeAll
  static void start() throws Exception {
    postgres = ConfigStorePostgres.shared();
    data = Files.createTempDirectory("migrations");
  }

  private static PGSimpleDataSource dataSource(ConfigStoreLocation location) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(location.jdbcUrl());
    source.setUser(location.user());
    source.setPassword(location.password());
    return source;
  }

  @Test
  void rowsWrittenUnderTheFirstMigrationReadAsPostgresAfterTheFlavorColumnArrives()
      throws Exception {
    ConfigStoreLocation location = postgres.newStore("mig_old");
    ConfigStoreMigrations.migrate(dataSource(location), "1");
    try (Connection connection = postgres.connect(location.database());
        Statement statement = connection.createStatement()) {
      try (ResultSet columns = statement.executeQuery("SELECT count(*) FROM information_schema"
          + ".columns WHERE table_name = 'managed_warehouses'"
          + " AND column_name = 'metadata_store_flavor'")) {
        columns.next();
        assertThat(columns.getInt(1)).as("only V1 applied").isZero();
      }
      statement.execute("INSERT INTO orgs (org_id, database_name) VALUES ('old', 'old_db')");
      statement.execute("INSERT INTO managed_warehouses (org_id, state, metadata_store_type,"
          + " metadata_host, metadata_port, metadata_database, metadata_user, data_store_type)"
          + " VALUES ('old', 'ready', 'external', 'db.example', 5432, 'lake', 'lake', 'local')");
    }
    try (ConfigStore store = ConfigStore.open(location,
        SecretBox.fromKeyFile(data.resolve("old.key")), data)) {
      Warehouse old = store.warehouse("old").orElseThrow();
      assertThat(old.flavor()).isEqualTo(MetadataStoreFlavor.POSTGRES);
      assertThat(old.state()).isEqualTo(WarehouseState.READY);
      assertThat(store.duckLakeConfig(old).metadataStoreFlavor())
          .isEqualTo(MetadataStoreFlavor.POSTGRES);
    }
  }

  @Test
  void usersWrittenBeforeTheAdminColumnArrivesReadAsOrdinaryUsers() throws Exception {
    ConfigStoreLocation location = postgres.newStore("mig_admin");
    ConfigStoreMigrations.migrate(dataSource(location), "2");
    String verifier = io.duckgres.pgwire.auth.ScramCredential.fromPassword("p",
        new java.security.SecureRandom()).toPostgresSecret();
    try (Connection connection = postgres.connect(location.database());
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO orgs (org_id, database_name) VALUES ('old', 'old_db')");
      statement.execute("INSERT INTO org_users (org_id, name, scram_verifier) VALUES ('old',"
          + " 'owner', '" + verifier + "')");
    }
    try (ConfigStore store = ConfigStore.open(location,
        SecretBox.fromKeyFile(data.resolve("admin.key")), data)) {
      assertThat(store.user("old", "owner").orElseThrow().admin()).isFalse();
      store.addUser("old", "root", verifier, true);
      assertThat(store.user("old", "root").orElseThrow().admin()).isTrue();
    }
  }

  @Test
  void twoControlPlanesStartingAtOnceMigrateOnce() throws Exception {
    ConfigStoreLocation location = postgres.newStore("mig_race");
    SecretBox box = SecretBox.fromKeyFile(data.resolve("race.key"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<ConfigStore> opened = new ArrayList<>();
    try {
      List<Callable<ConfigStore>> starts = List.of(
          () -> ConfigStore.open(location, box, data), () -> ConfigStore.open(location, box, data));
      for (Future<ConfigStore> store : pool.invokeAll(starts, 60, TimeUnit.SECONDS)) {
        opened.add(store.get());
      }
      try (Connection connection = postgres.connect(location.database());
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT version, success FROM "
              + ConfigStoreMigrations.HISTORY_TABLE + " WHERE version IS NOT NULL ORDER BY"
              + " installed_rank")) {
        List<String> applied = new ArrayList<>();
        while (rows.next()) {
          assertThat(rows.getBoolean(2)).isTrue();
          applied.add(rows.getString(1));
        }
        assertThat(applied).containsExactly("1", "2", "3");
      }
      opened.get(0).provision("both", "both_db", WarehouseSpec.internalLocal(), "u",
          io.duckgres.pgwire.auth.ScramCredential.fromPassword("p",
              new java.security.SecureRandom()).toPostgresSecret());
      assertThat(opened.get(1).findOrg("both")).isPresent();
    } finally {
      opened.forEach(ConfigStore::close);
      pool.shutdownNow();
    }
  }

  @Test
  void aShippedMigrationThatChangedAfterItWasAppliedRefusesToStart() throws Exception {
    ConfigStoreLocation location = postgres.newStore("mig_edit");
    SecretBox box = SecretBox.fromKeyFile(data.resolve("edit.key"));
    ConfigStore.open(location, box, data).close();
    // What an edited V1 file looks like to Flyway: its checksum no longer matches the history.
    try (Connection connection = postgres.connect(location.database());
        Statement statement = connection.createStatement()) {
      statement.execute("UPDATE " + ConfigStoreMigrations.HISTORY_TABLE
          + " SET checksum = checksum + 1 WHERE version = '1'");
    }
    assertThatThrownBy(() -> ConfigStore.open(location, box, data))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("config store's schema cannot be brought up to date")
        .hasMessageContaining("checksum mismatch")
        .hasMessageContaining("A shipped migration must never change");
  }
}
