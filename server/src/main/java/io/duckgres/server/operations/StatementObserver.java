package io.duckgres.server.operations;

import io.duckgres.engine.catalog.ServerActivity.Backend;
import io.duckgres.engine.sql.StatementKind;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One session's reporter: each statement, when it ends, counts in the metrics and becomes a query
 * log line. Called on the session's own thread, after the statement's reply was written; the
 * caller pays for two counter increments and a queue offer, nothing more (the log line is
 * formatted, and its literals redacted, on the log's own thread).
 */
public final class StatementObserver {
  /** How the statement arrived: a Query message, or Parse/Bind/Execute. */
  public enum Protocol {
    SIMPLE("simple"),
    EXTENDED("extended");

    final String spelling;

    Protocol(String spelling) {
      this.spelling = spelling;
    }
  }

  private final Operations operations;
  private final String user;
  private final String org;
  private final int processId;
  private final String database;
  private final java.util.function.Supplier<String> applicationName;
  private final InetSocketAddress client;
  private final OffsetDateTime backendStart = OffsetDateTime.now(ZoneOffset.UTC);
  private final Runnable cancel;
  private final Runnable terminate;
  private final java.util.function.BooleanSupplier inTransaction;
  private volatile String query = "";
  private volatile long queryStartMillis;
  private volatile boolean active;
  private boolean ended;

  StatementObserver(Operations operations, String user, String org, int processId,
      String database, java.util.function.Supplier<String> applicationName,
      InetSocketAddress client, java.util.function.BooleanSupplier inTransaction, Runnable cancel,
      Runnable terminate) {
    this.inTransaction = inTransaction;
    this.operations = operations;
    this.user = user;
    this.org = org;
    this.processId = processId;
    this.database = database;
    this.applicationName = applicationName;
    this.client = client;
    this.cancel = cancel;
    this.terminate = terminate;
  }

  /** The clock a statement's start is read from, for {@link #succeeded} and {@link #failed}. */
  public static long now() {
    return System.nanoTime();
  }

  /**
   * A statement starts: pg_stat_activity shows it as this session's active query. Returns its
   * start on the {@link #now()} clock.
   */
  public long begin(String sql) {
    query = sql;
    queryStartMillis = System.currentTimeMillis();
    active = true;
    return System.nanoTime();
  }

  String user() {
    return user;
  }

  int processId() {
    return processId;
  }

  /** The DuckDB database the session runs on. */
  String database() {
    return database;
  }

  void cancel() {
    cancel.run();
  }

  /** Ends the session; a session ending itself has no other statement to interrupt. */
  void terminate(boolean itself) {
    if (!itself) {
      cancel.run();
    }
    terminate.run();
  }

  Backend backend() {
    long started = queryStartMillis;
    return new Backend(database, processId, user, applicationName.get(),
        client == null ? null : client.getAddress().getHostAddress(),
        client == null ? -1 : client.getPort(), backendStart,
        started == 0 ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(started),
            ZoneOffset.UTC),
        active ? "active" : inTransaction.getAsBoolean() ? "idle in transaction" : "idle", query);
  }

  /**
   * A statement completed with {@code commandTag} (its CommandComplete text) after sending
   * {@code rowsSent} rows.
   */
  public void succeeded(Protocol protocol, String sql, long startedNanos, String commandTag,
      long rowsSent) {
    long nanos = System.nanoTime() - startedNanos;
    active = false;
    long rows = rowCount(commandTag, rowsSent);
    operations.finished(this, entry(protocol, sql, nanos, rows, null), command(commandTag),
        null, rowsSent);
  }

  /** A statement failed with {@code sqlState} after {@code startedNanos}. */
  public void failed(Protocol protocol, String sql, long startedNanos, String sqlState) {
    long nanos = System.nanoTime() - startedNanos;
    active = false;
    String command = StatementKind.of(sql).tagName();
    operations.finished(this, entry(protocol, sql, nanos, 0, sqlState),
        command == null || command.isEmpty() ? "UNKNOWN" : command, sqlState, 0);
  }

  /** A COPY FROM STDIN loaded {@code rows} rows. */
  public void copiedIn(long rows) {
    operations.metrics().copyRowsIn(rows);
  }

  /** The session ended; runs its effect once. */
  public void ended() {
    if (!ended) {
      ended = true;
      operations.metrics().connectionClosed(user, org);
      operations.activity().ended(this);
    }
  }

  private QueryLog.Entry entry(Protocol protocol, String sql, long nanos, long rows,
      String sqlState) {
    return new QueryLog.Entry(System.currentTimeMillis(), user, database, org, processId,
        protocol.spelling, nanos, rows, sqlState, sql);
  }

  /** "INSERT 0 5" → "INSERT", "CREATE TABLE" → "CREATE TABLE": the tag without its counts. */
  static String command(String commandTag) {
    int end = commandTag.length();
    while (end > 0) {
      int space = commandTag.lastIndexOf(' ', end - 1);
      String word = commandTag.substring(space + 1, end);
      if (word.isEmpty() || !word.chars().allMatch(Character::isDigit)) {
        break;
      }
      end = Math.max(space, 0);
    }
    return end == 0 ? "UNKNOWN" : commandTag.substring(0, end);
  }

  /** The rows a statement affected or returned: the tag's count when it has one. */
  static long rowCount(String commandTag, long rowsSent) {
    int space = commandTag.lastIndexOf(' ');
    String last = commandTag.substring(space + 1);
    if (space > 0 && !last.isEmpty() && last.chars().allMatch(Character::isDigit)
        && last.length() < 19) {
      return Long.parseLong(last);
    }
    return rowsSent;
  }
}
