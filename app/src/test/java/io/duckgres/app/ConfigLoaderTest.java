package io.duckgres.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.server.ServerConfig;
import io.duckgres.server.ServerConfig.AuthMethod;
import io.duckgres.server.ServerConfig.RateLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path workingDirectory;

  private final Map<String, String> environment = new HashMap<>();
  private final Map<Setting, String> flags = new EnumMap<>(Setting.class);

  @Test
  void nothingGivenMeansTheBuiltInDefaults() throws Exception {
    LoadedConfig loaded = load();

    ServerConfig defaults = ServerConfig.defaults();
    ServerConfig config = loaded.serverConfig();
    assertThat(config.host()).isEqualTo(defaults.host());
    assertThat(config.port()).isEqualTo(defaults.port());
    assertThat(config.dataDir()).isEqualTo(workingDirectory.resolve("data"));
    assertThat(config.certFile()).isNull();
    assertThat(config.users()).isEqualTo(defaults.users());
    assertThat(config.rateLimit()).isEqualTo(defaults.rateLimit());
    assertThat(config.shutdownTimeout()).isEqualTo(defaults.shutdownTimeout());
    assertThat(loaded.configFile()).isNull();
  }

  @Test
  void flagsBeatEnvironmentBeatsFileBeatsDefaults() throws Exception {
    writeDefaultConfigFile(
        "host: 10.0.0.1\nport: 6001\nthreads: 3\nidle_timeout: 10m\n");
    environment.put("DUCKGRES_PORT", "6002");
    environment.put("DUCKGRES_THREADS", "4");
    flags.put(Setting.PORT, "6003");

    ServerConfig config = load().serverConfig();

    assertThat(config.port()).as("flag over env and file").isEqualTo(6003);
    assertThat(config.threads()).as("env over file").isEqualTo(4);
    assertThat(config.host()).as("file over default").isEqualTo("10.0.0.1");
    assertThat(config.idleTimeout()).as("file over default").isEqualTo(Duration.ofMinutes(10));
    assertThat(config.authMethod()).as("default").isEqualTo(AuthMethod.SCRAM_SHA_256);
  }

  @Test
  void everySettingCanComeFromTheEnvironment() throws Exception {
    Path certificate = writeFile("server.pem", "certificate");
    Path key = writeFile("server-key.pem", "key");
    environment.put("DUCKGRES_HOST", "127.0.0.1");
    environment.put("DUCKGRES_PORT", "15432");
    environment.put("DUCKGRES_DATA_DIR", "state");
    environment.put("DUCKGRES_CERT", certificate.toString());
    environment.put("DUCKGRES_KEY", "server-key.pem");
    environment.put("DUCKGRES_MODE", "standalone");
    environment.put("DUCKGRES_IDLE_TIMEOUT", "1h30m");
    environment.put("DUCKGRES_MEMORY_LIMIT", "4GB");
    environment.put("DUCKGRES_THREADS", "8");
    environment.put("DUCKGRES_ALLOW_PLAINTEXT", "true");
    environment.put("DUCKGRES_AUTH_METHOD", "password");
    environment.put("DUCKGRES_SHUTDOWN_TIMEOUT", "5s");
    environment.put("DUCKGRES_MAX_MESSAGE_SIZE", "64MB");
    environment.put("DUCKGRES_AUTH_MAX_FAILURES", "3");
    environment.put("DUCKGRES_AUTH_FAILURE_WINDOW", "30s");
    environment.put("DUCKGRES_AUTH_BAN_DURATION", "1h");

    ServerConfig config = load().serverConfig();

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(15432);
    assertThat(config.dataDir()).isEqualTo(workingDirectory.resolve("state"));
    assertThat(config.certFile()).isEqualTo(certificate);
    assertThat(config.keyFile()).isEqualTo(key);
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(config.memoryLimit()).isEqualTo("4GB");
    assertThat(config.threads()).isEqualTo(8);
    assertThat(config.allowPlaintext()).isTrue();
    assertThat(config.authMethod()).isEqualTo(AuthMethod.PASSWORD);
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.maxMessageSize()).isEqualTo(64 * 1024 * 1024);
    assertThat(config.rateLimit())
        .isEqualTo(new RateLimit(3, Duration.ofSeconds(30), Duration.ofHours(1)));
  }

  @Test
  void fileUsesSnakeCaseKeysWithRateLimitNested() throws Exception {
    writeDefaultConfigFile(
        String.join(
            "\n",
            "data_dir: /var/lib/duckgres",
            "allow_plaintext: yes",
            "auth_method: password",
            "memory_limit: 512MiB",
            "max_message_size: 1048576",
            "shutdown_timeout: 0",
            "rate_limit:",
            "  max_failures: 10",
            "  window: 2m",
            "  ban_duration: 15m",
            ""));

    LoadedConfig loaded = load();
    ServerConfig config = loaded.serverConfig();

    assertThat(loaded.configFile()).isEqualTo(workingDirectory.resolve("duckgres.yaml"));
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/duckgres"));
    assertThat(config.allowPlaintext()).isTrue();
    assertThat(config.authMethod()).isEqualTo(AuthMethod.PASSWORD);
    assertThat(config.memoryLimit()).isEqualTo("512MiB");
    assertThat(config.maxMessageSize()).isEqualTo(1048576);
    assertThat(config.shutdownTimeout()).isZero();
    assertThat(config.rateLimit())
        .isEqualTo(new RateLimit(10, Duration.ofMinutes(2), Duration.ofMinutes(15)));
  }

  @Test
  void usersMapReplacesTheBuiltInUser() throws Exception {
    writeDefaultConfigFile("users:\n  alice: secret\n  bob: 12345\n");

    LoadedConfig loaded = load();

    assertThat(loaded.serverConfig().users())
        .containsExactlyInAnyOrderEntriesOf(Map.of("alice", "secret", "bob", "12345"));
    assertThat(loaded.warnings()).noneMatch(warning -> warning.contains("built-in user"));
  }

  @Test
  void builtInUserIsKeptButWarnedAbout() throws Exception {
    LoadedConfig loaded = load();

    assertThat(loaded.serverConfig().users()).containsOnlyKeys("postgres");
    assertThat(loaded.warnings()).anyMatch(warning -> warning.contains("built-in user postgres"));
  }

  @Test
  void configFlagBeatsConfigEnvironmentBeatsWorkingDirectoryFile() throws Exception {
    writeDefaultConfigFile("port: 6001\n");
    writeFile("from-environment.yaml", "port: 6002\n");
    writeFile("from-flag.yaml", "port: 6003\n");

    environment.put("DUCKGRES_CONFIG", "from-environment.yaml");
    assertThat(load().serverConfig().port()).isEqualTo(6002);

    flags.put(Setting.CONFIG, "from-flag.yaml");
    LoadedConfig loaded = load();
    assertThat(loaded.serverConfig().port()).isEqualTo(6003);
    assertThat(loaded.configFile()).isEqualTo(workingDirectory.resolve("from-flag.yaml"));
  }

  @Test
  void emptyFileAndNullValuesAreNoSettings() throws Exception {
    writeDefaultConfigFile("");
    assertThat(load().serverConfig().port()).isEqualTo(ServerConfig.DEFAULT_PORT);

    writeDefaultConfigFile("port: ~\ncert:\nkey: ''\n");
    assertThat(load().serverConfig().port()).isEqualTo(ServerConfig.DEFAULT_PORT);
  }

  @Test
  void blankEnvironmentVariablesCountAsUnset() throws Exception {
    environment.put("DUCKGRES_PORT", "");
    environment.put("DUCKGRES_HOST", "  ");

    ServerConfig config = load().serverConfig();

    assertThat(config.port()).isEqualTo(ServerConfig.DEFAULT_PORT);
    assertThat(config.host()).isEqualTo(ServerConfig.defaults().host());
  }

  @Test
  void unknownDuckgresVariablesAreWarnedAboutNotFatal() throws Exception {
    environment.put("DUCKGRES_PROT", "5433");
    environment.put("HOME", "/root");

    LoadedConfig loaded = load();

    assertThat(loaded.warnings())
        .contains("ignoring unknown environment variable DUCKGRES_PROT")
        .noneMatch(warning -> warning.contains("HOME"));
  }

  @Test
  void missingConfigFileNamesTheOption() {
    flags.put(Setting.CONFIG, "absent.yaml");

    assertRefused("invalid value for --config: absent.yaml (file not found)");
  }

  @Test
  void unknownKeyInFileIsNamed() throws Exception {
    writeDefaultConfigFile("port: 5433\nalow_plaintext: true\n");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "unknown key 'alow_plaintext' in config file " + workingDirectory.resolve("duckgres.yaml")
                + " (allowed: host, port,");
  }

  @Test
  void unknownNestedKeyInFileIsNamedWithItsSection() throws Exception {
    writeDefaultConfigFile("rate_limit:\n  max_failure: 3\n");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown key 'rate_limit.max_failure' in config file ");
  }

  @Test
  void malformedYamlNamesFileAndLine() throws Exception {
    writeDefaultConfigFile("port: 5433\n  host: : x\n");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "cannot parse config file " + workingDirectory.resolve("duckgres.yaml") + " at line 2");
  }

  @Test
  void duplicateKeyInFileIsRefused() throws Exception {
    writeDefaultConfigFile("port: 5433\nport: 5434\n");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Duplicate field 'port'");
  }

  @Test
  void badValueInFileNamesKeyAndFile() throws Exception {
    writeDefaultConfigFile("port: 70000\n");

    assertRefused(
        "invalid value for port in " + workingDirectory.resolve("duckgres.yaml")
            + ": 70000 (must be 1..65535)");
  }

  @Test
  void badValueInEnvironmentNamesTheVariable() {
    environment.put("DUCKGRES_IDLE_TIMEOUT", "soon");

    assertRefused(
        "invalid value for DUCKGRES_IDLE_TIMEOUT: soon"
            + " (expected a duration such as 30s, 5m, 1h30m or 0)");
  }

  @Test
  void passwordsNeverAppearInMessages() throws Exception {
    writeDefaultConfigFile("users:\n  alice: [hunter2]\n");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("alice")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void certificateWithoutKeyIsRefused() throws Exception {
    writeFile("server.pem", "certificate");
    flags.put(Setting.CERT, "server.pem");

    assertRefused("--cert is given without a key (give the certificate and key together)");
  }

  @Test
  void missingCertificateFileNamesTheOption() throws Exception {
    writeFile("server.key", "key");
    flags.put(Setting.CERT, "missing.pem");
    flags.put(Setting.KEY, "server.key");

    assertRefused("invalid value for --cert: missing.pem (file not found)");
  }

  @Test
  void dataDirectoryThatIsAFileIsRefused() throws Exception {
    writeFile("occupied", "");
    flags.put(Setting.DATA_DIR, "occupied");

    assertRefused("invalid value for --data-dir: occupied (not a directory)");
  }

  private LoadedConfig load() throws ConfigException {
    return new ConfigLoader(environment, workingDirectory).load(flags);
  }

  private void assertRefused(String message) {
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  private void writeDefaultConfigFile(String content) throws IOException {
    writeFile(ConfigLoader.DEFAULT_CONFIG_FILE, content);
  }

  private Path writeFile(String name, String content) throws IOException {
    return Files.writeString(workingDirectory.resolve(name), content);
  }
}
