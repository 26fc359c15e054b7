package io.duckgres.it.ducklake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duckgres.it.ServerProcess;
import io.duckgres.it.controlplane.ControlPlaneProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;

/**
 * The multi-tenant mode as an operator runs it: {@code --mode control-plane --tenants} without
 * {@code --config-store}, so the control plane starts its own PostgreSQL under
 * {@code <data_dir>/config-store}; tenants are provisioned over HTTP and the reconciler takes them
 * to ready or failed.
 *
 * <p>CockroachDB cannot run on these machines: {@link CockroachLikeProxy}, in front of the real
 * PostgreSQL of the DuckLake tests, stands in for it (it refuses binary COPY and ctid as
 * CockroachDB does, and answers {@code SELECT version()} as CockroachDB). The bucket is a real
 * S3-API server (s3proxy) on loopback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantsControlPlaneTest {
  /** Every plaintext secret this test hands the API; none may be stored or logged. */
  private static final String ALICE_PASSWORD = "Alice-Plain-Pw-5512";
  private static final String EXTERNAL_PASSWORD = "Ext-Store-Pw-7781";
  private static final List<String> SECRETS = new ArrayList<>(List.of(ALICE_PASSWORD,
      EXTERNAL_PASSWORD, ObjectStore.ACCESS_KEY, ObjectStore.SECRET_KEY));
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path directory;
  private static ControlPlaneProcess controlPlane;
  private static CockroachLikeProxy cockroach;
  private static ObjectStore s3;
  private static int adminPort;
  private static String token;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    // Short: the workers' Unix socket paths live under it.
    directory = Files.createTempDirectory("tn");
    cockroach = new CockroachLikeProxy(MetadataPostgres.port(), 7);
    s3 = ObjectStore.start(directory.resolve("s3"), "tenant-lake");
    adminPort = ServerProcess.freePort();
    controlPlane = new ControlPlaneProcess(directory, ServerProcess.freePort(),
        "control-plane.log", "--tenants", "--admin-listen", "127.0.0.1:" + adminPort,
        "--worker-count", "1", "--extension-directory",
        LakeServer.extensionDirectory().toString());
    controlPlane.start();
    token = Files.readString(directory.resolve("data/admin.token")).strip();
  }

  @AfterAll
  static void stop() throws Exception {
    if (controlPlane != null) {
      controlPlane.close();
    }
    if (s3 != null) {
      s3.close();
    }
    if (cockroach != null) {
      cockroach.close();
    }
    if (directory != null) {
      try (var paths = Files.walk(directory)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static JsonNode call(String method, String path, String body, int expectedStatus)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + adminPort + path))
        .header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body())
        .isEqualTo(expectedStatus);
    return response.body().isBlank() ? null : JSON.readTree(response.body());
  }

  private static JsonNode awaitState(String org, String... states) throws Exception {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = call("GET", "/api/v1/orgs/" + org + "/warehouse/status", null, 200);
      if (List.of(states).contains(status.get("state").asText())) {
        return status;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(org + " never reached " + List.of(states) + ": " + status + "\n"
        + controlPlane.log());
  }

  private static String external(String database, int port, String flavor) {
    return "{\"database_name\": \"" + database + "\", \"metadata_store\": {\"type\": \"external\","
        + " \"external\": {\"host\": \"127.0.0.1\", \"port\": " + port + ", \"database\": \""
        + database + "\", \"user\": \"postgres\", \"password\": \"" + EXTERNAL_PASSWORD + "\""
        + (flavor == null ? "" : ", \"flavor\": \"" + flavor + "\"") + "}},"
        + " \"user\": {\"name\": \"owner\"}}";
  }

  @Test
  @Order(1)
  void anInternalOrgReachesReadyAndTellsWhereToConnect() throws Exception {
    JsonNode accepted = call("POST", "/api/v1/orgs/acme/provision", "{\"database_name\": \"acme\","
        + " \"user\": {\"name\": \"alice\", \"password\": \"" + ALICE_PASSWORD + "\"}}", 202);
    assertThat(accepted.get("state").asText()).isEqualTo("pending");
    JsonNode ready = awaitState("acme", "ready", "failed");
    assertThat(ready.get("state").asText()).as(ready.toString()).isEqualTo("ready");
    assertThat(ready.at("/metadata_store/flavor").asText()).isEqualTo("postgres");
    assertThat(ready.at("/connection/database").asText()).isEqualTo("acme");
    assertThat(ready.at("/connection/user").asText()).isEqualTo("alice");
    assertThat(ready.at("/connection/port").asInt()).isEqualTo(controlPlane.port());
  }

  @Test
  @Order(2)
  void anExternalCockroachdbOrgOnTheCockroachLikeStoreReachesReady() throws Exception {
    String database = MetadataPostgres.createDatabase("tn_crdb");
    JsonNode accepted = call("POST", "/api/v1/orgs/roach/provision",
        external(database, cockroach.port(), "cockroachdb"), 202);
    SECRETS.add(accepted.get("password").asText());
    JsonNode ready = awaitState("roach", "ready", "failed");
    assertThat(ready.get("state").asText()).as(ready.toString()).isEqualTo("ready");
    assertThat(ready.at("/metadata_store/flavor").asText()).isEqualTo("cockroachdb");
    assertThat(MetadataPostgres.tables(database, "ducklake_"))
        .as("the attach created DuckLake's catalog through the proxy").contains("ducklake_metadata");
    assertThat(cockroach.binaryCopiesRefused()).as("nothing tried binary COPY").isZero();
  }

  @Test
  @Order(3)
  void anExternalOrgThatSaysPostgresOnTheCockroachLikeStoreFailsNamingTheFlavor()
      throws Exception {
    String database = MetadataPostgres.createDatabase("tn_wrong");
    call("POST", "/api/v1/orgs/mislabel/provision", external(database, cockroach.port(), null),
        202);
    JsonNode failed = awaitState("mislabel", "ready", "failed");
    assertThat(failed.get("state").asText()).isEqualTo("failed");
    assertThat(failed.get("status_message").asText())
        .contains("answers as CockroachDB", "flavor is postgres", "\"flavor\": \"cockroachdb\"");
    assertThat(failed.has("connection")).isFalse();
  }

  @Test
  @Order(4)
  void anOrgWithItsDataInABucketReachesReady() throws Exception {
    JsonNode accepted = call("POST", "/api/v1/orgs/bucketed/provision", "{\"database_name\":"
        + " \"bucketed\", \"data_store\": {\"type\": \"s3\", \"s3\": {\"bucket\": \"tenant-lake\","
        + " \"prefix\": \"bucketed\", \"endpoint\": \"" + s3.endpoint() + "\", \"region\":"
        + " \"us-east-1\", \"url_style\": \"path\", \"use_ssl\": false, \"access_key_id\": \""
        + ObjectStore.ACCESS_KEY + "\", \"secret_access_key\": \"" + ObjectStore.SECRET_KEY
        + "\"}}, \"user\": {\"name\": \"bucketeer\"}}", 202);
    SECRETS.add(accepted.get("password").asText());
    JsonNode ready = awaitState("bucketed", "ready", "failed");
    assertThat(ready.get("state").asText()).as(ready.toString()).isEqualTo("ready");
    assertThat(ready.at("/data_store/type").asText()).isEqualTo("s3");
    assertThat(s3.objects("tenant-lake", ".parquet"))
        .as("the write check reached the bucket under the prefix")
        .anySatisfy(key -> assertThat(key).startsWith("bucketed/"));
  }

  @Test
  @Order(5)
  void deprovisionDropsTheInternalDatabaseAndLocalFilesThenTheOrgIsGone() throws Exception {
    Path files = directory.resolve("data/tenants/acme");
    assertThat(files).isDirectory();
    JsonNode accepted = call("POST", "/api/v1/orgs/acme/deprovision", null, 202);
    assertThat(accepted.get("state").asText()).isEqualTo("deleting");
    controlPlane.await("acme gone", READY_WITHIN, () -> {
      try {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + adminPort + "/api/v1/orgs/acme/warehouse/status"))
            .header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 404;
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(files).doesNotExist();
    try (Connection store = configStore(); Statement statement = store.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT count(*) FROM pg_database WHERE datname = 'ducklake_acme'")) {
      row.next();
      assertThat(row.getInt(1)).isZero();
    }
  }

  @Test
  @Order(6)
  void noTableRowAndNoLogLineHoldsAPlaintextSecret() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection store = configStore(); Statement statement = store.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet names = statement.executeQuery("SELECT table_name FROM"
          + " information_schema.tables WHERE table_schema = 'public'")) {
        while (names.next()) {
          tables.add(names.getString(1));
        }
      }
      assertThat(tables).contains("orgs", "org_users", "managed_warehouses");
      for (String table : tables) {
        try (ResultSet all = statement.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
          while (all.next()) {
            rows.add(table + ": " + all.getString(1));
          }
        }
      }
    }
    assertThat(rows).as("rows were scanned").hasSizeGreaterThan(5);
    assertThat(String.join("\n", rows)).contains("SCRAM-SHA-256$")
        .doesNotContain(SECRETS.toArray(String[]::new));
    String log = controlPlane.log();
    assertThat(log).contains("provisioning API listening");
    assertThat(log).doesNotContain(SECRETS.toArray(String[]::new)).doesNotContain(token);
    assertThat(log).doesNotContain(Files.readString(
        directory.resolve("data/config-store/superuser.password")).strip());
  }

  /** The embedded config store, with the superuser password it keeps beside its files. */
  private static Connection configStore() throws Exception {
    String log = controlPlane.log();
    int at = log.indexOf("on 127.0.0.1:", log.indexOf("embedded PostgreSQL in"));
    String port = log.substring(at + "on 127.0.0.1:".length()).split("\\D", 2)[0];
    String password = Files.readString(directory.resolve("data/config-store/superuser.password"),
        StandardCharsets.US_ASCII).strip();
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/duckgres",
        "postgres", password);
  }
}
