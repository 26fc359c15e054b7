package io.duckgres.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Aborts a connection whose statement runs past its deadline. pgJDBC's socketTimeout only covers
 * reads; a COPY FROM STDIN into a server that stops reading blocks in a write, which only closing
 * the connection ends. Use in try-with-resources around one statement.
 */
final class Watchdog implements AutoCloseable {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "watchdog");
    thread.setDaemon(true);
    return thread;
  });

  private final ScheduledFuture<?> alarm;
  private final AtomicBoolean fired = new AtomicBoolean();
  private final int seconds;

  private Watchdog(Connection connection, int seconds) {
    this.seconds = seconds;
    this.alarm = TIMER.schedule(() -> {
      fired.set(true);
      try {
        connection.abort(Runnable::run);
      } catch (SQLException | RuntimeException ignored) {
        // the connection is being torn down either way
      }
    }, seconds, TimeUnit.SECONDS);
  }

  static Watchdog arm(Connection connection, int seconds) {
    return new Watchdog(connection, seconds);
  }

  /** Rethrows a failure as a timeout when the watchdog caused it, so the report says so. */
  Exception explain(Exception failure) {
    return fired.get() ? new SQLException("no answer within " + seconds + " s (connection aborted)", failure)
        : failure;
  }

  @Override
  public void close() {
    alarm.cancel(false);
  }
}
