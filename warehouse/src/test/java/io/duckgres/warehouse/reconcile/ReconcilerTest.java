package io.duckgres.warehouse.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import io.duckgres.pgwire.auth.ScramCredential;
import io.duckgres.warehouse.ConfigStorePostgres;
import io.duckgres.warehouse.store.ConfigStore;
import io.duckgres.warehouse.store.DataStore;
import io.duckgres.warehouse.store.MetadataStore;
import io.duckgres.warehouse.store.SecretBox;
import io.duckgres.warehouse.store.Warehouse;
import io.duckgres.warehouse.store.WarehouseSpec;
import io.duckgres.warehouse.store.WarehouseState;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against a real PostgreSQL (config store and metadata stores) and real DuckDB
 * with the DuckLake extensions from scripts/fetch-extensions. Its poll interval is an hour, so
 * every state change here is driven by the store's change notifications.
 */
class ReconcilerTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static ConfigStorePostgres postgres;
  private static ConfigStore store;
  private static Reconciler reconciler;
  private static Path data;

  @BeforeAll
  static void start() throws Exception {
    data = Files.createTempDirectory("reconciler");
    postgres = ConfigStorePostgres.shared();
    store = ConfigStore.open(postgres.newStore("reconcile"),
        SecretBox.fromKeyFile(data.resolve("secrets.key")), data);
    Path extensions = Path.of(System.getProperty("duckgres.extensions", "../.extensions"))
        .toAbsolutePath().normalize();
    ReconcilerSettings settings = new ReconcilerSettings(3, Duration.ofMillis(200),
        Duration.ofHours(1), Duration.ofMinutes(5), extensions, Duration.ofSeconds(3));
    reconciler = new Reconciler(store, settings);
    reconciler.start();
  }

  @AfterAll
  static void stop() throws Exception {
    reconciler.close();
    store.close();
  }

  private static String verifier() {
    return ScramCredential.fromPassword("pw", new SecureRandom()).toPostgresSecret();
  }

  private static Warehouse awaitState(String org, WarehouseState... states) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Warehouse warehouse = null;
    while (System.nanoTime() < deadline) {
      warehouse = store.warehouse(org).orElse(null);
      if (warehouse != null && java.util.List.of(states).contains(warehouse.state())) {
        return warehouse;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("org " + org + " did not reach " + java.util.List.of(states)
        + "; last " + warehouse);
  }

  private static boolean databaseExists(String name) throws Exception {
    try (Connection connection = postgres.connect("postgres");
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
      return row.next();
    }
  }

  private static boolean roleExists(String name) throws Exception {
    try (Connection connection = postgres.connect("postgres");
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT 1 FROM pg_roles WHERE rolname = '" + name + "'")) {
      return row.next();
    }
  }

  private static WarehouseSpec external(int port, MetadataStoreFlavor flavor, String database) {
    return new WarehouseSpec(MetadataStore.Type.EXTERNAL, "127.0.0.1", port, database, "postgres",
        ConfigStorePostgres.PASSWORD, flavor, DataStore.Type.LOCAL, null, null, null, null, null,
        null, null, null);
  }

  @Test
  void anInternalOrgBecomesReadyWithItsCatalogAndIsRemovedOnDeprovision() throws Exception {
    store.provision("inner", "inner_db", WarehouseSpec.internalLocal(), "u", verifier());
    Warehouse ready = awaitState("inner", WarehouseState.READY, WarehouseState.FAILED);
    assertThat(ready.state()).as(ready.statusMessage()).isEqualTo(WarehouseState.READY);
    assertThat(databaseExists("ducklake_inner")).isTrue();
    try (Connection catalog = postgres.connect("ducklake_inner");
        Statement statement = catalog.createStatement();
        ResultSet row = statement.executeQuery("SELECT count(*) FROM ducklake_metadata")) {
      row.next();
      assertThat(row.getInt(1)).as("DuckLake created its catalog").isPositive();
    }
    Path orgData = store.localDataPath("inner");
    assertThat(orgData).isDirectory();
    assertThat(roleExists("ducklake_inner")).isTrue();
    // The org's role reaches its own database and no other tenant's.
    String lake = store.duckLakeConfig(ready).metadataStore();
    String rolePassword = lake.substring(lake.indexOf("password=") + "password=".length());
    try (Connection own = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
        + postgres.port() + "/ducklake_inner", "ducklake_inner", rolePassword)) {
      assertThat(own.isValid(5)).isTrue();
    }
    try (Connection connection = postgres.connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE other_tenant_lake");
      statement.execute("REVOKE CONNECT ON DATABASE other_tenant_lake FROM PUBLIC");
    }
    assertThatThrownBy(() -> java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
        + postgres.port() + "/other_tenant_lake", "ducklake_inner", rolePassword))
        .hasMessageContaining("permission denied");

    store.markDeleting("inner");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (store.findOrg("inner").isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(store.findOrg("inner")).isEmpty();
    assertThat(store.users("inner")).isEmpty();
    assertThat(databaseExists("ducklake_inner")).isFalse();
    assertThat(roleExists("ducklake_inner")).isFalse();
    assertThat(orgData.getParent()).doesNotExist();
  }

  @Test
  void aStoreThatAnswersAsPostgresWhileTheRowSaysCockroachdbFailsNamingTheFlavor()
      throws Exception {
    try (Connection connection = postgres.connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE ext_lake_pg");
    }
    store.provision("wrongflavor", "wf_db",
        external(postgres.port(), MetadataStoreFlavor.COCKROACHDB, "ext_lake_pg"), "u",
        verifier());
    Warehouse failed = awaitState("wrongflavor", WarehouseState.FAILED, WarehouseState.READY);
    assertThat(failed.state()).isEqualTo(WarehouseState.FAILED);
    assertThat(failed.statusMessage()).contains("answers as PostgreSQL",
        "flavor is cockroachdb", "\"flavor\": \"postgres\"");
    assertThat(failed.attempts()).as("not retried: it cannot succeed").isZero();
  }

  @Test
  void anExternalPostgresStoreWithTheRightFlavorBecomesReady() throws Exception {
    try (Connection connection = postgres.connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE ext_lake_ok");
    }
    store.provision("extok", "extok_db",
        external(postgres.port(), MetadataStoreFlavor.POSTGRES, "ext_lake_ok"), "u", verifier());
    Warehouse ready = awaitState("extok", WarehouseState.READY, WarehouseState.FAILED);
    assertThat(ready.state()).as(ready.statusMessage()).isEqualTo(WarehouseState.READY);

    // Deprovisioning leaves an external store alone.
    store.markDeleting("extok");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (store.findOrg("extok").isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(store.findOrg("extok")).isEmpty();
    assertThat(databaseExists("ext_lake_ok")).isTrue();
  }

  @Test
  void aStoreThatNeverAnswersEndsFailedWithItsLastErrorAfterBoundedRetries() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    store.provision("silent", "silent_db",
        external(closedPort, MetadataStoreFlavor.POSTGRES, "nothing"), "u", verifier());
    Warehouse failed = awaitState("silent", WarehouseState.FAILED, WarehouseState.READY);
    assertThat(failed.state()).isEqualTo(WarehouseState.FAILED);
    assertThat(failed.statusMessage()).contains("did not answer", "127.0.0.1:" + closedPort)
        .doesNotContain(ConfigStorePostgres.PASSWORD);
    assertThat(failed.attempts()).isEqualTo(2);
    Optional<Warehouse> again = store.warehouse("silent");
    assertThat(again).get().extracting(Warehouse::state).isEqualTo(WarehouseState.FAILED);
  }
}
