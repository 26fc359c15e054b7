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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two control planes started at once on one config store named with {@code --config-store} (a
 * database in the real PostgreSQL of the DuckLake tests): both start (the schema is migrated
 * once, under Flyway's lock), an org provisioned through one is reconciled once and is seen, ready,
 * through the other's API.
 */
class TenantsSharedStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path directory;

  @Test
  void twoControlPlanesShareOneStore() throws Exception {
    String database = MetadataPostgres.createDatabase("tn_shared");
    String store = "postgresql://postgres:" + MetadataPostgres.PASSWORD + "@127.0.0.1:"
        + MetadataPostgres.port() + "/" + database;
    Path key = directory.resolve("tenants-secrets.key");
    Path token = directory.resolve("admin.token");
    List<ControlPlaneProcess> planes = new ArrayList<>();
    List<Integer> adminPorts = new ArrayList<>();
    for (String name : new String[] {"a", "b"}) {
      int adminPort = ServerProcess.freePort();
      adminPorts.add(adminPort);
      planes.add(new ControlPlaneProcess(directory.resolve(name), ServerProcess.freePort(),
          "control-plane.log", "--tenants", "--config-store", store,
          "--admin-listen", "127.0.0.1:" + adminPort, "--admin-token-file", token.toString(),
          "--secrets-key-file", key.toString(), "--worker-count", "1",
          "--extension-directory", LakeServer.extensionDirectory().toString()));
    }
    ExecutorService starter = Executors.newFixedThreadPool(2);
    try {
      List<Future<ControlPlaneProcess>> started = new ArrayList<>();
      for (ControlPlaneProcess plane : planes) {
        started.add(starter.submit(plane::start));
      }
      for (Future<ControlPlaneProcess> plane : started) {
        plane.get();
      }
      String bearer = Files.readString(token).strip();
      HttpResponse<String> accepted = send(adminPorts.get(0), bearer, "POST",
          "/api/v1/orgs/shared/provision", "{\"database_name\": \"shared\","
              + " \"user\": {\"name\": \"alice\"}}");
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      JsonNode status = null;
      while (System.nanoTime() < deadline) {
        status = JSON.readTree(send(adminPorts.get(1), bearer, "GET",
            "/api/v1/orgs/shared/warehouse/status", null).body());
        if ("ready".equals(status.path("state").asText())
            || "failed".equals(status.path("state").asText())) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("ready");
      String logs = planes.get(0).log() + planes.get(1).log();
      assertThat(logs.split("warehouse of org shared is ready", -1))
          .as("reconciled by exactly one control plane").hasSize(2);
      assertThat(logs).doesNotContain(MetadataPostgres.PASSWORD);
    } finally {
      starter.shutdownNow();
      for (ControlPlaneProcess plane : planes) {
        plane.close();
      }
    }
  }

  private static HttpResponse<String> send(int port, String bearer, String method, String path,
      String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + bearer)
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
