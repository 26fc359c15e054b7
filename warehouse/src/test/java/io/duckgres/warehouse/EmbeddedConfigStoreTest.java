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

  /** A control plane stand-in in its own JVM, to be killed with SIGKILL. */
  public static final class Child {
    public static void main(String[] arguments) throws Exception {
      EmbeddedConfigStore.start(Path.of(arguments[0]));
      System.out.println("config store started");
      System.out.flush();
      Thread.sleep(120_000);
    }
  }

  @Test
  void aServerLeftRunningByAKilledControlPlaneIsStoppedAndTheStoreStarts() throws Exception {
    Path home = directory.resolve("config-store");
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Child.class.getName(), home.toString())
        .redirectErrorStream(true).start();
    try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(
        child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      StringBuilder seen = new StringBuilder();
      while ((line = output.readLine()) != null && !line.contains("config store started")) {
        seen.append(line).append('\n');
      }
      assertThat(line).as(seen.toString()).isNotNull();
      child.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly();
    }
    assertThat(home.resolve("pgdata/postmaster.pid")).as("the server outlived its JVM").exists();
    try (EmbeddedConfigStore again = EmbeddedConfigStore.start(home);
        java.sql.Connection connection = DriverManager.getConnection(
            again.location().jdbcUrl(), again.location().user(), again.location().password())) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

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
