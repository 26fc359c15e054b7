package io.duckgres.app;

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
    Map<String, String> users =
        file == null ? defaults.users() : file.users().orElse(defaults.users());
    ServerConfig config = assemble(layered, users, defaults);
    warnAboutRiskyChoices(config, defaults);
    return new LoadedConfig(config, file == null ? null : file.path(), warnings);
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
      Map<Setting, RawValue> values, Map<String, String> users, ServerConfig defaults)
      throws ConfigException {
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
    RateLimit rateLimit = rateLimit(values, defaults.rateLimit());
    try {
      return new ServerConfig(
          host, port, dataDir, certFile, keyFile, allowPlaintext, authMethod, users, idleTimeout,
          memoryLimit, threads, rateLimit, maxMessageSize, shutdownTimeout);
    } catch (IllegalArgumentException refused) {
      // The checks above should already have caught everything the record refuses.
      throw new ConfigException("invalid configuration: " + refused.getMessage());
    }
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
