package io.duckgres.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What tenant routing costs per query: the same duckgres jar started with {@code --mode
 * control-plane --tenants} (its config store an embedded PostgreSQL under its own data directory),
 * one org provisioned through the HTTP API, and pgbench through both routes beside standalone:
 *
 * <ul>
 *   <li>relay: pgbench at 127.0.0.1 sends no TLS server name, so the control plane terminates
 *       TLS, reads the startup's database and relays every byte to the org's worker;
 *   <li>SNI: {@code -h <org>.duckgres.localhost} with PGHOSTADDR=127.0.0.1, so the raw socket goes
 *       to the worker with the ClientHello replayed and the control plane is out of the path.
 * </ul>
 *
 * Queries: {@code SELECT 1} (1 connection; the per-query cost of the extra hop) and a large
 * result ({@code SELECT * FROM range(200000)}; the copying cost). Standalone is the baseline,
 * with a target of ≤ 1.05× for the SNI route (nothing of the control plane is left in it) and
 * the relay's ratio shown for information.
 */
final class TenantRows implements Workload {
  private static final String ORG = "benchorg";
  private static final String DATABASE = "bench_db";
  private static final String USER = "bench";
  private static final String PASSWORD = "bench-password-1";
  private static final String SUFFIX = "duckgres.localhost";
  private static final double TARGET = 1.05;

  @Override
  public String name() {
    return "tenants";
  }

  @Override
  public String title() {
    return "tenant routing vs standalone (--tenants: relay and SNI)";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    BenchConfig config = context.config();
    Path dataDir = Files.createDirectories(config.workDir().resolve("tenants-data"));
    int adminPort = DuckgresProcess.freePort();
    Path token = dataDir.resolve("admin.token");
    try (DuckgresProcess controlPlane = new DuckgresProcess(config, dataDir, "tenants",
        List.of("--mode", "control-plane", "--tenants",
            "--admin-listen", "127.0.0.1:" + adminPort, "--admin-token-file", token.toString(),
            "--tenant-host-suffix", SUFFIX, "--warm-workers", "1", "--max-workers", "2"))) {
      try {
        controlPlane.start();
        provision(adminPort, token);
      } catch (Exception e) {
        return List.of(Row.failed(title(), "whole workload", "standalone",
            "the tenant control plane did not start: " + Figure.describe(e)));
      }
      Endpoint org = new Endpoint("tenant", controlPlane.endpoint().port(), USER, PASSWORD,
          controlPlane.endpoint().socketTimeoutSeconds());
      Pgbench pgbench = new Pgbench(config.pgbench(), context.scratch());
      List<Row> rows = new ArrayList<>();
      Path tiny = Files.writeString(context.scratch().resolve("script-tenant-tiny.sql"),
          "SELECT 1;\n");
      Path large = Files.writeString(context.scratch().resolve("script-tenant-large.sql"),
          "SELECT * FROM range(200000);\n");
      rows.addAll(compare(context, pgbench, org, tiny, "SELECT 1, 1 connection"));
      rows.addAll(compare(context, pgbench, org, large, "200,000-row result, 1 connection"));
      return rows;
    }
  }

  /** One query through standalone, the relay and SNI, rounds alternating the order. */
  private List<Row> compare(Context context, Pgbench pgbench, Endpoint org, Path script,
      String label) throws Exception {
    BenchConfig config = context.config();
    Endpoint standalone = context.duckgres().endpoint();
    Map<String, String> sni = Map.of("PGHOSTADDR", Endpoint.HOST);
    Figure[] latency = {context.duckgresFigure(), new Figure(), new Figure()};
    String[] names = {"standalone", "relay", "SNI"};
    for (int side = 0; side < 3; side++) {
      try {
        run(pgbench, side, standalone, org, sni, script, Math.max(1, config.pgbenchWarmupSeconds()));
      } catch (Exception e) {
        Log.info("tenants: %s warm-up failed: %s", names[side], Figure.describe(e));
      }
    }
    for (int round = 0; round < config.rounds(); round++) {
      for (int turn = 0; turn < 3; turn++) {
        int side = (round + turn) % 3;
        try {
          Pgbench.Result result = run(pgbench, side, standalone, org, sni, script,
              config.pgbenchSeconds());
          latency[side].add(result.p50Ms());
          Log.info("tenants: %s via %s round %d: p50 %.3f ms, %.0f q/s", label, names[side],
              round + 1, result.p50Ms(), result.tps());
        } catch (Exception e) {
          latency[side].fail(Figure.describe(e));
        }
      }
    }
    return List.of(
        Row.of(title(), label + " via SNI (raw socket): p50 latency", "ms", false, latency[2],
            "standalone", latency[0], Target.ratioAtMost(TARGET), null),
        Row.of(title(), label + " via relay (TLS ends in the control plane): p50 latency", "ms",
            false, latency[1], "standalone", latency[0], Target.NONE, null));
  }

  private static Pgbench.Result run(Pgbench pgbench, int side, Endpoint standalone, Endpoint org,
      Map<String, String> sni, Path script, int seconds) throws Exception {
    return switch (side) {
      case 0 -> pgbench.run(standalone, script, 1, seconds);
      case 1 -> pgbench.run(org, Endpoint.HOST, DATABASE, Map.of(), script, 1, seconds);
      default -> pgbench.run(org, ORG + "." + SUFFIX, DATABASE, sni, script, 1, seconds);
    };
  }

  /** Provisions the org through the API and waits until its warehouse is ready. */
  private static void provision(int adminPort, Path tokenFile) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(tokenFile) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    String token = Files.readString(tokenFile).strip();
    String body = "{\"database_name\": \"" + DATABASE + "\", \"metadata_store\": {\"type\":"
        + " \"internal\"}, \"data_store\": {\"type\": \"local\"}, \"user\": {\"name\": \"" + USER
        + "\", \"password\": \"" + PASSWORD + "\"}}";
    HttpResponse<String> created = http.send(request(adminPort, token,
        "/api/v1/orgs/" + ORG + "/provision").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 202) {
      throw new IllegalStateException("provision answered " + created.statusCode() + ": "
          + created.body());
    }
    while (System.nanoTime() < deadline) {
      HttpResponse<String> status = http.send(request(adminPort, token,
          "/api/v1/orgs/" + ORG + "/warehouse/status").GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (status.body().contains("\"state\":\"ready\"")
          || status.body().contains("\"state\": \"ready\"")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the org did not become ready within 60 s");
  }

  private static HttpRequest.Builder request(int port, String token, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json");
  }
}
