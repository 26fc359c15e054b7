package io.duckgres.server.operations;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an operator watches on a process that runs sessions (standalone or worker), in Prometheus
 * form:
 *
 * <ul>
 *   <li>{@code duckgres_connections{user}} (and {@code org} on a tenant's worker): authenticated
 *       sessions now;
 *   <li>{@code duckgres_statements_total{command,sqlstate_class}}: statements run, by command tag
 *       and the class of their SQLSTATE ({@code 00} for success);
 *   <li>{@code duckgres_statement_duration_seconds}: a histogram of statement run time;
 *   <li>{@code duckgres_rows_sent_total}, {@code duckgres_bytes_sent_total},
 *       {@code duckgres_copy_rows_in_total};
 *   <li>{@code duckgres_authentication_failures_total}, {@code duckgres_authentication_bans_total};
 *   <li>{@code duckgres_duckdb_memory_bytes} and {@code duckgres_duckdb_spilled_bytes}: DuckDB's
 *       buffer memory in use and what it wrote to temporary files, read at scrape time;
 *   <li>{@code duckgres_query_log_dropped_total}: query log lines lost because its queue was full.
 * </ul>
 *
 * One registry per process. Served on {@code http://127.0.0.1:<port>/metrics} (the JDK's own HTTP
 * server, as the control plane does: one endpoint needs no framework).
 */
public final class ServerMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer duration = Timer.builder("duckgres.statement.duration")
      .description("Time from a statement's start until its last row or error was written")
      .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
          Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2),
          Duration.ofSeconds(10), Duration.ofSeconds(60))
      .register(registry);
  private final Counter rowsSent = Counter.builder("duckgres.rows.sent")
      .description("Result rows sent to clients (DataRow messages and COPY TO STDOUT rows)")
      .register(registry);
  private final Counter bytesSent = Counter.builder("duckgres.bytes.sent")
      .description("Protocol bytes sent to clients, before TLS")
      .register(registry);
  private final Counter copyRowsIn = Counter.builder("duckgres.copy.rows.in")
      .description("Rows loaded by COPY FROM STDIN")
      .register(registry);
  private final Counter authenticationFailures =
      Counter.builder("duckgres.authentication.failures")
          .description("Failed logins (wrong password, unknown user)")
          .register(registry);
  private final Counter bans = Counter.builder("duckgres.authentication.bans")
      .description("Client addresses banned after too many failed logins")
      .register(registry);
  private final Counter queryLogDropped = Counter.builder("duckgres.query.log.dropped")
      .description("Query log lines dropped because the writer fell behind")
      .register(registry);
  private final Map<Tags, AtomicInteger> connections = new ConcurrentHashMap<>();
  private final Map<Tags, Counter> statements = new ConcurrentHashMap<>();
  private HttpServer http;

  ServerMetrics() {}

  /** Reads DuckDB's memory figures on each scrape (never on a session's path). */
  void bindDuckDbMemory(DuckDbMemory memory) {
    Gauge.builder("duckgres.duckdb.memory", memory, DuckDbMemory::memoryBytes)
        .description("Memory DuckDB's buffer manager holds, over every open database")
        .baseUnit("bytes").register(registry);
    Gauge.builder("duckgres.duckdb.spilled", memory, DuckDbMemory::spilledBytes)
        .description("Bytes DuckDB has written to temporary files, over every open database")
        .baseUnit("bytes").register(registry);
  }

  /** A session was authenticated; {@code org} is null outside a tenant's worker. */
  public void connectionOpened(String user, String org) {
    connectionCount(user, org).incrementAndGet();
  }

  public void connectionClosed(String user, String org) {
    connectionCount(user, org).decrementAndGet();
  }

  private AtomicInteger connectionCount(String user, String org) {
    Tags tags = org == null ? Tags.of("user", user) : Tags.of("user", user, "org", org);
    return connections.computeIfAbsent(tags, key -> {
      AtomicInteger count = new AtomicInteger();
      Gauge.builder("duckgres.connections", count, AtomicInteger::get)
          .description("Authenticated sessions").tags(key).register(registry);
      return count;
    });
  }

  /** A statement ended after {@code nanos}: {@code sqlState} is null when it succeeded. */
  public void statement(String command, String sqlState, long nanos, long rowsReturned) {
    String sqlStateClass = sqlState == null ? "00" : sqlState.substring(0, 2);
    statements.computeIfAbsent(Tags.of("command", command, "sqlstate_class", sqlStateClass),
        tags -> Counter.builder("duckgres.statements")
            .description("Statements run, by command and SQLSTATE class")
            .tags(tags).register(registry)).increment();
    duration.record(Duration.ofNanos(nanos));
    if (rowsReturned > 0) {
      rowsSent.increment(rowsReturned);
    }
  }

  public void bytesSent(long bytes) {
    bytesSent.increment(bytes);
  }

  public void copyRowsIn(long rows) {
    copyRowsIn.increment(rows);
  }

  /** A login failed; {@code banned} when that failure banned the client's address. */
  public void authenticationFailed(boolean banned) {
    authenticationFailures.increment();
    if (banned) {
      bans.increment();
    }
  }

  void queryLogDropped() {
    queryLogDropped.increment();
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** Serves {@code /metrics} on 127.0.0.1 only: the numbers are for the operator, not the net. */
  public synchronized void serve(int port) throws IOException {
    if (http != null) {
      throw new IllegalStateException("metrics are already served on port "
          + http.getAddress().getPort());
    }
    http = MetricsEndpoint.serve(port, this::scrape);
  }

  @Override
  public synchronized void close() {
    if (http != null) {
      http.stop(0);
      http = null;
    }
  }
}
