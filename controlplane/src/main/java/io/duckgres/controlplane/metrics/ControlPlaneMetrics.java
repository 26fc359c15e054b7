package io.duckgres.controlplane.metrics;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * What an operator watches on a control plane, in Prometheus form:
 *
 * <ul>
 *   <li>{@code duckgres_workers_active} / {@code duckgres_workers_draining}: pool size now;
 *   <li>{@code duckgres_worker_connections{worker}}: connections each worker holds;
 *   <li>{@code duckgres_worker_acquire_seconds}: time to pick a worker for a new connection
 *       (long when every worker is down and one is being restarted);
 *   <li>{@code duckgres_worker_spawn_seconds}: process start to configured;
 *   <li>{@code duckgres_worker_restarts_total}: workers replaced because they died or hung;
 *   <li>{@code duckgres_connections_handed_off_total}, {@code duckgres_handoff_failures_total};
 *   <li>with tenants: {@code duckgres_worker_tenant{worker,org,flavor}} = 1 for each worker bound
 *       to an org, {@code duckgres_org_connections{org}}, {@code duckgres_org_activations_total{org}}
 *       and {@code duckgres_org_activation_seconds{org}} (binding a worker: attach and users).
 * </ul>
 *
 * Served on {@code http://127.0.0.1:<metrics-port>/metrics} when a port is configured (the JDK's
 * own HTTP server: one endpoint needs no framework).
 */
public final class ControlPlaneMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer acquire = Timer.builder("duckgres.worker.acquire")
      .description("Time to choose a worker for a new connection")
      .publishPercentiles(0.5, 0.99)
      .register(registry);
  private final Timer spawn = Timer.builder("duckgres.worker.spawn")
      .description("Worker process start until it is configured and takes connections")
      .register(registry);
  private final Counter restarts = Counter.builder("duckgres.worker.restarts")
      .description("Workers replaced because they died or stopped answering")
      .register(registry);
  private final Counter handedOff = Counter.builder("duckgres.connections.handed.off")
      .description("Client connections handed to a worker")
      .register(registry);
  private final Timer handoff = Timer.builder("duckgres.handoff")
      .description("A connection's first packet read until its worker took the socket (the"
          + " control plane's share of connection setup)")
      .publishPercentiles(0.5, 0.99)
      .register(registry);
  private final Counter handoffFailures = Counter.builder("duckgres.handoff.failures")
      .description("Client connections that could not be handed to any worker")
      .register(registry);
  private final Map<Integer, Gauge> connectionGauges = new ConcurrentHashMap<>();
  private final Map<Integer, Gauge> tenantGauges = new ConcurrentHashMap<>();
  private final Map<String, Gauge> orgConnections = new ConcurrentHashMap<>();
  private HttpServer http;

  public void bindPool(IntSupplier active, IntSupplier draining) {
    Gauge.builder("duckgres.workers.active", active::getAsInt)
        .description("Workers taking new connections").register(registry);
    Gauge.builder("duckgres.workers.draining", draining::getAsInt)
        .description("Replaced workers still serving their sessions").register(registry);
  }

  public void workerAdded(int workerId, IntSupplier connections) {
    connectionGauges.computeIfAbsent(workerId, id ->
        Gauge.builder("duckgres.worker.connections", connections::getAsInt)
            .description("Client connections a worker holds")
            .tag("worker", Integer.toString(id))
            .register(registry));
  }

  public void workerRemoved(int workerId) {
    Gauge gauge = connectionGauges.remove(workerId);
    if (gauge != null) {
      registry.remove(gauge);
    }
    Gauge tenant = tenantGauges.remove(workerId);
    if (tenant != null) {
      registry.remove(tenant);
    }
  }

  /**
   * Worker {@code workerId} was bound to {@code org} in {@code took} ({@link Duration#ZERO} when
   * the binding was not timed: a handover or a rolling update's replacement).
   */
  public void activated(int workerId, String org, String flavor, Duration took,
      IntSupplier orgConnectionCount) {
    tenantGauges.computeIfAbsent(workerId, id ->
        Gauge.builder("duckgres.worker.tenant", () -> 1)
            .description("1 for each worker bound to an org, labelled with the org and flavor")
            .tags("worker", Integer.toString(id), "org", org, "flavor", flavor)
            .register(registry));
    orgConnections.computeIfAbsent(org, name ->
        Gauge.builder("duckgres.org.connections", orgConnectionCount::getAsInt)
            .description("Client connections the org's workers hold")
            .tag("org", name)
            .register(registry));
    if (!took.isZero()) {
      Counter.builder("duckgres.org.activations")
          .description("Workers bound to the org (its lake attached, its users loaded)")
          .tag("org", org).register(registry).increment();
      Timer.builder("duckgres.org.activation")
          .description("Time to bind a worker to the org: Activate until it serves")
          .tag("org", org).register(registry).record(took);
    }
  }

  public void acquired(Duration took) {
    acquire.record(took);
  }

  public void spawned(Duration took) {
    spawn.record(took);
  }

  public void restarted() {
    restarts.increment();
  }

  public void handedOff() {
    handedOff.increment();
  }

  /** A hand-off succeeded {@code took} after the connection's first packet was read. */
  public void handoffTook(Duration took) {
    handoff.record(took);
  }

  /**
   * A tenant's connection went to its org's worker by {@code path}: {@code sni} (the raw socket
   * with the ClientHello replayed), {@code relay} (TLS terminated here) or {@code plaintext}.
   */
  public void routed(String path) {
    Counter.builder("duckgres.connections.routed")
        .description("Tenant connections by the way they reached their org's worker")
        .tag("path", path).register(registry).increment();
  }

  public void handoffFailed() {
    handoffFailures.increment();
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** Serves {@code /metrics} on 127.0.0.1 only: the numbers are for the operator, not the net. */
  public void serve(int port) throws IOException {
    http = io.duckgres.server.operations.MetricsEndpoint.serve(port, this::scrape);
  }

  @Override
  public void close() {
    if (http != null) {
      http.stop(0);
    }
    registry.close();
  }
}
