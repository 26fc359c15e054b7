package io.duckgres.warehouse.console;

import java.util.List;

/**
 * What the admin console shows besides the config store, supplied by the process that serves it:
 * a standalone server reads its own sessions and statement rate; a control plane also lists its
 * worker pool and asks each worker for its sessions. The warehouse module cannot see either
 * (they sit above it), so they hand it this.
 */
public interface ConsoleSource {
  /** Whether this process runs a worker pool ({@link #workers()} is empty otherwise). */
  boolean hasWorkers();

  /** The worker processes, by id. */
  List<WorkerRow> workers();

  /** Every live session, by PID. */
  List<SessionRow> sessions();

  /**
   * Cancels session {@code processId}'s running statement or, with {@code terminate}, ends the
   * session (its client gets FATAL 57P01). False when no live session has that PID.
   */
  boolean signal(int processId, boolean terminate);

  /** The last hour of statements, one sample per window, oldest first. */
  List<RateSample> statementRate();
}
