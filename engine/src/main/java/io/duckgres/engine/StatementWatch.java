package io.duckgres.engine;

import io.duckgres.engine.error.ErrorClassifier;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The statement a session is running, so that a cancel request or statement_timeout can
 * interrupt it. A statement is watched from {@link #begin} until {@link #end}, which for a
 * row-returning statement is when its result is closed: a cancel or timeout also interrupts a
 * result that is still streaming.
 *
 * <p>{@link #cancel} may be called from any thread; everything else runs on the session's thread.
 */
final class StatementWatch {
  /** How long a cancel keeps interrupting a statement that has not noticed yet. */
  private static final long CANCEL_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long CANCEL_RETRY_PAUSE_MILLIS = 20;

  /** The session's statement_timeout in milliseconds (0 = none), read as each statement starts. */
  private final LongSupplier timeoutMillis;
  private volatile Statement running;
  /** Statements begun so far: a cancel aimed at one never touches the next (same JDBC object). */
  private volatile long executions;
  private volatile boolean cancelRequested;
  /** A cancel arrived while nothing ran: the next statement fails as it starts. */
  private volatile boolean cancelPending;
  private volatile boolean timedOut;
  /** Set when the session is being terminated: its interrupted statement fails with this. */
  private volatile PgException terminating;
  private ScheduledFuture<?> timer;

  StatementWatch(LongSupplier timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  /** A statement starts: it can now be cancelled, and statement_timeout starts counting. */
  void begin(Statement statement) {
    if (cancelPending) {
      cancelPending = false;
      throw ErrorClassifier.queryCanceled(false);
    }
    executions++;
    running = statement;
    timedOut = false;
    long timeout = timeoutMillis.getAsLong();
    if (timeout > 0) {
      timer = StatementTimer.schedule(() -> {
        timedOut = true;
        interruptQuietly(statement);
      }, timeout);
    }
  }

  /** The statement ended (its result closed, or it failed): nothing to interrupt any more. */
  void end() {
    running = null;
    ScheduledFuture<?> armed = timer;
    if (armed != null) {
      armed.cancel(false);
      timer = null;
    }
  }

  /**
   * A statement failed with {@code error}: a cancellation caused by statement_timeout says so
   * (PostgreSQL's wording differs), and the cancel request is answered.
   */
  PgException explain(PgException error) {
    if (error.sqlState() != SqlState.QUERY_CANCELED) {
      return error;
    }
    cancelRequested = false;
    PgException ending = terminating;
    if (ending != null) {
      return ending;
    }
    return timedOut ? ErrorClassifier.queryCanceled(true) : error;
  }

  /**
   * Interrupts the running statement because the session is being terminated: as in PostgreSQL,
   * the statement fails with {@code reason} (FATAL 57P01) rather than 57014.
   */
  void terminate(PgException reason) {
    terminating = reason;
    cancel();
  }

  /** The session went idle: a cancel that found nothing to interrupt expires. */
  void clearPendingCancel() {
    cancelPending = false;
  }

  /** Interrupts the running statement, if any; harmless when idle. Callable from any thread. */
  void cancel() {
    Statement statement = running;
    long execution = executions;
    if (statement == null) {
      // Between statements, or before the one just received has started: it is cancelled as
      // it starts (see begin); the session clears this when it goes idle.
      cancelPending = true;
      return;
    }
    cancelRequested = true;
    // DuckDB forgets an interrupt that arrives before the query has begun executing (it resets
    // the flag as a query starts), and a statement is "running" here from just before that. So
    // the interrupt is repeated until the statement has ended (failed with 57014, or finished),
    // bounded in time. Callers run this off the I/O threads.
    long deadline = System.nanoTime() + CANCEL_RETRY_NANOS;
    do {
      if (!interruptQuietly(statement)) {
        return;
      }
      try {
        Thread.sleep(CANCEL_RETRY_PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    } while (running == statement && executions == execution && cancelRequested
        && System.nanoTime() < deadline);
  }

  /** False when the statement is already closed: it finished, nothing left to interrupt. */
  private static boolean interruptQuietly(Statement statement) {
    try {
      statement.cancel();
      return true;
    } catch (SQLException finished) {
      return false;
    }
  }
}
