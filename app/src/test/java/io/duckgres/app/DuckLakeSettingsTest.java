package io.duckgres.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import io.duckgres.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code extensions}, {@code extension_directory} and {@code ducklake} settings. */
class DuckLakeSettingsTest {
  private static final String STORE = "postgres:dbname=lake host=db user=u password=pw-123";

  @TempDir Path workingDirectory;

  private final Map<String, String> environment = new HashMap<>();
  private final Map<Setting, String> flags = new EnumMap<>(Setting.class);

  @Test
  void byDefaultDucklakeIsLoadedAndNoLakeIsAttached() throws Exception {
    ServerConfig config = load().serverConfig();
    assertThat(config.extensions()).containsExactly("ducklake");
    assertThat(config.extensionDirectory()).isNull();
    assertThat(config.duckLake().enabled()).isFalse();
    assertThat(ServerConfig.defaults().extensions()).containsExactly("ducklake");
  }

  @Test
  void theDucklakeSectionOfTheFile() throws Exception {
    writeConfig("""
        extensions: [ducklake, httpfs, json]
        extension_directory: exts
        ducklake:
          metadata_store: 'postgres:dbname=lake host=db user=u password=pw-123'
          metadata_store_flavor: cockroachdb
          data_path: lake-files
          via_pgbouncer: true
          metadata_pool_max_connections: 6
        """);
    ServerConfig config = load().serverConfig();
    assertThat(config.extensions()).containsExactly("ducklake", "httpfs", "json");
    assertThat(config.extensionDirectory()).isEqualTo(workingDirectory.resolve("exts"));
    DuckLakeConfig lake = config.duckLake();
    assertThat(lake.metadataStore()).isEqualTo(STORE);
    assertThat(lake.metadataStoreFlavor()).isEqualTo(MetadataStoreFlavor.COCKROACHDB);
    assertThat(lake.dataPath()).isEqualTo(workingDirectory.resolve("lake-files"));
    assertThat(lake.preAttachStatements()).containsExactly(
        "SET GLOBAL pg_pool_max_connections = 6",
        "SET GLOBAL pg_pool_enable_thread_local_cache = false",
        "SET GLOBAL pg_pool_max_connections = 0",
        "SET GLOBAL pg_use_text_protocol = true",
        "SET GLOBAL pg_use_ctid_scan = false");
  }

  @Test
  void theDataPathDefaultsToTheDataDirectory() throws Exception {
    environment.put("DUCKGRES_DUCKLAKE_METADATA_STORE", STORE);
    ServerConfig config = load().serverConfig();
    assertThat(config.duckLake().dataPath()).isEqualTo(workingDirectory.resolve("data/ducklake"));
    assertThat(config.duckLake().metadataStoreFlavor()).isEqualTo(MetadataStoreFlavor.POSTGRES);
  }

  @Test
  void aLocalCatalogFileIsResolvedLikeOtherPaths() throws Exception {
    flags.put(Setting.DUCKLAKE_METADATA_STORE, "ducklake:lake/catalog.ducklake");
    assertThat(load().serverConfig().duckLake().metadataStore())
        .isEqualTo(workingDirectory.resolve("lake/catalog.ducklake").toString());
  }

  @Test
  void anObjectStoreWithS3Settings() throws Exception {
    writeConfig("""
        ducklake:
          metadata_store: 'postgres:dbname=lake'
          object_store: s3://bucket/prefix
          s3_endpoint: 127.0.0.1:9000
          s3_access_key: AKID
          s3_secret_key: TOPSECRET
          s3_region: us-east-1
          s3_use_ssl: false
          s3_url_style: path
        """);
    ServerConfig config = load().serverConfig();
    DuckLakeConfig lake = config.duckLake();
    assertThat(lake.dataPath()).isNull();
    assertThat(lake.objectStore()).isEqualTo("s3://bucket/prefix/");
    assertThat(lake.s3().useSsl()).isFalse();
    assertThat(lake.secretStatement()).contains("KEY_ID 'AKID'", "URL_STYLE 'path'");
    assertThat(config.toString()).doesNotContain("TOPSECRET");
  }

  @Test
  void anUnknownFlavorStopsStartupNamingTheAllowedValues() throws Exception {
    writeConfig("ducklake: {metadata_store: 'postgres:dbname=x password=pw-123',"
        + " metadata_store_flavor: crdb}\n");
    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("metadata_store_flavor in ")
        .hasMessageContaining("unknown metadata store flavor 'crdb' (allowed: postgres, cockroachdb)")
        .hasMessageNotContaining("pw-123");
  }

  @Test
  void lakeSettingsWithoutAMetadataStoreAreAMistake() throws Exception {
    environment.put("DUCKGRES_DUCKLAKE_DATA_PATH", "/lake");
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessage("DUCKGRES_DUCKLAKE_DATA_PATH is set but ducklake.metadata_store is not (set"
            + " --ducklake-metadata-store or ducklake.metadata_store to attach a lake)");
  }

  @Test
  void inconsistentLakeSettingsAreRefusedWithoutEchoingThePassword() throws Exception {
    flags.put(Setting.DUCKLAKE_METADATA_STORE, STORE);
    flags.put(Setting.DUCKLAKE_DATA_PATH, "/lake");
    flags.put(Setting.DUCKLAKE_OBJECT_STORE, "s3://bucket/");
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessage("invalid ducklake configuration: DuckLake data_path and object_store are"
            + " alternatives: give one of them");
  }

  @Test
  void unknownKeysInTheSectionAreRefused() throws Exception {
    writeConfig("ducklake: {metadata_store: 'postgres:', metadata_flavor: cockroachdb}\n");
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'ducklake.metadata_flavor'");
  }

  @Test
  void extensionsFromTheEnvironmentAndAnEmptyList() throws Exception {
    environment.put("DUCKGRES_EXTENSIONS", "httpfs, ducklake,httpfs");
    assertThat(load().serverConfig().extensions()).containsExactly("httpfs", "ducklake");
    environment.clear();
    writeConfig("extensions: []\n");
    assertThat(load().serverConfig().extensions()).isEqualTo(List.of());
  }

  @Test
  void extensionNamesMustBeIdentifiers() throws Exception {
    flags.put(Setting.EXTENSIONS, "ducklake,httpfs;drop");
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("invalid value for --extensions: ducklake,httpfs;drop (invalid"
            + " extension name");
  }

  @Test
  void theLauncherSuppliesADefaultExtensionDirectoryThatConfigurationOverrides() throws Exception {
    environment.put(ConfigLoader.LAUNCHER_EXTENSION_DIRECTORY, "/repo/.extensions");
    LoadedConfig loaded = load();
    assertThat(loaded.serverConfig().extensionDirectory()).isEqualTo(Path.of("/repo/.extensions"));
    assertThat(loaded.warnings()).noneMatch(w -> w.contains(ConfigLoader.LAUNCHER_EXTENSION_DIRECTORY));
    writeConfig("extension_directory: /etc/duckgres/extensions\n");
    assertThat(load().serverConfig().extensionDirectory())
        .isEqualTo(Path.of("/etc/duckgres/extensions"));
  }

  @Test
  void serverConfigToStringHidesTheMetadataPasswordAndTheS3Secret() throws Exception {
    flags.put(Setting.DUCKLAKE_METADATA_STORE, STORE);
    flags.put(Setting.DUCKLAKE_OBJECT_STORE, "s3://bucket/");
    flags.put(Setting.DUCKLAKE_S3_ACCESS_KEY, "AKID");
    flags.put(Setting.DUCKLAKE_S3_SECRET_KEY, "TOPSECRET");
    LoadedConfig loaded = load();
    assertThat(loaded.serverConfig().toString())
        .doesNotContain("pw-123", "TOPSECRET")
        .contains("password=***", "secretKey=***");
    assertThat(loaded.warnings()).anyMatch(w -> w.contains("S3 secret key was given as a flag"));
  }

  private LoadedConfig load() throws ConfigException {
    return new ConfigLoader(environment, workingDirectory).load(flags);
  }

  private void writeConfig(String content) throws IOException {
    Files.writeString(workingDirectory.resolve(ConfigLoader.DEFAULT_CONFIG_FILE), content);
  }
}
