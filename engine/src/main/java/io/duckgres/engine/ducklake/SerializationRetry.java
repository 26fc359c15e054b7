package io.duckgres.engine.ducklake;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs an autocommit statement again when its commit failed with a serialization error in the
 * DuckLake metadata store. CockroachDB answers contended commits with SQLSTATE 40001 "restart
 * transaction"; PostgreSQL at REPEATABLE READ (how postgres_scanner writes the catalog) answers a
 * concurrent update with 40001 "could not serialize access". DuckLake itself retries only
 * conflicts it recognises (duplicate key, "concurrent"), so without this a quarter of concurrent
 * writers' commits reach the client as errors on CockroachDB; and when DuckLake exhausts its own
 * retries, the statement has lost the same race. A failed commit applied nothing (the catalog
 * transaction rolled back, and the Parquet files it wrote are unreferenced), so running the
 * statement again is safe.
 *
 * <p>Only for statements the server committed itself: inside an explicit transaction block the
 * client's earlier statements are gone with the failed transaction, so the client must get 40001
 * and retry the whole block.
 *
 * <p>Attempts are bounded, and the waits grow exponentially with full jitter so writers that
 * collided do not collide again in lockstep.
 */
public final class SerializationRetry {
  /** Eight attempts: with a quarter of commits failing, giving up happens once in 65,536. */
  public static final SerializationRetry DEFAULT =
      new SerializationRetry(8, Duration.ofMillis(5), Duration.ofMillis(400), Sleeper.THREAD);

  private final int maxAttempts;
  private final long baseDelayNanos;
  private final long maxDelayNanos;
  private final Sleeper sleeper;

  /** One unit of work: typically executing one statement on a session's connection. */
  @FunctionalInterface
  public interface SqlAction<T> {
    T run() throws SQLException;
  }

  /** Waits between attempts; replaced in tests. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper THREAD = nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));

    void sleep(long nanos) throws InterruptedException;
  }

  public SerializationRetry(int maxAttempts, Duration baseDelay, Duration maxDelay,
      Sleeper sleeper) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.baseDelayNanos = baseDelay.toNanos();
    this.maxDelayNanos = maxDelay.toNanos();
    this.sleeper = sleeper;
  }

  /** {@link #DEFAULT}{@code .run(action)}. */
  public static <T> T run(SqlAction<T> action) throws SQLException {
    return DEFAULT.call(action);
  }

  /**
   * {@link #DEFAULT}, for an action that reports failures as unchecked exceptions (such as
   * EngineSession's classified {@code PgException}, whose cause chain keeps DuckDB's text).
   */
  public static <T> T autocommit(Supplier<T> action) {
    try {
      return DEFAULT.call(action::get);
    } catch (SQLException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Runs {@code action}, again after a serialization failure, up to the attempt limit. Any other
   * error, and the last serialization failure, is thrown unchanged.
   */
  public <T> T call(SqlAction<T> action) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.run();
      } catch (SQLException failure) {
        if (!retryAfter(attempt, failure)) {
          throw failure;
        }
      } catch (RuntimeException failure) {
        if (!retryAfter(attempt, failure)) {
          throw failure;
        }
      }
    }
  }

  /** Waits before the next attempt and returns true, or returns false when it should not retry. */
  private boolean retryAfter(int attempt, Exception failure) {
    if (attempt >= maxAttempts || !isSerializationFailure(failure)) {
      return false;
    }
    long ceiling = Math.min(maxDelayNanos, baseDelayNanos << Math.min(attempt - 1, 20));
    try {
      sleeper.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
      return true;
    } catch (InterruptedException interrupted) {
      // Cancelled or shutting down: report the failure we have rather than wait again.
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Whether {@code error} (or a cause) is a serialization failure of the metadata store's
   * transaction. DuckDB passes the store's message through as text, without a SQLSTATE field, so
   * the text is what we can read: CockroachDB's "restart transaction", PostgreSQL's "could not
   * serialize access", or a quoted SQLSTATE 40001.
   */
  public static boolean isSerializationFailure(Throwable error) {
    Throwable cause = error;
    for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
      if (cause instanceof SQLException sql && "40001".equals(sql.getSQLState())) {
        return true;
      }
      if (mentionsSerializationFailure(cause.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an error text carries a metadata store's serialization failure. Also for the error
   * classifier: DuckDB puts the store's text on the lines after "Failed to commit DuckLake
   * transaction.", and such a failure is 40001 for the client too.
   */
  public static boolean mentionsSerializationFailure(String text) {
    if (text == null) {
      return false;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.contains("restart transaction")
        || lower.contains("could not serialize access")
        // DuckLake lost the race for the next snapshot more often than it retries by itself.
        || lower.contains("exceeded the maximum retry count")
        || lower.contains("sqlstate 40001")
        || lower.contains("sqlstate: 40001");
  }
}
