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
  MODE("--mode", "mode", "MODE",
      "Run mode: standalone, control-plane (a listener handing connections to worker processes)"
          + " or worker (started by the control plane only)",
      config -> "standalone"),
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
  MAX_CONNECTIONS("--max-connections", "max_connections", "N",
      "Connections allowed at once; past it a new connection is refused (FATAL 53300)",
      config -> String.valueOf(config.maxConnections())),
  MAX_CONNECTIONS_PER_USER("--max-connections-per-user", "max_connections_per_user", "N",
      "Connections one (non-superuser) user may hold at once; 0 = no per-user limit",
      config -> String.valueOf(config.maxConnectionsPerUser())),
  AUTH_MAX_FAILURES("--auth-max-failures", "rate_limit.max_failures", "N",
      "Failed logins from one address before it is banned",
      config -> String.valueOf(config.rateLimit().maxFailures())),
  AUTH_FAILURE_WINDOW("--auth-failure-window", "rate_limit.window", "DURATION",
      "Window in which failed logins are counted",
      config -> SettingValues.formatDuration(config.rateLimit().window())),
  AUTH_BAN_DURATION("--auth-ban-duration", "rate_limit.ban_duration", "DURATION",
      "How long a banned address is refused",
      config -> SettingValues.formatDuration(config.rateLimit().banDuration())),
  EXTENSIONS("--extensions", "extensions", "LIST",
      "DuckDB extensions to load when a database opens, comma-separated (a list in YAML)",
      config -> String.join(",", config.extensions())),
  EXTENSION_DIRECTORY("--extension-directory", "extension_directory", "DIR",
      "DuckDB extension directory, filled by scripts/fetch-extensions (otherwise DuckDB's"
          + " ~/.duckdb/extensions)",
      config -> null),
  DUCKLAKE_METADATA_STORE("--ducklake-metadata-store", "ducklake.metadata_store", "STORE",
      "DuckLake catalog: postgres:<libpq connection string>, or a local catalog file;"
          + " setting it attaches the lake to every database",
      config -> null),
  DUCKLAKE_METADATA_STORE_FLAVOR("--ducklake-metadata-store-flavor",
      "ducklake.metadata_store_flavor", "FLAVOR",
      "Server behind a postgres: metadata store: postgres or cockroachdb",
      config -> "postgres"),
  DUCKLAKE_DATA_PATH("--ducklake-data-path", "ducklake.data_path", "DIR",
      "Local directory for the lake's Parquet files (otherwise <data_dir>/ducklake)",
      config -> null),
  DUCKLAKE_OBJECT_STORE("--ducklake-object-store", "ducklake.object_store", "URL",
      "S3 bucket and prefix (an s3 URL) for the lake's Parquet files, instead of data_path",
      config -> null),
  DUCKLAKE_VIA_PGBOUNCER("--ducklake-via-pgbouncer", "ducklake.via_pgbouncer", "BOOLEAN",
      "The metadata store is reached through PgBouncer (disables postgres_scanner's pool)",
      config -> "false"),
  DUCKLAKE_METADATA_POOL_MAX_CONNECTIONS("--ducklake-metadata-pool-max-connections",
      "ducklake.metadata_pool_max_connections", "N",
      "Connections postgres_scanner keeps to the metadata store (otherwise its default)",
      config -> null),
  DUCKLAKE_METADATA_THREAD_LOCAL_CACHE("--ducklake-metadata-thread-local-cache",
      "ducklake.metadata_thread_local_cache", "BOOLEAN",
      "Let each DuckDB thread pin its own metadata connection",
      config -> "false"),
  DUCKLAKE_S3_ENDPOINT("--ducklake-s3-endpoint", "ducklake.s3_endpoint", "HOST[:PORT]",
      "S3-compatible endpoint (otherwise AWS)", config -> null),
  DUCKLAKE_S3_ACCESS_KEY("--ducklake-s3-access-key", "ducklake.s3_access_key", "KEY",
      "S3 access key id", config -> null),
  DUCKLAKE_S3_SECRET_KEY("--ducklake-s3-secret-key", "ducklake.s3_secret_key", "SECRET",
      "S3 secret access key (prefer the environment variable or the file to this flag)",
      config -> null),
  DUCKLAKE_S3_REGION("--ducklake-s3-region", "ducklake.s3_region", "REGION", "S3 region",
      config -> null),
  DUCKLAKE_S3_USE_SSL("--ducklake-s3-use-ssl", "ducklake.s3_use_ssl", "BOOLEAN",
      "Reach the object store over HTTPS", config -> "true"),
  DUCKLAKE_S3_URL_STYLE("--ducklake-s3-url-style", "ducklake.s3_url_style", "STYLE",
      "path or vhost", config -> "vhost"),
  DUCKLAKE_S3_PROVIDER("--ducklake-s3-provider", "ducklake.s3_provider", "PROVIDER",
      "config (the keys above) or credential_chain (AWS environment, profile or role; needs the"
          + " aws extension)",
      config -> null),
  // ---- Control plane and worker modes ----
  WORKER_COUNT("--worker-count", "control_plane.worker_count", "N",
      "Control plane: worker processes to keep running",
      config -> String.valueOf(io.duckgres.controlplane.ControlPlaneConfig.DEFAULT_WORKER_COUNT)),
  SOCKET_DIR("--socket-dir", "control_plane.socket_dir", "DIR",
      "Control plane: directory for the workers' Unix sockets (otherwise <data_dir>/run)",
      config -> null),
  HANDOVER_SOCKET("--handover-socket", "control_plane.handover_socket", "FILE",
      "Control plane: Unix socket on which a new control plane takes over this one's listener"
          + " and workers; start the new one with the same path",
      config -> null),
  HEALTH_CHECK_INTERVAL("--health-check-interval", "control_plane.health_check_interval",
      "DURATION", "Control plane: how often workers are checked; a dead or hung worker is replaced",
      config -> SettingValues.formatDuration(
          io.duckgres.controlplane.ControlPlaneConfig.DEFAULT_HEALTH_CHECK_INTERVAL)),
  DRAIN_TIMEOUT("--drain-timeout", "control_plane.drain_timeout", "DURATION",
      "Control plane: how long a worker replaced by a rolling update (SIGUSR2) keeps serving its"
          + " sessions before it is stopped",
      config -> SettingValues.formatDuration(
          io.duckgres.controlplane.ControlPlaneConfig.DEFAULT_DRAIN_TIMEOUT)),
  METRICS_PORT("--metrics-port", "control_plane.metrics_port", "PORT",
      "Serve Prometheus metrics at /metrics on this port of 127.0.0.1 (off when unset); in"
          + " control-plane mode, worker N serves its own on this port + N",
      config -> null),
  QUERY_LOG_PATH("--query-log-path", "query_log.path", "FILE",
      "Write one JSON line per statement to this file (off when unset); worker N of a control"
          + " plane writes FILE.wN",
      config -> null),
  QUERY_LOG_MAX_SIZE("--query-log-max-size", "query_log.max_size", "SIZE",
      "Rotate the query log when it reaches this size",
      config -> SettingValues.formatByteSize(
          io.duckgres.server.operations.QueryLogSettings.DEFAULT_MAX_SIZE)),
  QUERY_LOG_MAX_FILES("--query-log-max-files", "query_log.max_files", "N",
      "Rotated query log files kept (FILE.1 is the newest)",
      config -> String.valueOf(io.duckgres.server.operations.QueryLogSettings.DEFAULT_MAX_FILES)),
  QUERY_LOG_REDACT("--query-log-redact", "query_log.redact", "BOOLEAN",
      "Replace the constants of logged statements with $n placeholders (passwords and secrets"
          + " are always replaced)",
      config -> "false"),
  // ---- Multi-tenant mode (beside the control plane) ----
  TENANTS("--tenants", "tenants.enabled", "BOOLEAN",
      "Control plane: multi-tenant mode (orgs, their warehouses and users in a config store,"
          + " created through the provisioning API)",
      config -> "false"),
  CONFIG_STORE("--config-store", "tenants.config_store", "URL",
      "Multi-tenant: the config store, postgresql://USER:PASS@HOST:PORT/DB (otherwise an embedded"
          + " PostgreSQL under <data_dir>/config-store)",
      config -> null),
  ADMIN_LISTEN("--admin-listen", "tenants.admin_listen", "HOST:PORT",
      "Multi-tenant: address of the provisioning API",
      config -> io.duckgres.warehouse.TenantsOptions.DEFAULT_ADMIN_HOST + ":"
          + io.duckgres.warehouse.TenantsOptions.DEFAULT_ADMIN_PORT),
  ADMIN_TOKEN_FILE("--admin-token-file", "tenants.admin_token_file", "FILE",
      "Multi-tenant: the provisioning API's bearer token; written (mode 0600) with a random token"
          + " when missing (otherwise <data_dir>/admin.token)",
      config -> null),
  SECRETS_KEY_FILE("--secrets-key-file", "tenants.secrets_key_file", "FILE",
      "Multi-tenant: AES key for the secrets in the config store, created (mode 0600) when"
          + " missing; control planes sharing a store need the same file (otherwise"
          + " <data_dir>/tenants-secrets.key)",
      config -> null),
  TENANT_HOST_SUFFIX("--tenant-host-suffix", "tenants.host_suffix", "DOMAIN",
      "Tenants: a TLS server name <org>.DOMAIN (or <database>.DOMAIN) goes straight to the org's"
          + " worker with no relay; clients that connect by address are routed by database name",
      config -> null),
  MAX_WORKERS("--max-workers", "tenants.max_workers", "N",
      "Tenants: ceiling on worker processes (each serves one org)",
      config -> String.valueOf(io.duckgres.controlplane.TenantOptions.DEFAULT_MAX_WORKERS)),
  WARM_WORKERS("--warm-workers", "tenants.warm_workers", "N",
      "Tenants: started workers kept free for an org's first connection",
      config -> String.valueOf(io.duckgres.controlplane.TenantOptions.DEFAULT_WARM_WORKERS)),
  HOT_IDLE_TTL("--hot-idle-ttl", "tenants.hot_idle_ttl", "DURATION",
      "Tenants: an org's worker without connections for this long is retired",
      config -> SettingValues.formatDuration(
          io.duckgres.controlplane.TenantOptions.DEFAULT_HOT_IDLE_TTL)),
  MAX_SESSIONS_PER_WORKER("--max-sessions-per-worker", "tenants.max_sessions_per_worker", "N",
      "Tenants: an org gets another worker once each of its workers holds this many sessions",
      config -> String.valueOf(
          io.duckgres.controlplane.TenantOptions.DEFAULT_MAX_SESSIONS_PER_WORKER)),
  TENANT_PLACEMENT_TIMEOUT("--tenant-placement-timeout", "tenants.placement_timeout",
      "DURATION", "Tenants: how long a connection waits for a worker when all serve other orgs"
          + " before it is refused (53300)",
      config -> SettingValues.formatDuration(
          io.duckgres.controlplane.TenantOptions.DEFAULT_PLACEMENT_TIMEOUT)),
  WORKER_CONTROL_SOCKET("--worker-control-socket", null, "FILE",
      "Worker: gRPC control socket (set by the control plane)", config -> null),
  WORKER_FD_SOCKET("--worker-fd-socket", null, "FILE",
      "Worker: socket on which client connections arrive (set by the control plane)",
      config -> null),
  WORKER_ID("--worker-id", null, "N",
      "Worker: its number in the pool, for its metrics port and query log (set by the control"
          + " plane)",
      config -> null);

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
