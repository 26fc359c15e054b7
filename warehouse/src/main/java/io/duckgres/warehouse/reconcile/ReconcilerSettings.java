package io.duckgres.warehouse.reconcile;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the reconciler works.
 *
 * @param maxAttempts attempts before a warehouse that keeps failing ends {@code failed} with its
 *     last error
 * @param firstRetryDelay pause before the second attempt; it doubles after each failure
 * @param pollInterval how often the store is scanned besides the change notifications (picks up
 *     retries that are due and rows another control plane left behind)
 * @param staleClaim a row in {@code provisioning} this long is taken over: its control plane
 *     stopped half way
 * @param extensionDirectory DuckDB extension directory for the attach check (ducklake,
 *     postgres_scanner, httpfs), or null for DuckDB's own
 * @param connectTimeout how long one connection to a metadata store may take
 */
public record ReconcilerSettings(
    int maxAttempts,
    Duration firstRetryDelay,
    Duration pollInterval,
    Duration staleClaim,
    Path extensionDirectory,
    Duration connectTimeout) {

  public static ReconcilerSettings defaults(Path extensionDirectory) {
    return new ReconcilerSettings(5, Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofMinutes(5), extensionDirectory, Duration.ofSeconds(10));
  }

  public ReconcilerSettings withRetries(int attempts, Duration firstDelay) {
    return new ReconcilerSettings(attempts, firstDelay, pollInterval, staleClaim,
        extensionDirectory, connectTimeout);
  }

  /** The pause after {@code failures} failed attempts: doubling, at most a minute. */
  Duration retryDelay(int failures) {
    long millis = firstRetryDelay.toMillis() << Math.min(Math.max(failures - 1, 0), 16);
    return Duration.ofMillis(Math.min(millis, 60_000));
  }
}
