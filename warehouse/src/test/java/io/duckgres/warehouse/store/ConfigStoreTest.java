package io.duckgres.warehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import io.duckgres.pgwire.auth.ScramCredential;
import io.duckgres.warehouse.ConfigStorePostgres;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's Java API against a real PostgreSQL: what tenant routing reads and hears. */
class ConfigStoreTest {
  private static ConfigStorePostgres postgres;
  @TempDir static Path data;

  @BeforeAll
  static void start() {
    postgres = ConfigStorePostgres.shared();
  }

  private static String verifier(String password) {
    return ScramCredential.fromPassword(password, new SecureRandom()).toPostgresSecret();
  }

  @Test
  void readsWhatWasProvisionedAndBuildsTheLakeConfigWithTheRowsFlavor() throws Exception {
    ConfigStoreLocation location = postgres.newStore("cs_read");
    SecretBox box = SecretBox.fromKeyFile(data.resolve("read.key"));
    try (ConfigStore store = ConfigStore.open(location, box, data)) {
      store.provision("acme", "acme_db", WarehouseSpec.internalLocal(), "alice",
          verifier("alice-pw"));
      WarehouseSpec external = new WarehouseSpec(MetadataStore.Type.EXTERNAL, "10.0.0.7", 26257,
          "lake", "crdb", "ext-Pa55 'q'", MetadataStoreFlavor.COCKROACHDB, DataStore.Type.S3,
          "bucket", "pre/fix", "127.0.0.1:9000", "us-east-1", "path", false, "AKIDEXAMPLE",
          "s3-Secret-Key");
      store.provision("roach", "roach_db", external, "bob", verifier("bob-pw"));

      assertThat(store.findOrg("acme")).get().extracting(Org::databaseName).isEqualTo("acme_db");
      assertThat(store.findOrgByDatabase("roach_db")).get().extracting(Org::id)
          .isEqualTo("roach");
      assertThat(store.findOrgByDatabase("nope")).isEmpty();
      assertThat(store.listOrgs()).extracting(Org::id).containsExactly("acme", "roach");

      Warehouse internal = store.warehouse("acme").orElseThrow();
      assertThat(internal.state()).isEqualTo(WarehouseState.PENDING);
      assertThat(internal.flavor()).isEqualTo(MetadataStoreFlavor.POSTGRES);
      DuckLakeConfig internalLake = store.duckLakeConfig(internal);
      // The org's own role and password, never the config store's login.
      assertThat(internalLake.metadataStore()).matches("postgres:dbname=ducklake_acme"
          + " host=127\\.0\\.0\\.1 port=" + postgres.port()
          + " user=ducklake_acme password=[A-Za-z0-9_-]{32}")
          .doesNotContain(ConfigStorePostgres.PASSWORD);
      assertThat(internalLake.dataPath()).isEqualTo(data.resolve("tenants/acme/data"));
      assertThat(internalLake.metadataStoreFlavor()).isEqualTo(MetadataStoreFlavor.POSTGRES);

      Warehouse roach = store.warehouse("roach").orElseThrow();
      assertThat(roach.toString()).doesNotContain("ext-Pa55", "AKIDEXAMPLE", "s3-Secret-Key");
      DuckLakeConfig roachLake = store.duckLakeConfig(roach);
      assertThat(roachLake.metadataStoreFlavor()).isEqualTo(MetadataStoreFlavor.COCKROACHDB);
      assertThat(roachLake.metadataStore()).isEqualTo("postgres:dbname=lake host=10.0.0.7"
          + " port=26257 user=crdb password='ext-Pa55 \\'q\\''");
      assertThat(roachLake.objectStore()).isEqualTo("s3://bucket/pre/fix/");
      assertThat(roachLake.s3().accessKey()).isEqualTo("AKIDEXAMPLE");
      assertThat(roachLake.s3().secretKey()).isEqualTo("s3-Secret-Key");
      assertThat(roachLake.preAttachStatements())
          .contains("SET GLOBAL pg_use_text_protocol = true");
      assertThat(roachLake.toString()).doesNotContain("ext-Pa55", "s3-Secret-Key");

      List<OrgUser> users = store.users("acme");
      assertThat(users).extracting(OrgUser::name).containsExactly("alice");
      assertThat(users.get(0).credential().matchesPassword("alice-pw")).isTrue();
      assertThat(users.get(0).toString()).doesNotContain("SCRAM-SHA-256$");
    }
  }

  @Test
  void listenersHearChangesAtOnceInThisJvmAndFromAnotherControlPlane() throws Exception {
    ConfigStoreLocation location = postgres.newStore("cs_listen");
    SecretBox box = SecretBox.fromKeyFile(data.resolve("listen.key"));
    try (ConfigStore first = ConfigStore.open(location, box, data);
        ConfigStore second = ConfigStore.open(location, box, data)) {
      BlockingQueue<ConfigChange> here = new LinkedBlockingQueue<>();
      BlockingQueue<ConfigChange> there = new LinkedBlockingQueue<>();
      first.addListener(here::add);
      second.addListener(there::add);

      first.provision("beta", "beta_db", WarehouseSpec.internalLocal(), "u1", verifier("x"));
      List<ConfigChange> expected = List.of(
          ConfigChange.org(ConfigChange.Action.ADDED, "beta"),
          ConfigChange.warehouse(ConfigChange.Action.ADDED, "beta"),
          ConfigChange.user(ConfigChange.Action.ADDED, "beta", "u1"));
      for (ConfigChange change : expected) {
        assertThat(here.poll(2, TimeUnit.SECONDS)).isEqualTo(change);
        assertThat(there.poll(2, TimeUnit.SECONDS)).isEqualTo(change);
      }

      second.deleteUser("beta", "u1");
      assertThat(there.poll(2, TimeUnit.SECONDS))
          .isEqualTo(ConfigChange.user(ConfigChange.Action.DELETED, "beta", "u1"));
      assertThat(here.poll(2, TimeUnit.SECONDS))
          .isEqualTo(ConfigChange.user(ConfigChange.Action.DELETED, "beta", "u1"));
      // Each side hears every change once: its own directly, the other's by NOTIFY.
      assertThat(here.poll(300, TimeUnit.MILLISECONDS)).isNull();
      assertThat(there.poll(10, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  @Test
  void conflictsAndMissingRowsAreTheDatabasesAnswer() throws Exception {
    ConfigStoreLocation location = postgres.newStore("cs_conflict");
    SecretBox box = SecretBox.fromKeyFile(data.resolve("conflict.key"));
    try (ConfigStore store = ConfigStore.open(location, box, data)) {
      store.provision("one", "db1", WarehouseSpec.internalLocal(), "u", verifier("p"));
      assertThatThrownBy(() -> store.provision("one", "db9", WarehouseSpec.internalLocal(), "u",
          verifier("p"))).isInstanceOfSatisfying(ConfigStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(ConfigStoreException.Reason.CONFLICT));
      assertThatThrownBy(() -> store.provision("two", "db1", WarehouseSpec.internalLocal(), "u",
          verifier("p"))).hasMessageContaining("database name db1 is taken");
      assertThat(store.findOrg("two")).isEmpty();

      store.transition("one", WarehouseState.PENDING, WarehouseState.FAILED, "broken");
      store.provision("one", "db1", WarehouseSpec.internalLocal(), "v", verifier("p"));
      assertThat(store.warehouse("one").orElseThrow().state()).isEqualTo(WarehouseState.PENDING);
      assertThat(store.users("one")).extracting(OrgUser::name).containsExactly("v");

      assertThatThrownBy(() -> store.addUser("zzz", "u", verifier("p")))
          .isInstanceOfSatisfying(ConfigStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(ConfigStoreException.Reason.NOT_FOUND));
      assertThatThrownBy(() -> store.addUser("one", "v", verifier("p")))
          .isInstanceOfSatisfying(ConfigStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(ConfigStoreException.Reason.CONFLICT));
    }
  }
}
