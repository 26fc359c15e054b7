package io.duckgres.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One timer thread for every session's statement_timeout. */
final class StatementTimer {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
      runnable -> {
        Thread thread = new Thread(runnable, "duckgres-statement-timeout");
        thread.setDaemon(true);
        return thread;
      });

  private StatementTimer() {}

  static ScheduledFuture<?> schedule(Runnable action, long millis) {
    return TIMER.schedule(action, millis, TimeUnit.MILLISECONDS);
  }
}
