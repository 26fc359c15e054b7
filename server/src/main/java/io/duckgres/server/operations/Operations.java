package io.duckgres.server.operations;

import io.duckgres.engine.DatabaseManager;
import io.duckgres.engine.catalog.ServerFunctions;
import io.duckgres.server.session.SessionIdentity;
import java.io.IOException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * This process's operational record: its one metrics registry, its query log, and what sessions
 * report when a statement ends. One per process (a worker and a standalone server each have
 * theirs), so the session code reaches it without it being threaded through every constructor.
 */
public final class Operations {
  private static final Operations PROCESS = new Operations();

  private final ServerMetrics metrics = new ServerMetrics();
  private final DuckDbMemory memory = new DuckDbMemory();
  private final SessionActivity activity = new SessionActivity();
  private volatile QueryLog queryLog;
  private volatile String org;
  private volatile String orgDatabase;

  private Operations() {
    metrics.bindDuckDbMemory(memory);
    ServerFunctions.install(activity);
  }

  SessionActivity activity() {
    return activity;
  }

  /** Who may cancel and terminate other users' sessions (nobody unless set). */
  public void superusers(Predicate<String> isSuperuser) {
    activity.superusers(isSuperuser);
  }

  public static Operations process() {
    return PROCESS;
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  /** Where DuckDB's memory figures are read from at scrape time. */
  public void watchDatabases(Supplier<DatabaseManager> databases) {
    memory.watch(databases);
  }

  /**
   * This worker serves {@code org}, whose DuckDB database is {@code database}, for the rest of its
   * life: metrics and log lines name the org. Call before the first session of the org starts.
   */
  public void boundToOrg(String org, String database) {
    this.orgDatabase = database;
    this.org = org;
  }

  /** Starts writing the query log; a log already running is closed first. */
  public synchronized void startQueryLog(QueryLogSettings settings) throws IOException {
    stopQueryLog();
    QueryLog started = new QueryLog(settings, QueryLog.DEFAULT_QUEUE_CAPACITY,
        metrics::queryLogDropped);
    started.start();
    queryLog = started;
  }

  /** Writes what is queued and closes the query log file. */
  public synchronized void stopQueryLog() {
    QueryLog running = queryLog;
    queryLog = null;
    if (running != null) {
      running.close();
    }
  }

  /**
   * What one session reports its statements to; {@code applicationName} reads its current
   * application_name and {@code inTransaction} whether a transaction block is open (for
   * pg_stat_activity), {@code cancel} interrupts its running statement
   * and {@code terminate} ends it (pg_cancel_backend, pg_terminate_backend).
   */
  public StatementObserver observer(SessionIdentity identity,
      Supplier<String> applicationName, java.util.function.BooleanSupplier inTransaction,
      Runnable cancel, Runnable terminate) {
    String sessionOrg = org;
    metrics.connectionOpened(identity.user(), sessionOrg);
    // The DuckDB database: a tenant's worker opens the org's for everyone, standalone the user's.
    String tenantDatabase = orgDatabase;
    String database = sessionOrg != null && tenantDatabase != null ? tenantDatabase
        : identity.user();
    StatementObserver observer = new StatementObserver(this, identity.user(), sessionOrg,
        identity.processId(), database, applicationName, identity.remoteAddress(),
        inTransaction, cancel, terminate);
    activity.started(observer);
    return observer;
  }

  void finished(StatementObserver session, QueryLog.Entry entry, String command,
      String sqlState, long rowsSent) {
    metrics.statement(command, sqlState, entry.nanos(), rowsSent);
    if (sqlState == null) {
      activity.statistics().record(entry.user(), entry.database(), entry.sql(), entry.nanos(),
          entry.rows());
    }
    QueryLog log = queryLog;
    if (log != null) {
      log.offer(entry);
    }
  }
}
