package io.duckgres.bench;

import java.time.Duration;

/** Progress lines on stderr, stamped with the time since the harness started. */
final class Log {
  private static final long STARTED = System.nanoTime();

  private Log() {}

  static void info(String format, Object... arguments) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - STARTED);
    String stamp = String.format("%02d:%02d", elapsed.toMinutes(), elapsed.toSecondsPart());
    System.err.println("[bench " + stamp + "] " + String.format(format, arguments));
  }
}
