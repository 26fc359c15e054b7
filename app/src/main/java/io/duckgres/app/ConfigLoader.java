package io.duckgres.app;

import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import io.duckgres.engine.ducklake.S3Settings;
import io.duckgres.server.ServerConfig;
import io.duckgres.server.ServerConfig.AuthMethod;
import io.duckgres.server.ServerConfig.RateLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Layers the configuration sources into one {@link ServerConfig}. In rising precedence: the
 * built-in defaults, the YAML file ({@code --config}, {@code DUCKGRES_CONFIG}, or else
 * {@code duckgres.yaml} in the working directory when present), {@code DUCKGRES_*} environment
 * variables, and command-line flags.
 *
 * <p>The environment and working directory are passed in rather than read from the process so
 * the whole precedence table can be tested without touching the real environment. Relative paths
 * are resolved against that working directory, which is where the operator typed the command.
 */
public final class ConfigLoader {
  static final String DEFAULT_CONFIG_FILE = "duckgres.yaml";
  private static final String ENVIRONMENT_PREFIX = "DUCKGRES_";

  /**
   * Set by bin/duckgres to the checkout's .extensions directory, where scripts/fetch-extensions
   * unpacks extensions. It is a default, below the file: an extension_directory the operator gives
   * anywhere wins.
   */
  static final String LAUNCHER_EXTENSION_DIRECTORY = "DUCKGRES_DEFAULT_EXTENSION_DIRECTORY";

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final List<String> warnings = new ArrayList<>();

  public ConfigLoader(Map<String, String> environment, Path workingDirectory) {
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
  }

  /**
   * Builds the configuration.
   *
   * @param flagValues the text of each flag given on the command line
   * @throws ConfigException naming the first setting that cannot be used
   */
  public LoadedConfig load(Map<Setting, String> flagValues) throws ConfigException {
    warnings.clear();
    Map<Setting, RawValue> flags = fromFlags(flagValues);
    Map<Setting, RawValue> environmentValues = fromEnvironment();
    YamlConfigFile file = findConfigFile(flags, environmentValues);

    Map<Setting, RawValue> layered = new EnumMap<>(Setting.class);
    if (file != null) {
      layered.putAll(file.values());
    }
    layered.putAll(environmentValues);
    layered.putAll(flags);

    ServerConfig defaults = ServerConfig.defaults();
    boolean fileUsers = file != null && file.users().isPresent();
    Map<String, String> users = fileUsers ? file.users().get() : defaults.users();
    // The built-in user is a superuser; configured users are superusers only when flagged.
    Set<String> superusers = fileUsers ? file.superusers() : defaults.superusers();
    ServerConfig config = assemble(layered, users, superusers, defaults);
    warnAboutRiskyChoices(config, defaults);
    RawValue storeFlag = flags.get(Setting.DUCKLAKE_METADATA_STORE);
    if (storeFlag != null && storeFlag.text().toLowerCase(java.util.Locale.ROOT).contains("password")) {
      warnings.add("the metadata store's password was given as a flag, which other local users can"
          + " read in the process list; use DUCKGRES_DUCKLAKE_METADATA_STORE, the config file or"
          + " PGPASSFILE");
    }
    RawValue configStoreFlag = flags.get(Setting.CONFIG_STORE);
    if (configStoreFlag != null && configStoreFlag.text().matches("(?s).*://[^/@]*:[^/@]*@.*")) {
      warnings.add("the config store's password was given as a flag, which other local users can"
          + " read in the process list; use DUCKGRES_CONFIG_STORE or the config file");
    }
    if (flags.containsKey(Setting.DUCKLAKE_S3_SECRET_KEY)) {
      warnings.add("the S3 secret key was given as a flag, which other local users can read in the"
          + " process list; use DUCKGRES_DUCKLAKE_S3_SECRET_KEY or the config file");
    }
    // Issue 7: --mode and the control-plane/worker settings, apart from the shared ServerConfig.
    RunMode runMode = RunMode.load(layered, workingDirectory, config.dataDir());
    var tenants = TenantsSettings.load(layered, workingDirectory, config, runMode.kind(), warnings);
    OperationsSettings operations = OperationsSettings.load(layered, workingDirectory,
        runMode.kind());
    return new LoadedConfig(config, file == null ? null : file.path(), warnings, runMode,
        tenants, operations);
  }

  private static Map<Setting, RawValue> fromFlags(Map<Setting, String> flagValues) {
    Map<Setting, RawValue> flags = new EnumMap<>(Setting.class);
    flagValues.forEach(
        (setting, text) -> {
          if (text != null) {
            flags.put(setting, new RawValue(text, setting.flag()));
          }
        });
    return flags;
  }

  /** Empty variables count as unset, as container tooling often defines them empty. */
  private Map<Setting, RawValue> fromEnvironment() {
    Map<Setting, RawValue> values = new EnumMap<>(Setting.class);
    Set<String> known = new TreeSet<>();
    known.add(LAUNCHER_EXTENSION_DIRECTORY);
    for (Setting setting : Setting.values()) {
      String name = setting.environmentVariable();
      known.add(name);
      String text = environment.get(name);
      if (text != null && !text.isBlank()) {
        values.put(setting, new RawValue(text, name));
      }
    }
    new TreeSet<>(environment.keySet())
        .stream()
        .filter(name -> name.startsWith(ENVIRONMENT_PREFIX) && !known.contains(name))
        .forEach(name -> warnings.add("ignoring unknown environment variable " + name));
    return values;
  }

  private YamlConfigFile findConfigFile(
      Map<Setting, RawValue> flags, Map<Setting, RawValue> environmentValues)
      throws ConfigException {
    RawValue explicit = flags.getOrDefault(Setting.CONFIG, environmentValues.get(Setting.CONFIG));
    if (explicit != null) {
      Path path = resolvePath(explicit);
      if (!Files.exists(path)) {
        throw ConfigException.invalidValue(explicit, "file not found");
      }
      if (!Files.isRegularFile(path)) {
        throw ConfigException.invalidValue(explicit, "not a regular file");
      }
      return YamlConfigFile.read(path);
    }
    Path implicit = workingDirectory.resolve(DEFAULT_CONFIG_FILE);
    return Files.isRegularFile(implicit) ? YamlConfigFile.read(implicit) : null;
  }

  private ServerConfig assemble(
      Map<Setting, RawValue> values, Map<String, String> users, Set<String> superusers,
      ServerConfig defaults) throws ConfigException {
    convert(values, Setting.MODE, SettingValues::mode, "standalone");
    String host = convert(values, Setting.HOST, SettingValues::host, defaults.host());
    int port = convert(values, Setting.PORT, SettingValues::port, defaults.port());
    Path dataDir = dataDirectory(values.get(Setting.DATA_DIR), defaults.dataDir());
    Path certFile = readableFile(values.get(Setting.CERT));
    Path keyFile = readableFile(values.get(Setting.KEY));
    requireBothOrNeither(values.get(Setting.CERT), values.get(Setting.KEY));
    boolean allowPlaintext =
        convert(values, Setting.ALLOW_PLAINTEXT, SettingValues::bool, defaults.allowPlaintext());
    AuthMethod authMethod =
        convert(values, Setting.AUTH_METHOD, SettingValues::authMethod, defaults.authMethod());
    Duration idleTimeout =
        convert(values, Setting.IDLE_TIMEOUT, SettingValues::duration, defaults.idleTimeout());
    String memoryLimit =
        convert(values, Setting.MEMORY_LIMIT, SettingValues::memoryLimit, defaults.memoryLimit());
    int threads =
        convert(values, Setting.THREADS, text -> SettingValues.integerAtLeast(text, 0),
            defaults.threads());
    Duration shutdownTimeout =
        convert(values, Setting.SHUTDOWN_TIMEOUT, SettingValues::duration,
            defaults.shutdownTimeout());
    int maxMessageSize =
        convert(values, Setting.MAX_MESSAGE_SIZE, SettingValues::messageSize,
            defaults.maxMessageSize());
    int maxConnections =
        convert(values, Setting.MAX_CONNECTIONS, text -> SettingValues.integerAtLeast(text, 1),
            defaults.maxConnections());
    int maxConnectionsPerUser =
        convert(values, Setting.MAX_CONNECTIONS_PER_USER,
            text -> SettingValues.integerAtLeast(text, 0), defaults.maxConnectionsPerUser());
    RateLimit rateLimit = rateLimit(values, defaults.rateLimit());
    List<String> extensions =
        convert(values, Setting.EXTENSIONS, SettingValues::extensions, defaults.extensions());
    Path extensionDirectory = extensionDirectory(values.get(Setting.EXTENSION_DIRECTORY));
    DuckLakeConfig duckLake = duckLake(values, dataDir);
    try {
      return new ServerConfig(
          host, port, dataDir, certFile, keyFile, allowPlaintext, authMethod, users, idleTimeout,
          memoryLimit, threads, rateLimit, maxMessageSize, shutdownTimeout, extensions,
          extensionDirectory, duckLake, maxConnections, maxConnectionsPerUser, superusers);
    } catch (IllegalArgumentException refused) {
      // The checks above should already have caught everything the record refuses.
      throw new ConfigException("invalid configuration: " + refused.getMessage());
    }
  }

  /** The configured directory, else the launcher's, else null (DuckDB's own default). */
  private Path extensionDirectory(RawValue value) throws ConfigException {
    if (value != null) {
      Path path = resolvePath(value);
      if (Files.exists(path) && !Files.isDirectory(path)) {
        throw ConfigException.invalidValue(value, "not a directory");
      }
      return path;
    }
    String launcher = environment.get(LAUNCHER_EXTENSION_DIRECTORY);
    if (launcher != null && !launcher.isBlank()) {
      return resolvePath(new RawValue(launcher, LAUNCHER_EXTENSION_DIRECTORY));
    }
    return null;
  }

  /**
   * The {@code ducklake} section. Setting {@code metadata_store} turns the lake on; the other keys
   * without it are a mistake worth stopping for. Values may carry passwords, so messages about
   * the metadata store and the S3 keys never quote them.
   */
  private DuckLakeConfig duckLake(Map<Setting, RawValue> values, Path dataDir)
      throws ConfigException {
    RawValue store = values.get(Setting.DUCKLAKE_METADATA_STORE);
    if (store == null) {
      for (Setting setting : DUCKLAKE_SETTINGS) {
        RawValue stray = values.get(setting);
        if (stray != null) {
          throw new ConfigException(stray.origin() + " is set but "
              + Setting.DUCKLAKE_METADATA_STORE.yamlKey() + " is not (set "
              + Setting.DUCKLAKE_METADATA_STORE.flag() + " or ducklake.metadata_store to attach a"
              + " lake)");
        }
      }
      return DuckLakeConfig.disabled();
    }
    String metadataStore = store.text().strip();
    if (!isConnectionString(metadataStore)) {
      metadataStore = resolvePath(new RawValue(stripPrefix(metadataStore), store.origin()))
          .toString();
    }
    MetadataStoreFlavor flavor = convert(values, Setting.DUCKLAKE_METADATA_STORE_FLAVOR,
        SettingValues::metadataStoreFlavor, MetadataStoreFlavor.POSTGRES);
    RawValue dataPathValue = values.get(Setting.DUCKLAKE_DATA_PATH);
    Path dataPath = dataPathValue == null ? null : resolvePath(dataPathValue);
    RawValue objectStore = values.get(Setting.DUCKLAKE_OBJECT_STORE);
    if (dataPath == null && objectStore == null) {
      dataPath = dataDir.resolve("ducklake");
    }
    boolean viaPgBouncer =
        convert(values, Setting.DUCKLAKE_VIA_PGBOUNCER, SettingValues::bool, false);
    boolean threadLocalCache =
        convert(values, Setting.DUCKLAKE_METADATA_THREAD_LOCAL_CACHE, SettingValues::bool, false);
    Integer poolMaxConnections = convert(values, Setting.DUCKLAKE_METADATA_POOL_MAX_CONNECTIONS,
        text -> SettingValues.integerAtLeast(text, 0), null);
    Boolean useSsl = convert(values, Setting.DUCKLAKE_S3_USE_SSL, SettingValues::bool, null);
    try {
      S3Settings s3 = new S3Settings(
          text(values, Setting.DUCKLAKE_S3_ENDPOINT),
          text(values, Setting.DUCKLAKE_S3_ACCESS_KEY),
          text(values, Setting.DUCKLAKE_S3_SECRET_KEY),
          text(values, Setting.DUCKLAKE_S3_REGION),
          useSsl,
          text(values, Setting.DUCKLAKE_S3_URL_STYLE),
          text(values, Setting.DUCKLAKE_S3_PROVIDER));
      return new DuckLakeConfig(metadataStore, flavor, dataPath,
          objectStore == null ? null : objectStore.text(), s3, viaPgBouncer, threadLocalCache,
          poolMaxConnections);
    } catch (IllegalArgumentException refused) {
      throw new ConfigException("invalid ducklake configuration: " + refused.getMessage());
    }
  }

  /** Every ducklake setting but metadata_store itself. */
  private static final List<Setting> DUCKLAKE_SETTINGS = List.of(
      Setting.DUCKLAKE_METADATA_STORE_FLAVOR, Setting.DUCKLAKE_DATA_PATH,
      Setting.DUCKLAKE_OBJECT_STORE, Setting.DUCKLAKE_VIA_PGBOUNCER,
      Setting.DUCKLAKE_METADATA_POOL_MAX_CONNECTIONS, Setting.DUCKLAKE_METADATA_THREAD_LOCAL_CACHE,
      Setting.DUCKLAKE_S3_ENDPOINT, Setting.DUCKLAKE_S3_ACCESS_KEY, Setting.DUCKLAKE_S3_SECRET_KEY,
      Setting.DUCKLAKE_S3_REGION, Setting.DUCKLAKE_S3_USE_SSL, Setting.DUCKLAKE_S3_URL_STYLE,
      Setting.DUCKLAKE_S3_PROVIDER);

  /** {@code postgres:...} rather than the path of a local catalog file. */
  private static boolean isConnectionString(String store) {
    String lower = stripPrefix(store).toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("postgres:");
  }

  private static String stripPrefix(String store) {
    return store.toLowerCase(java.util.Locale.ROOT).startsWith("ducklake:")
        ? store.substring("ducklake:".length())
        : store;
  }

  private static String text(Map<Setting, RawValue> values, Setting setting) {
    RawValue value = values.get(setting);
    return value == null ? null : value.text();
  }

  private static RateLimit rateLimit(Map<Setting, RawValue> values, RateLimit defaults)
      throws ConfigException {
    int maxFailures =
        convert(values, Setting.AUTH_MAX_FAILURES, text -> SettingValues.integerAtLeast(text, 1),
            defaults.maxFailures());
    Duration window =
        convert(values, Setting.AUTH_FAILURE_WINDOW, SettingValues::positiveDuration,
            defaults.window());
    Duration banDuration =
        convert(values, Setting.AUTH_BAN_DURATION, SettingValues::positiveDuration,
            defaults.banDuration());
    return new RateLimit(maxFailures, window, banDuration);
  }

  private static <T> T convert(
      Map<Setting, RawValue> values, Setting setting, Function<String, T> parser, T fallback)
      throws ConfigException {
    RawValue value = values.get(setting);
    if (value == null) {
      return fallback;
    }
    try {
      return parser.apply(value.text());
    } catch (IllegalArgumentException invalid) {
      throw ConfigException.invalidValue(value, invalid.getMessage());
    }
  }

  /** A missing data directory is fine (the server creates it); a file in its place is not. */
  private Path dataDirectory(RawValue value, Path fallback) throws ConfigException {
    Path path = value == null ? workingDirectory.resolve(fallback).normalize() : resolvePath(value);
    if (value != null && Files.exists(path) && !Files.isDirectory(path)) {
      throw ConfigException.invalidValue(value, "not a directory");
    }
    return path;
  }

  /** Checked here so a typo fails at once with the option's name, not later inside TLS setup. */
  private Path readableFile(RawValue value) throws ConfigException {
    if (value == null) {
      return null;
    }
    Path path = resolvePath(value);
    if (!Files.exists(path)) {
      throw ConfigException.invalidValue(value, "file not found");
    }
    if (!Files.isRegularFile(path)) {
      throw ConfigException.invalidValue(value, "not a regular file");
    }
    if (!Files.isReadable(path)) {
      throw ConfigException.invalidValue(value, "permission denied");
    }
    return path;
  }

  private static void requireBothOrNeither(RawValue cert, RawValue key) throws ConfigException {
    if (cert != null && key == null) {
      throw new ConfigException(
          cert.origin() + " is given without a key (give the certificate and key together)");
    }
    if (key != null && cert == null) {
      throw new ConfigException(
          key.origin()
              + " is given without a certificate (give the certificate and key together)");
    }
  }

  private Path resolvePath(RawValue value) throws ConfigException {
    if (value.text().isBlank()) {
      throw ConfigException.invalidValue(value, "must not be empty");
    }
    try {
      return workingDirectory.resolve(value.text().trim()).normalize();
    } catch (IllegalArgumentException invalidPath) {
      throw ConfigException.invalidValue(value, "not a valid path");
    }
  }

  private void warnAboutRiskyChoices(ServerConfig config, ServerConfig defaults) {
    if (config.users().isEmpty()) {
      warnings.add("no users are configured; every login will be refused");
    }
    if (config.users().equals(defaults.users())) {
      warnings.add(
          "using the built-in user postgres with its default password; set users in the config file");
    }
    if (config.allowPlaintext() && config.authMethod() == AuthMethod.PASSWORD) {
      warnings.add(
          "allow_plaintext with auth method password lets passwords cross the network unencrypted");
    }
  }
}
