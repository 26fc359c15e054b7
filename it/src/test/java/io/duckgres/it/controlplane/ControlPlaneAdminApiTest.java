package io.duckgres.it.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duckgres.it.ServerProcess;
import io.duckgres.it.console.Victim;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API of a control plane without tenants ({@code --admin-listen}): it lists the worker
 * processes, and the sessions each worker reports over its control socket; cancelling a session
 * there reaches the worker that runs it (the client gets 57014 and its session stays); the org
 * routes say this server has none.
 */
class ControlPlaneAdminApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private int adminPort;
  private String token;

  private HttpResponse<String> call(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token)
        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void workersAndTheirSessionsAreListedAndASessionIsCancelledOnItsWorker() throws Exception {
    adminPort = ServerProcess.freePort();
    ControlPlaneProcess controlPlane = new ControlPlaneProcess(dir, ServerProcess.freePort(),
        "control-plane.log", "--worker-count", "2", "--admin-listen", "127.0.0.1:" + adminPort);
    try (controlPlane) {
      controlPlane.start();
      token = Files.readString(dir.resolve("data/admin.token")).strip();
      JsonNode parts = JSON.readTree(call("GET", "/api/v1/console").body());
      assertThat(parts.get("workers").asBoolean()).isTrue();
      assertThat(parts.get("orgs").asBoolean()).isFalse();
      assertThat(call("GET", "/api/v1/orgs").statusCode()).isEqualTo(404);

      try (Victim victim = Victim.start(controlPlane.connect())) {
        JsonNode session = awaitActiveSession();
        int pid = session.get("pid").asInt();
        JsonNode workers = JSON.readTree(call("GET", "/api/v1/workers").body());
        assertThat(workers).hasSize(2);
        assertThat(workers.findValues("pid")).allMatch(p -> p.asLong() > 0);
        assertThat(workers.findValues("state")).allMatch(s -> s.asText().equals("active"));
        assertThat(workers.findValues("id").stream().map(JsonNode::asInt))
            .contains(session.get("worker").asInt());
        assertThat(workers.findValues("connections").stream().mapToInt(JsonNode::asInt).sum())
            .isEqualTo(1);

        HttpResponse<String> cancelled = call("POST", "/api/v1/sessions/" + pid + "/cancel");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        SQLException failure = victim.failure().get(30, TimeUnit.SECONDS);
        assertThat(failure.getSQLState()).isEqualTo("57014");
        assertThat(call("POST", "/api/v1/sessions/999999999/terminate").statusCode())
            .isEqualTo(404);
        JsonNode rate = JSON.readTree(call("GET", "/api/v1/metrics/statements").body());
        assertThat(rate).hasSize(360);
        assertThat(rate.findValues("per_second").stream().mapToDouble(JsonNode::asDouble).sum()
            * 10).isGreaterThanOrEqualTo(40);
      }
    } finally {
      controlPlane.killLeftoverWorkers();
    }
  }

  private JsonNode awaitActiveSession() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode session : JSON.readTree(call("GET", "/api/v1/sessions").body())) {
        if (session.get("state").asText().equals("active")
            && session.get("query").asText().equals(Victim.LONG_QUERY)) {
          assertThat(session.get("user").asText()).isEqualTo("postgres");
          assertThat(session.get("running_millis").asLong()).isGreaterThanOrEqualTo(0);
          return session;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no active session listed: " + call("GET", "/api/v1/sessions")
        .body());
  }
}
