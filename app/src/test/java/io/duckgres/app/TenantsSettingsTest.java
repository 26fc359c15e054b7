package io.duckgres.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.warehouse.TenantsOptions;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tenants} and the settings that go with it. */
class TenantsSettingsTest {
  @TempDir Path workingDirectory;

  private final Map<String, String> environment = new HashMap<>();
  private final Map<Setting, String> flags = new EnumMap<>(Setting.class);

  private LoadedConfig load() throws ConfigException {
    return new ConfigLoader(environment, workingDirectory).load(flags);
  }

  @Test
  void offByDefaultAndTheOtherSettingsAreThenIgnoredWithAWarning() throws Exception {
    flags.put(Setting.MODE, "control-plane");
    flags.put(Setting.ADMIN_LISTEN, "127.0.0.1:9000");
    LoadedConfig loaded = load();
    assertThat(loaded.tenants()).isNull();
    assertThat(loaded.warnings()).anyMatch(w -> w.contains("--admin-listen")
        && w.contains("--tenants"));
  }

  @Test
  void theDefaultsEmbedTheStoreAndListenOnLoopback8432() throws Exception {
    flags.put(Setting.MODE, "control-plane");
    flags.put(Setting.TENANTS, "true");
    flags.put(Setting.DATA_DIR, "d");
    TenantsOptions tenants = load().tenants();
    assertThat(tenants.configStore()).as("embedded").isNull();
    assertThat(tenants.adminHost()).isEqualTo("127.0.0.1");
    assertThat(tenants.adminPort()).isEqualTo(8432);
    assertThat(tenants.adminTokenFile()).isEqualTo(workingDirectory.resolve("d/admin.token"));
    assertThat(tenants.secretsKeyFile())
        .isEqualTo(workingDirectory.resolve("d/tenants-secrets.key"));
    assertThat(tenants.dataDirectory()).isEqualTo(workingDirectory.resolve("d"));
  }

  @Test
  void aNamedStoreFromTheEnvironmentAndTheOtherFlags() throws Exception {
    environment.put("DUCKGRES_MODE", "control-plane");
    environment.put("DUCKGRES_TENANTS", "on");
    environment.put("DUCKGRES_CONFIG_STORE", "postgresql://dg:s%40cret@db.internal:6432/config");
    flags.put(Setting.ADMIN_LISTEN, "0.0.0.0:9443");
    flags.put(Setting.ADMIN_TOKEN_FILE, "secrets/admin.token");
    LoadedConfig loaded = load();
    TenantsOptions tenants = loaded.tenants();
    assertThat(tenants.configStore().host()).isEqualTo("db.internal");
    assertThat(tenants.configStore().port()).isEqualTo(6432);
    assertThat(tenants.configStore().password()).isEqualTo("s@cret");
    assertThat(tenants.adminHost()).isEqualTo("0.0.0.0");
    assertThat(tenants.adminPort()).isEqualTo(9443);
    assertThat(tenants.adminTokenFile()).isEqualTo(workingDirectory.resolve("secrets/admin.token"));
    assertThat(tenants.toString()).doesNotContain("s@cret");
    assertThat(loaded.warnings()).noneMatch(w -> w.contains("process list"));
  }

  @Test
  void aStorePasswordOnTheCommandLineIsWarnedAbout() throws Exception {
    flags.put(Setting.MODE, "control-plane");
    flags.put(Setting.TENANTS, "true");
    flags.put(Setting.CONFIG_STORE, "postgresql://dg:pw@h/config");
    assertThat(load().warnings()).anyMatch(w -> w.contains("config store's password"));
  }

  @Test
  void theYamlSection() throws Exception {
    Files.writeString(workingDirectory.resolve(ConfigLoader.DEFAULT_CONFIG_FILE), """
        mode: control-plane
        tenants:
          enabled: true
          admin_listen: '127.0.0.1:18432'
          secrets_key_file: keys/tenants.key
        """);
    TenantsOptions tenants = load().tenants();
    assertThat(tenants.adminPort()).isEqualTo(18432);
    assertThat(tenants.secretsKeyFile()).isEqualTo(workingDirectory.resolve("keys/tenants.key"));
  }

  @Test
  void refusedOutsideTheControlPlaneAndWithBadValues() {
    flags.put(Setting.TENANTS, "true");
    assertThatThrownBy(this::load).hasMessageContaining("--mode control-plane");
    flags.put(Setting.MODE, "control-plane");
    flags.put(Setting.ADMIN_LISTEN, "8432");
    assertThatThrownBy(this::load).hasMessageContaining("--admin-listen")
        .hasMessageContaining("HOST:PORT");
    flags.remove(Setting.ADMIN_LISTEN);
    flags.put(Setting.CONFIG_STORE, "mysql://u:topsecret@h/db");
    assertThatThrownBy(this::load).hasMessageContaining("--config-store")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void aWorkerIgnoresItsControlPlanesTenantsFlags() throws Exception {
    flags.put(Setting.MODE, "worker");
    flags.put(Setting.TENANTS, "true");
    flags.put(Setting.WORKER_CONTROL_SOCKET, "c.sock");
    flags.put(Setting.WORKER_FD_SOCKET, "f.sock");
    assertThat(load().tenants()).isNull();
  }

  @Test
  void aBareTenantsFlagMeansOn() throws Exception {
    ParsedCommandLine parsed = new CommandLineParser().parse("--mode", "control-plane",
        "--tenants");
    assertThat(parsed.flagValues()).containsEntry(Setting.TENANTS, "true");
    StringWriter help = new StringWriter();
    new CommandLineParser().printUsage(new PrintWriter(help));
    assertThat(help.toString()).contains("--tenants", "--config-store", "--admin-listen",
        "--admin-token-file", "127.0.0.1:8432");
  }
}
