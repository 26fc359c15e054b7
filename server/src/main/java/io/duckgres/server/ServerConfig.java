package io.duckgres.server;

import io.duckgres.engine.ducklake.DuckLakeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the standalone server needs to run, already validated. Built by the app module from
 * defaults, the YAML file, {@code DUCKGRES_*} environment variables and CLI flags (in rising
 * precedence); the server never reads configuration sources itself.
 *
 * @param host address to bind
 * @param port TCP port, 1..65535
 * @param dataDir directory holding one DuckDB file per user, DuckDB's temp directory and the
 *     generated certificate
 * @param certFile PEM certificate; when null a self-signed one is generated under dataDir
 * @param keyFile PEM private key matching certFile
 * @param allowPlaintext accept startup without TLS (off by default)
 * @param authMethod how passwords are checked
 * @param users user name to password
 * @param idleTimeout close sessions idle for this long; zero disables
 * @param memoryLimit DuckDB memory_limit setting (for example "4GB"), or null for DuckDB's default
 * @param threads DuckDB threads, or 0 for DuckDB's default
 * @param rateLimit authentication-failure limits per client address
 * @param maxMessageSize largest frontend message accepted, in bytes
 * @param shutdownTimeout how long running statements may take to finish on SIGTERM
 * @param extensions DuckDB extensions loaded when a database opens ({@code ducklake} by default)
 * @param extensionDirectory DuckDB's extension_directory, or null for DuckDB's default
 * @param duckLake the DuckLake catalog every database attaches, or disabled
 * @param maxConnections connections allowed at once (PostgreSQL's max_connections); past it a
 *     new connection gets FATAL 53300
 * @param maxConnectionsPerUser connections one user may hold at once; 0 = no limit of its own
 * @param superusers users who keep every capability (server files, extensions, database-wide
 *     DuckDB settings); everyone else gets PostgreSQL's defaults for an ordinary role
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    Path certFile,
    Path keyFile,
    boolean allowPlaintext,
    AuthMethod authMethod,
    Map<String, String> users,
    Duration idleTimeout,
    String memoryLimit,
    int threads,
    RateLimit rateLimit,
    int maxMessageSize,
    Duration shutdownTimeout,
    List<String> extensions,
    Path extensionDirectory,
    DuckLakeConfig duckLake,
    int maxConnections,
    int maxConnectionsPerUser,
    Set<String> superusers) {

  public static final int DEFAULT_PORT = 5432;
  /** PostgreSQL's default max_connections. */
  public static final int DEFAULT_MAX_CONNECTIONS = 100;
  /** The built-in user: a superuser, as the role initdb creates is. */
  public static final String BUILT_IN_USER = "postgres";
  /** Loaded when present; required only once a lake is configured. */
  public static final List<String> DEFAULT_EXTENSIONS = List.of("ducklake");
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 256 * 1024 * 1024;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(authMethod, "authMethod");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    users = Map.copyOf(users);
    superusers = superusers == null ? Set.of() : Set.copyOf(superusers);
    if (maxConnections < 1) {
      throw new IllegalArgumentException("max_connections must be at least 1: " + maxConnections);
    }
    if (maxConnectionsPerUser < 0) {
      throw new IllegalArgumentException(
          "max_connections_per_user must not be negative: " + maxConnectionsPerUser);
    }
    extensions = extensions == null ? DEFAULT_EXTENSIONS : List.copyOf(extensions);
    duckLake = duckLake == null ? DuckLakeConfig.disabled() : duckLake;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("cert and key must be given together");
    }
  }

  /** Without the limits and superusers: their defaults (100 connections, no superuser). */
  public ServerConfig(
      String host,
      int port,
      Path dataDir,
      Path certFile,
      Path keyFile,
      boolean allowPlaintext,
      AuthMethod authMethod,
      Map<String, String> users,
      Duration idleTimeout,
      String memoryLimit,
      int threads,
      RateLimit rateLimit,
      int maxMessageSize,
      Duration shutdownTimeout,
      List<String> extensions,
      Path extensionDirectory,
      DuckLakeConfig duckLake) {
    this(host, port, dataDir, certFile, keyFile, allowPlaintext, authMethod, users, idleTimeout,
        memoryLimit, threads, rateLimit, maxMessageSize, shutdownTimeout, extensions,
        extensionDirectory, duckLake, DEFAULT_MAX_CONNECTIONS, 0, Set.of());
  }

  /** Without the extension and DuckLake settings: their defaults (ducklake loaded, no lake). */
  public ServerConfig(
      String host,
      int port,
      Path dataDir,
      Path certFile,
      Path keyFile,
      boolean allowPlaintext,
      AuthMethod authMethod,
      Map<String, String> users,
      Duration idleTimeout,
      String memoryLimit,
      int threads,
      RateLimit rateLimit,
      int maxMessageSize,
      Duration shutdownTimeout) {
    this(host, port, dataDir, certFile, keyFile, allowPlaintext, authMethod, users, idleTimeout,
        memoryLimit, threads, rateLimit, maxMessageSize, shutdownTimeout, DEFAULT_EXTENSIONS, null,
        DuckLakeConfig.disabled());
  }

  /** The embedded default: port 5432, ./data, postgres/postgres, TLS required, SCRAM. */
  public static ServerConfig defaults() {
    return new ServerConfig(
        "0.0.0.0",
        DEFAULT_PORT,
        Path.of("data"),
        null,
        null,
        false,
        AuthMethod.SCRAM_SHA_256,
        Map.of(BUILT_IN_USER, "postgres"),
        Duration.ZERO,
        null,
        0,
        RateLimit.defaults(),
        DEFAULT_MAX_MESSAGE_SIZE,
        Duration.ofSeconds(30),
        DEFAULT_EXTENSIONS,
        null,
        DuckLakeConfig.disabled(),
        DEFAULT_MAX_CONNECTIONS,
        0,
        Set.of(BUILT_IN_USER));
  }

  public boolean isSuperuser(String user) {
    return superusers.contains(user);
  }

  /** Password check offered to clients after the startup message. */
  public enum AuthMethod {
    SCRAM_SHA_256,
    PASSWORD;

    /** Parses the configuration spelling: {@code scram-sha-256} or {@code password}. */
    public static AuthMethod parse(String value) {
      switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "scram-sha-256":
        case "scram":
          return SCRAM_SHA_256;
        case "password":
        case "cleartext":
          return PASSWORD;
        default:
          throw new IllegalArgumentException(
              "unknown auth method '" + value + "' (allowed: scram-sha-256, password)");
      }
    }
  }

  /**
   * Brute-force protection per client address.
   *
   * @param maxFailures failed authentications allowed within {@code window} before a ban
   * @param window sliding window the failures are counted in
   * @param banDuration how long a banned address is refused
   */
  public record RateLimit(int maxFailures, Duration window, Duration banDuration) {
    public static RateLimit defaults() {
      return new RateLimit(5, Duration.ofMinutes(1), Duration.ofMinutes(5));
    }
  }

  /**
   * Like the record's own, but names the users without their passwords, and the DuckLake settings
   * with the metadata store's password and the S3 secret masked.
   */
  @Override
  public String toString() {
    return "ServerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", certFile="
        + certFile + ", keyFile=" + keyFile + ", allowPlaintext=" + allowPlaintext
        + ", authMethod=" + authMethod + ", users=" + users.keySet() + ", idleTimeout="
        + idleTimeout + ", memoryLimit=" + memoryLimit + ", threads=" + threads + ", rateLimit="
        + rateLimit + ", maxMessageSize=" + maxMessageSize + ", shutdownTimeout="
        + shutdownTimeout + ", extensions=" + extensions + ", extensionDirectory="
        + extensionDirectory + ", duckLake=" + duckLake + ", maxConnections=" + maxConnections
        + ", maxConnectionsPerUser=" + maxConnectionsPerUser + ", superusers=" + superusers + "]";
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(
        host, newPort, dataDir, certFile, keyFile, allowPlaintext, authMethod, users, idleTimeout,
        memoryLimit, threads, rateLimit, maxMessageSize, shutdownTimeout, extensions,
        extensionDirectory, duckLake, maxConnections, maxConnectionsPerUser, superusers);
  }

  public ServerConfig withDuckLake(DuckLakeConfig lake) {
    return new ServerConfig(
        host, port, dataDir, certFile, keyFile, allowPlaintext, authMethod, users, idleTimeout,
        memoryLimit, threads, rateLimit, maxMessageSize, shutdownTimeout, extensions,
        extensionDirectory, lake, maxConnections, maxConnectionsPerUser, superusers);
  }

  public ServerConfig withExtensions(List<String> names, Path directory) {
    return new ServerConfig(
        host, port, dataDir, certFile, keyFile, allowPlaintext, authMethod, users, idleTimeout,
        memoryLimit, threads, rateLimit, maxMessageSize, shutdownTimeout, names, directory,
        duckLake, maxConnections, maxConnectionsPerUser, superusers);
  }
}
