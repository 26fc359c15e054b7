package io.duckgres.controlplane;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the control plane needs beyond the server configuration it shares with its workers.
 *
 * @param workerCount workers kept running
 * @param socketDir directory for the workers' Unix sockets (control and fd sockets)
 * @param handoverSocket Unix socket on which this control plane hands its listener and workers to
 *     a successor, and through which it asks a predecessor for them; null disables handover
 * @param healthCheckInterval how often every worker is asked for its health. A worker's death is
 *     seen at once (its exit, a failed hand-off), not at the next round, and its replacement starts
 *     then; the default of 2 s keeps "back to full size within two intervals" true on an idle
 *     2-core machine, where a worker JVM starts in about 1.5-2 s. A hung worker is replaced after
 *     two failed rounds.
 * @param drainTimeout how long a replaced worker may keep serving its sessions before it is stopped
 * @param metricsPort port of the Prometheus endpoint on 127.0.0.1; 0 disables it
 * @param workerCommand the command that starts a worker, before the worker's own flags: the JVM,
 *     its options, the jar (read from disk at every spawn, so a rolling update runs the code on disk
 *     now) and the control plane's own arguments (the configuration every worker shares)
 * @param tenants multi-tenant routing, or null: every worker serves every connection
 */
public record ControlPlaneConfig(
    int workerCount,
    Path socketDir,
    Path handoverSocket,
    Duration healthCheckInterval,
    Duration drainTimeout,
    int metricsPort,
    List<String> workerCommand,
    TenantOptions tenants) {

  public static final int DEFAULT_WORKER_COUNT = 4;
  public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofHours(1);

  /** Without tenants. */
  public ControlPlaneConfig(int workerCount, Path socketDir, Path handoverSocket,
      Duration healthCheckInterval, Duration drainTimeout, int metricsPort,
      List<String> workerCommand) {
    this(workerCount, socketDir, handoverSocket, healthCheckInterval, drainTimeout, metricsPort,
        workerCommand, null);
  }

  public ControlPlaneConfig withTenants(TenantOptions options) {
    return new ControlPlaneConfig(workerCount, socketDir, handoverSocket, healthCheckInterval,
        drainTimeout, metricsPort, workerCommand, options);
  }

  public boolean multiTenant() {
    return tenants != null;
  }

  public ControlPlaneConfig {
    Objects.requireNonNull(socketDir, "socketDir");
    Objects.requireNonNull(healthCheckInterval, "healthCheckInterval");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    workerCommand = List.copyOf(workerCommand);
    if (workerCount < 1) {
      throw new IllegalArgumentException("worker count must be at least 1: " + workerCount);
    }
    if (healthCheckInterval.isNegative() || healthCheckInterval.isZero()) {
      throw new IllegalArgumentException("health check interval must be positive");
    }
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new IllegalArgumentException("metrics port must be between 0 and 65535");
    }
  }
}
