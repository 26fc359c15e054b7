package io.duckgres.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.it.ServerProcess;
import io.duckgres.it.controlplane.ControlPlaneProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In control-plane mode the control plane serves its pool's metrics on {@code --metrics-port} and
 * worker N serves its sessions' metrics on the port + N and writes its own query log.
 */
class WorkerMetricsTest {
  @TempDir Path dir;

  @Test
  void workerServesItsOwnMetricsAndQueryLog() throws Exception {
    Path queryLog = dir.resolve("q.log");
    try (ControlPlaneProcess controlPlane = new ControlPlaneProcess(dir, ServerProcess.freePort(),
        "cp.log", "--worker-count", "1", "--query-log-path", queryLog.toString()).start()) {
      try (Connection c = controlPlane.connect(); Statement s = c.createStatement()) {
        for (int i = 0; i < 3; i++) {
          try (ResultSet rs = s.executeQuery("select 'through a worker' as marker")) {
            assertThat(rs.next()).isTrue();
          }
        }
        String worker = scrape(controlPlane.metricsPort() + 1);
        assertThat(worker).contains("duckgres_connections{user=\"postgres\"} 1.0");
        assertThat(worker).containsPattern(
            "duckgres_statements_total\\{command=\"SELECT\",sqlstate_class=\"00\"} [3-9]");
      }
      assertThat(controlPlane.metrics()).contains("duckgres_workers_active 1.0");
      Path workerLog = dir.resolve("q.log.w1");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      List<String> lines = List.of();
      while (System.nanoTime() < deadline) {
        lines = Files.exists(workerLog) ? Files.readAllLines(workerLog) : List.of();
        if (lines.stream().filter(line -> line.contains("through a worker")).count() == 3) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(lines.stream().filter(line -> line.contains("through a worker"))).hasSize(3);
      assertThat(queryLog).doesNotExist();
    }
  }

  private static String scrape(int port) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
