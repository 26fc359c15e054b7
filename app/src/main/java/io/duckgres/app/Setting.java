package io.duckgres.app;

import io.duckgres.server.ServerConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every configurable setting, named once. Each has a CLI flag; the environment variable is the
 * flag upper-cased with a {@code DUCKGRES_} prefix, and the YAML key is the snake_case path in the
 * configuration file. Keeping the three spellings in one table means the help text, the env
 * lookup and the YAML key check can never disagree.
 */
public enum Setting {
  CONFIG("--config", null, "FILE", "YAML configuration file (otherwise ./duckgres.yaml when present)",
      config -> null),
  HOST("--host", "host", "ADDRESS", "Address to listen on", ServerConfig::host),
  PORT("--port", "port", "PORT", "TCP port to listen on, 1..65535",
      config -> String.valueOf(config.port())),
  DATA_DIR("--data-dir", "data_dir", "DIR",
      "Directory for DuckDB files and the generated TLS certificate",
      config -> displayPath(config.dataDir())),
  CERT("--cert", "cert", "FILE", "PEM TLS certificate (otherwise a self-signed one is generated)",
      config -> null),
  KEY("--key", "key", "FILE", "PEM private key matching --cert", config -> null),
  MODE("--mode", "mode", "MODE", "Run mode; only 'standalone' for now", config -> "standalone"),
  IDLE_TIMEOUT("--idle-timeout", "idle_timeout", "DURATION",
      "Close sessions idle this long, e.g. 30s, 5m, 1h; 0 = never",
      config -> SettingValues.formatDuration(config.idleTimeout())),
  MEMORY_LIMIT("--memory-limit", "memory_limit", "SIZE",
      "DuckDB memory limit, e.g. 4GB (otherwise DuckDB's default)", ServerConfig::memoryLimit),
  THREADS("--threads", "threads", "N", "DuckDB worker threads; 0 = DuckDB's default",
      config -> String.valueOf(config.threads())),
  ALLOW_PLAINTEXT("--allow-plaintext", "allow_plaintext", "BOOLEAN",
      "Accept connections that do not use TLS",
      config -> String.valueOf(config.allowPlaintext())),
  AUTH_METHOD("--auth-method", "auth_method", "METHOD",
      "Password check: scram-sha-256 or password",
      config -> SettingValues.spellAuthMethod(config.authMethod())),
  SHUTDOWN_TIMEOUT("--shutdown-timeout", "shutdown_timeout", "DURATION",
      "How long running statements may finish after SIGTERM",
      config -> SettingValues.formatDuration(config.shutdownTimeout())),
  MAX_MESSAGE_SIZE("--max-message-size", "max_message_size", "SIZE",
      "Largest client message accepted, e.g. 64MB",
      config -> SettingValues.formatByteSize(config.maxMessageSize())),
  AUTH_MAX_FAILURES("--auth-max-failures", "rate_limit.max_failures", "N",
      "Failed logins from one address before it is banned",
      config -> String.valueOf(config.rateLimit().maxFailures())),
  AUTH_FAILURE_WINDOW("--auth-failure-window", "rate_limit.window", "DURATION",
      "Window in which failed logins are counted",
      config -> SettingValues.formatDuration(config.rateLimit().window())),
  AUTH_BAN_DURATION("--auth-ban-duration", "rate_limit.ban_duration", "DURATION",
      "How long a banned address is refused",
      config -> SettingValues.formatDuration(config.rateLimit().banDuration()));

  private static final String ENVIRONMENT_PREFIX = "DUCKGRES_";

  private final String flag;
  private final String yamlKey;
  private final String valueLabel;
  private final String description;
  private final Function<ServerConfig, String> defaultText;

  Setting(
      String flag,
      String yamlKey,
      String valueLabel,
      String description,
      Function<ServerConfig, String> defaultText) {
    this.flag = flag;
    this.yamlKey = yamlKey;
    this.valueLabel = valueLabel;
    this.description = description;
    this.defaultText = defaultText;
  }

  /** The command-line flag, for example {@code --data-dir}. */
  public String flag() {
    return flag;
  }

  /** The environment variable, for example {@code DUCKGRES_DATA_DIR}. */
  public String environmentVariable() {
    return ENVIRONMENT_PREFIX + flag.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * The dotted path in the YAML file, for example {@code rate_limit.window}; null when the setting
   * cannot live in the file (the file cannot name itself).
   */
  public String yamlKey() {
    return yamlKey;
  }

  public String valueLabel() {
    return valueLabel;
  }

  public String description() {
    return description;
  }

  /** The built-in default as the user would write it, or null when there is none to show. */
  public String defaultText(ServerConfig defaults) {
    return defaultText.apply(defaults);
  }

  /** Relative paths shown as ./data, so it is plain they follow the working directory. */
  private static String displayPath(Path path) {
    return path.isAbsolute() ? path.toString() : "./" + path;
  }

  /** The setting stored under a dotted YAML path, or null when no setting uses it. */
  public static Setting forYamlKey(String dottedKey) {
    for (Setting setting : values()) {
      if (dottedKey.equals(setting.yamlKey)) {
        return setting;
      }
    }
    return null;
  }
}
