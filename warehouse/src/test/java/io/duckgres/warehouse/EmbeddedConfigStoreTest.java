package io.duckgres.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.pgwire.auth.ScramCredential;
import io.duckgres.warehouse.store.ConfigStore;
import io.duckgres.warehouse.store.ConfigStoreLocation;
import io.duckgres.warehouse.store.SecretBox;
import io.duckgres.warehouse.store.WarehouseSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL a control plane starts for itself: persistent, and password-protected. */
class EmbeddedConfigStoreTest {
  @TempDir Path directory;

  @Test
  void keepsItsDataAcrossRestartsAndRefusesLoginsWithoutThePassword() throws Exception {
    Path home = directory.resolve("config-store");
    SecretBox box = SecretBox.fromKeyFile(directory.resolve("secrets.key"));
    try (EmbeddedConfigStore first = EmbeddedConfigStore.start(home);
        ConfigStore store = ConfigStore.open(first.location(), box, directory)) {
      store.provision("kept", "kept_db", WarehouseSpec.internalLocal(), "u",
          ScramCredential.fromPassword("p", new SecureRandom()).toPostgresSecret());
    }
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(home.resolve("superuser.password")))).isEqualTo("rw-------");

    try (EmbeddedConfigStore second = EmbeddedConfigStore.start(home);
        ConfigStore store = ConfigStore.open(second.location(), box, directory)) {
      assertThat(store.findOrgByDatabase("kept_db")).isPresent();
      ConfigStoreLocation location = second.location();
      assertThatThrownBy(() -> DriverManager.getConnection(location.jdbcUrl(), "postgres",
          "not-the-password")).isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
    }
  }
}
