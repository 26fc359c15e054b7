package io.duckgres.engine.catalog;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the server knows about its sessions and statements, for {@code pg_stat_activity},
 * {@code pg_stat_statements}, {@code pg_cancel_backend} and {@code pg_terminate_backend}. The
 * engine cannot see the server's sessions (the server sits above it), so the server installs an
 * implementation with {@link ServerFunctions#install}; without one the views are empty.
 */
public interface ServerActivity {
  /** One row of pg_stat_activity. */
  record Backend(String database, int pid, String user, String applicationName,
      String clientAddress, int clientPort, OffsetDateTime backendStart,
      OffsetDateTime queryStart, String state, String query) {}

  /** One row of pg_stat_statements. */
  record StatementStats(String user, String database, String query, long calls,
      double totalMillis, double minMillis, double maxMillis, long rows) {}

  /** What pg_cancel_backend / pg_terminate_backend was allowed to do. */
  enum SignalResult {
    /** Signalled. */
    SENT,
    /** No session of this database has that PID (PostgreSQL: false, with a WARNING). */
    NO_SUCH_BACKEND,
    /** The caller may not signal that session (42501). */
    NOT_ALLOWED
  }

  /** Live sessions on {@code database}. */
  List<Backend> backends(String database);

  /** Statement statistics of this process. */
  List<StatementStats> statements();

  void resetStatements();

  /** Cancels (or, when {@code terminate}, ends) session {@code target} on behalf of {@code caller}. */
  SignalResult signal(String database, int caller, int target, boolean terminate);

  /** Nothing to show: the engine runs without a server (its own tests, tools). */
  ServerActivity NONE = new ServerActivity() {
    @Override
    public List<Backend> backends(String database) {
      return List.of();
    }

    @Override
    public List<StatementStats> statements() {
      return List.of();
    }

    @Override
    public void resetStatements() {}

    @Override
    public SignalResult signal(String database, int caller, int target, boolean terminate) {
      return SignalResult.NO_SUCH_BACKEND;
    }
  };
}
