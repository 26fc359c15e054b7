package io.duckgres.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The control plane against standalone: the same duckgres jar started a second time with
 * {@code --mode control-plane --worker-count 2}, beside the standalone server the other workloads
 * use, in the same run. Two figures, both with standalone as the baseline and a target of ≤ 1.05×
 * its latency:
 *
 * <ul>
 *   <li>tiny queries: pgbench {@code SELECT 1} (prepared, over TLS), 1 and 8 connections; once a
 *       session is handed over the control plane is out of the path, so this shows what the
 *       worker process costs per query (nothing, if all is well);
 *   <li>connection setup: pgJDBC connect (TCP, TLS, SCRAM) + {@code SELECT 1}, one after another;
 *       this carries the hand-off (first packet read, 'S', worker choice, fd passing with
 *       SCM_RIGHTS and the hand-off note; the worker's acknowledgement is off the client's path).
 * </ul>
 *
 * <p>Rounds alternate which side goes first. The control plane gets its own empty data directory
 * ({@code SELECT 1} needs no data) and is stopped (SIGTERM, which stops its workers) at the end.
 */
final class ControlPlaneRows implements Workload {
  private static final int WORKERS = 2;
  private static final double TARGET = 1.05;
  /** Connections each serving JVM gets before connection setup is measured. */
  private static final int WARM_UP_CONNECTIONS = 10;

  @Override
  public String name() {
    return "controlplane";
  }

  @Override
  public String title() {
    return "control plane vs standalone (--mode control-plane, " + WORKERS + " workers)";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    BenchConfig config = context.config();
    Path dataDir = Files.createDirectories(config.workDir().resolve("control-plane-data"));
    List<Row> rows = new ArrayList<>();
    int metricsPort = DuckgresProcess.freePort();
    try (DuckgresProcess controlPlane = new DuckgresProcess(config, dataDir, "control-plane",
        List.of("--mode", "control-plane", "--worker-count", String.valueOf(WORKERS),
            "--metrics-port", String.valueOf(metricsPort)))) {
      Figure failure = new Figure();
      try {
        controlPlane.start();
        if (controlPlane.probe() != null) {
          failure.fail(controlPlane.unavailable());
        }
      } catch (Exception e) {
        failure.fail("the control plane did not start: " + Figure.describe(e));
      }
      if (failure.failed()) {
        return List.of(Row.failed(title(), "whole workload", "standalone", failure.error()));
      }
      Endpoint[] endpoints = {controlPlane.endpoint(), context.duckgres().endpoint()};
      Path script = Files.writeString(context.scratch().resolve("script-control-plane.sql"),
          "SELECT 1;\n");
      Pgbench pgbench = new Pgbench(config.pgbench(), context.scratch());
      for (int clients : new int[] {1, 8}) {
        rows.addAll(tiny(context, pgbench, endpoints, script, clients));
      }
      rows.addAll(connect(context, endpoints, metricsPort));
    }
    return rows;
  }

  /** pgbench SELECT 1: p50 latency (target) and throughput (information) on both sides. */
  private List<Row> tiny(Context context, Pgbench pgbench, Endpoint[] endpoints, Path script,
      int clients) throws Exception {
    BenchConfig config = context.config();
    Figure[][] figures = {{new Figure(), new Figure()}, {context.duckgresFigure(), new Figure()}};
    for (Endpoint endpoint : endpoints) {
      try {
        pgbench.run(endpoint, script, clients, Math.max(1, config.pgbenchWarmupSeconds()));
      } catch (Exception e) {
        Log.info("control plane: %s warm-up failed: %s", endpoint.name(), Figure.describe(e));
      }
    }
    Budget budget = new Budget(config, 600);
    for (int round = 0; round < config.rounds(); round++) {
      for (int turn = 0; turn < 2; turn++) {
        int side = (round + turn) % 2;
        if (!budget.allows(endpoints[side].name())) {
          continue;
        }
        long started = System.nanoTime();
        try {
          Pgbench.Result result = pgbench.run(endpoints[side], script, clients,
              config.pgbenchSeconds());
          figures[side][0].add(result.p50Ms());
          figures[side][1].add(result.tps());
          Log.info("control plane: SELECT 1, %d conn, %s round %d: p50 %.3f ms, %.0f q/s",
              clients, endpoints[side].name(), round + 1, result.p50Ms(), result.tps());
        } catch (Exception e) {
          for (Figure figure : figures[side]) {
            figure.fail(Figure.describe(e));
          }
        } finally {
          budget.spend(endpoints[side].name(), System.nanoTime() - started);
        }
      }
    }
    String label = "SELECT 1, " + clients + (clients == 1 ? " connection" : " connections");
    return List.of(
        Row.of(title(), label + ": p50 latency", "ms", false, figures[0][0], "standalone",
            figures[1][0], Target.ratioAtMost(TARGET), budget.note("control-plane")),
        Row.of(title(), label + ": throughput", "q/s", true, figures[0][1], "standalone",
            figures[1][1], Target.NONE, null));
  }

  /** Connection setup through the hand-off against standalone's accept: p50 and p99. */
  private List<Row> connect(Context context, Endpoint[] endpoints, int metricsPort)
      throws Exception {
    BenchConfig config = context.config();
    Figure[][] figures = {{new Figure(), new Figure()}, {context.duckgresFigure(), new Figure()}};
    // The same warm-up for every JVM that serves connections: the control plane spreads its
    // warm-up connections over WORKERS worker processes, each with its own JIT, where standalone
    // gets all of them; with equal totals the first control-plane round measured cold workers.
    for (Endpoint endpoint : endpoints) {
      try {
        ConnectionSetup.connectMany(endpoint,
            endpoint == endpoints[0] ? WARM_UP_CONNECTIONS * WORKERS : WARM_UP_CONNECTIONS);
      } catch (Exception e) {
        Log.info("control plane: %s connect warm-up failed: %s", endpoint.name(),
            Figure.describe(e));
      }
    }
    Budget budget = new Budget(config, config.quick() ? 20 : 90);
    for (int round = 0; round < config.rounds(); round++) {
      for (int turn = 0; turn < 2; turn++) {
        int side = (round + turn) % 2;
        if (!budget.allows(endpoints[side].name())) {
          continue;
        }
        long started = System.nanoTime();
        try {
          double[] millis = ConnectionSetup.connectMany(endpoints[side],
              config.connectionsPerRound());
          Arrays.sort(millis);
          figures[side][0].add(Summary.percentile(millis, 50));
          figures[side][1].add(Summary.percentile(millis, 99));
          Log.info("control plane: connect %s round %d: p50 %.2f ms, p99 %.2f ms",
              endpoints[side].name(), round + 1, Summary.percentile(millis, 50),
              Summary.percentile(millis, 99));
        } catch (Exception e) {
          for (Figure figure : figures[side]) {
            figure.fail(Figure.describe(e));
          }
        } finally {
          budget.spend(endpoints[side].name(), System.nanoTime() - started);
        }
      }
    }
    // Where the gap comes from: the control plane's own share of each connection's setup.
    String handoff = handoffNote(metricsPort);
    String note = budget.note("control-plane");
    note = note == null ? handoff : note + "; " + handoff;
    return List.of(
        Row.of(title(), "connection setup: p50 time to first answer", "ms", false, figures[0][0],
            "standalone", figures[1][0], Target.ratioAtMost(TARGET), note),
        Row.of(title(), "connection setup: p99 time to first answer", "ms", false, figures[0][1],
            "standalone", figures[1][1], Target.ratioAtMost(TARGET), null));
  }

  /**
   * The control plane's hand-off timer (first packet read until the worker took the socket),
   * scraped from its Prometheus endpoint: the mean over every connection of this workload.
   */
  private static String handoffNote(int metricsPort) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
              .timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      double count = metric(response.body(), "duckgres_handoff_seconds_count");
      double sum = metric(response.body(), "duckgres_handoff_seconds_sum");
      return String.format(Locale.ROOT,
          "hand-off inside the control plane: mean %.2f ms over %.0f connections",
          1000 * sum / count, count);
    } catch (Exception e) {
      return "hand-off time unavailable: " + Figure.describe(e);
    }
  }

  private static double metric(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new IllegalStateException(name + " is not in the metrics");
  }
}
