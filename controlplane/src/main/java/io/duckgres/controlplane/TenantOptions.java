package io.duckgres.controlplane;

import java.time.Duration;
import java.util.Locale;

/**
 * How the control plane serves tenants ({@code --tenants}): each worker is bound to one org for
 * its life, and connections are routed to their org's workers.
 *
 * @param hostSuffix TLS server names {@code <org>.<hostSuffix>} (or {@code <database>.<suffix>})
 *     choose the org with no relay; null routes by database name only
 * @param maxWorkers ceiling on workers serving or ready to serve
 * @param warmWorkers neutral workers kept started, so an org's first connection does not wait for
 *     a JVM to start
 * @param hotIdleTtl an org's worker with no connection for this long is retired
 * @param maxSessionsPerWorker an org gets another worker once each of its workers holds this many
 * @param placementTimeout how long a connection may wait for a worker when every one is busy with
 *     other orgs before it is refused with 53300
 */
public record TenantOptions(
    String hostSuffix,
    int maxWorkers,
    int warmWorkers,
    Duration hotIdleTtl,
    int maxSessionsPerWorker,
    Duration placementTimeout) {

  public static final int DEFAULT_MAX_WORKERS = 8;
  public static final int DEFAULT_WARM_WORKERS = 1;
  public static final Duration DEFAULT_HOT_IDLE_TTL = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_SESSIONS_PER_WORKER = 64;
  public static final Duration DEFAULT_PLACEMENT_TIMEOUT = Duration.ofSeconds(10);

  public TenantOptions {
    if (hostSuffix != null) {
      hostSuffix = hostSuffix.strip().toLowerCase(Locale.ROOT);
      if (hostSuffix.startsWith(".")) {
        hostSuffix = hostSuffix.substring(1);
      }
      if (hostSuffix.isEmpty()) {
        hostSuffix = null;
      }
    }
    if (maxWorkers < 1) {
      throw new IllegalArgumentException("max workers must be at least 1: " + maxWorkers);
    }
    if (warmWorkers < 0 || warmWorkers > maxWorkers) {
      throw new IllegalArgumentException("warm workers must be between 0 and max workers ("
          + maxWorkers + "): " + warmWorkers);
    }
    if (hotIdleTtl == null || hotIdleTtl.isNegative() || hotIdleTtl.isZero()) {
      throw new IllegalArgumentException("hot idle TTL must be positive");
    }
    if (maxSessionsPerWorker < 1) {
      throw new IllegalArgumentException("max sessions per worker must be at least 1");
    }
    if (placementTimeout == null || placementTimeout.isNegative()) {
      throw new IllegalArgumentException("placement timeout must not be negative");
    }
  }

  public static TenantOptions defaults() {
    return new TenantOptions(null, DEFAULT_MAX_WORKERS, DEFAULT_WARM_WORKERS,
        DEFAULT_HOT_IDLE_TTL, DEFAULT_MAX_SESSIONS_PER_WORKER, DEFAULT_PLACEMENT_TIMEOUT);
  }
}
