package io.duckgres.engine;

import io.duckgres.engine.cursor.Cursors;
import io.duckgres.engine.error.ErrorClassifier;
import io.duckgres.engine.settings.SessionSettings;
import io.duckgres.engine.settings.SettingCommand;
import io.duckgres.engine.settings.SettingCommands;
import io.duckgres.engine.settings.TransactionModes;
import io.duckgres.engine.sql.StatementKind;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;

/**
 * A session's transaction block, as ReadyForQuery reports it:
 *
 * <ul>
 *   <li>IDLE → IN_TRANSACTION on BEGIN (or an implicit transaction the server opens);
 *   <li>IN_TRANSACTION → FAILED when a statement fails (DuckDB has aborted the transaction);
 *   <li>IN_TRANSACTION or FAILED → IDLE on COMMIT or ROLLBACK; COMMIT of a failed transaction
 *       rolls back and answers ROLLBACK, as PostgreSQL does.
 * </ul>
 *
 * <p>Also what ends with a transaction: its savepoints (see {@link Savepoints} for what DuckDB lets
 * them honour), the SETs a rollback undoes, its isolation level. Runs on the session's thread.
 */
final class Transactions {

  private final DuckDBConnection connection;
  private final SessionSettings settings;
  private final Cursors cursors;
  /** Copies the session's parameters to DuckDB's variables (catalog hook), for errors: sql. */
  private final Consumer<String> refreshCatalog;
  /** The session's error path: classifies, ends the running statement, fails the block. */
  private final BiFunction<Throwable, String, PgException> failure;
  private final Savepoints savepoints = new Savepoints();
  /** Temporary tables created ON COMMIT DROP in the open transaction. */
  private final List<String> droppedAtCommit = new ArrayList<>();
  private TransactionStatus status = TransactionStatus.IDLE;
  /** A statement has run in the open transaction (see Savepoints, SET TRANSACTION). */
  private boolean workSinceBegin;
  /** A parameter was SET in the open transaction (Savepoints cannot undo it either). */
  private boolean setSinceBegin;

  Transactions(DuckDBConnection connection, SessionSettings settings, Cursors cursors,
      Consumer<String> refreshCatalog, BiFunction<Throwable, String, PgException> failure) {
    this.connection = connection;
    this.settings = settings;
    this.cursors = cursors;
    this.refreshCatalog = refreshCatalog;
    this.failure = failure;
  }

  TransactionStatus status() {
    return status;
  }

  boolean isIdle() {
    return status == TransactionStatus.IDLE;
  }

  /** A statement ran (or a cursor was declared, or a COPY began) in this transaction. */
  void workDone() {
    workSinceBegin = true;
  }

  /** A parameter was set with transaction scope. */
  void settingChanged() {
    setSinceBegin = true;
  }

  /** A statement failed: an open transaction block can only be rolled back now. */
  void statementFailed() {
    if (status == TransactionStatus.IN_TRANSACTION) {
      status = TransactionStatus.FAILED;
    }
  }

  /**
   * Opens the implicit transaction that wraps a multi-statement simple query sent outside a
   * transaction block (PostgreSQL runs such a query as one transaction).
   */
  void beginImplicit() {
    runControl("BEGIN TRANSACTION", "BEGIN");
    status = TransactionStatus.IN_TRANSACTION;
    workSinceBegin = false;
    setSinceBegin = false;
  }

  /** Commits the implicit transaction, or rolls it back when a statement failed. */
  void endImplicit(boolean commit) {
    boolean committed = false;
    try {
      if (commit && status == TransactionStatus.IN_TRANSACTION) {
        dropTemporaryTables();
        runControl("COMMIT", "COMMIT");
        committed = true;
      } else {
        rollbackQuietly();
      }
    } finally {
      status = TransactionStatus.IDLE;
      cursors.transactionEnded(committed);
      transactionEnded(committed);
    }
  }

  static PgException inFailedTransactionError() {
    return new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
        "current transaction is aborted, commands ignored until end of transaction block");
  }

  QueryResult inFailedTransaction(StatementKind kind) {
    if (kind.isCommit() || kind.isRollback()) {
      rollbackQuietly();
      status = TransactionStatus.IDLE;
      cursors.transactionEnded(false);
      return QueryResult.command("ROLLBACK", List.of(), transactionEnded(false));
    }
    throw inFailedTransactionError();
  }

  QueryResult begin(String sql) {
    if (status == TransactionStatus.IN_TRANSACTION) {
      return QueryResult.command("BEGIN", List.of(Notice.warning(
          SqlState.ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress")));
    }
    TransactionModes modes = TransactionModes.parse(sql);
    runControl(modes.readOnly()
        ? "BEGIN TRANSACTION READ ONLY" : "BEGIN TRANSACTION", sql);
    status = TransactionStatus.IN_TRANSACTION;
    workSinceBegin = false;
    setSinceBegin = false;
    if (modes.isolation() != null) {
      isolation(modes.isolation(), sql);
    }
    return QueryResult.command("BEGIN", List.of());
  }

  QueryResult finish(StatementKind kind) {
    String tag = kind.isCommit() ? "COMMIT" : "ROLLBACK";
    if (status == TransactionStatus.IDLE) {
      return QueryResult.command(tag, List.of(Notice.warning(
          SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress")));
    }
    boolean committed = false;
    Map<String, String> changes = Map.of();
    try {
      if (kind.isCommit() && status == TransactionStatus.IN_TRANSACTION) {
        dropTemporaryTables();
      }
      runControl(tag, tag);
      committed = kind.isCommit();
    } finally {
      // A failed COMMIT has rolled the transaction back in DuckDB: either way it is over.
      status = TransactionStatus.IDLE;
      cursors.transactionEnded(committed);
      changes = transactionEnded(committed);
    }
    return QueryResult.command(tag, List.of(), changes);
  }

  /**
   * SAVEPOINT, RELEASE SAVEPOINT and ROLLBACK TO SAVEPOINT (see {@link Savepoints} for what each
   * can honour). Errors fail an open transaction, as any error in a PostgreSQL transaction does.
   */
  QueryResult savepoint(Savepoints.Command command, String sql) {
    if (status == TransactionStatus.IDLE) {
      throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
          command.verb().statement + " can only be used in transaction blocks");
    }
    try {
      switch (command.verb()) {
        case SAVEPOINT:
          if (status == TransactionStatus.FAILED) {
            throw inFailedTransactionError();
          }
          savepoints.define(command.name(), workSinceBegin || setSinceBegin);
          return QueryResult.command("SAVEPOINT", List.of());
        case RELEASE:
          if (status == TransactionStatus.FAILED) {
            throw inFailedTransactionError();
          }
          savepoints.release(command.name());
          return QueryResult.command("RELEASE", List.of());
        default:
          if (!savepoints.rollbackTo(command.name())) {
            throw new PgException(PgException.Severity.ERROR, SqlState.FEATURE_NOT_SUPPORTED,
                "ROLLBACK TO SAVEPOINT is not supported after statements that ran before the"
                    + " savepoint: DuckDB cannot undo part of a transaction", null,
                "Roll back the whole transaction (ROLLBACK) and run it again.", 0, null);
          }
          // Nothing ran before the savepoint: undoing what followed it is undoing the whole
          // DuckDB transaction. The transaction block stays open, as after PostgreSQL's rollback.
          rollbackQuietly();
          cursors.transactionEnded(false);
          runControl("BEGIN TRANSACTION", sql);
          status = TransactionStatus.IN_TRANSACTION;
          workSinceBegin = false;
          setSinceBegin = false;
          return QueryResult.command("ROLLBACK", List.of(), restoreSettings(false, false));
      }
    } catch (RuntimeException e) {
      throw failure.apply(e, sql);
    }
  }

  /**
   * SET TRANSACTION (this transaction's isolation level) or SET SESSION CHARACTERISTICS AS
   * TRANSACTION (the default for the next ones). DuckDB runs them all with snapshot isolation;
   * the level is what SHOW transaction_isolation answers.
   */
  QueryResult setTransaction(SettingCommand command, String sql) {
    if (command.value() == null) {
      return QueryResult.command("SET", List.of());
    }
    if (command.name().equals("default_transaction_isolation")) {
      settings.set("default_transaction_isolation", command.value());
      if (status == TransactionStatus.IDLE) {
        isolation(command.value(), sql);
      } else {
        refreshCatalog.accept(sql);
      }
      return QueryResult.command("SET", List.of());
    }
    if (status == TransactionStatus.IDLE) {
      return QueryResult.command("SET", List.of(Notice.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
          "SET TRANSACTION can only be used in transaction blocks")));
    }
    if (workSinceBegin) {
      throw failure.apply(new PgException(SqlState.ACTIVE_SQL_TRANSACTION,
          "SET TRANSACTION ISOLATION LEVEL must be called before any query"), sql);
    }
    isolation(command.value(), sql);
    return QueryResult.command("SET", List.of());
  }

  /**
   * The transaction is over: no savepoints, its SETs undone by a rollback (and its SET LOCALs
   * either way), its isolation level the default again.
   *
   * @return the reported parameters that changed (ParameterStatus)
   */
  private Map<String, String> transactionEnded(boolean committed) {
    savepoints.clear();
    droppedAtCommit.clear();
    return restoreSettings(committed, true);
  }

  private Map<String, String> restoreSettings(boolean committed, boolean ended) {
    Map<String, String> changed = new LinkedHashMap<>(settings.endTransaction(committed));
    String level = settings.get("default_transaction_isolation");
    if (ended && !level.equals(settings.get("transaction_isolation"))) {
      settings.set("transaction_isolation", level);
      changed.put("transaction_isolation", level);
    }
    if (changed.isEmpty()) {
      return Map.of();
    }
    try {
      if (changed.containsKey("TimeZone")) {
        runControl("SET TimeZone = " + SettingCommands.literal(settings.get("TimeZone")), "SET");
      }
      refreshCatalog.accept("SET");
    } catch (PgException e) {
      // DuckDB's copy of the values could not be refreshed; the session's own values are right.
    }
    Map<String, String> reported = new LinkedHashMap<>();
    changed.forEach((name, value) -> {
      if (SessionSettings.isReported(name)) {
        reported.put(name, value);
      }
    });
    return reported;
  }

  /** transaction_isolation for SHOW and current_setting(); the catalog only when it changed. */
  private void isolation(String level, String sql) {
    if (!level.equals(settings.get("transaction_isolation"))) {
      settings.set("transaction_isolation", level);
      refreshCatalog.accept(sql);
    }
  }

  /**
   * A temporary table created ON COMMIT DROP: outside a transaction block its statement has
   * committed already, so it is dropped at once (as in PostgreSQL); else when the transaction
   * commits (a rollback undoes its creation anyway).
   */
  void dropAtCommit(String table) {
    if (status == TransactionStatus.IDLE) {
      runControl(dropStatement(table), "DROP TABLE");
    } else {
      droppedAtCommit.add(table);
    }
  }

  private void dropTemporaryTables() {
    for (String table : droppedAtCommit) {
      runControl(dropStatement(table), "COMMIT");
    }
    droppedAtCommit.clear();
  }

  private static String dropStatement(String table) {
    return "DROP TABLE IF EXISTS temp.main.\"" + table.replace("\"", "\"\"") + "\"";
  }

  void rollbackQuietly() {
    try (Statement statement = connection.createStatement()) {
      statement.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // DuckDB may already have ended the aborted transaction; the session is idle either way.
    }
  }

  private void runControl(String command, String sqlForErrors) {
    runControl(connection, command, sqlForErrors);
  }

  /** Runs a statement the server itself issues (BEGIN, COMMIT, SET …) on {@code connection}. */
  static void runControl(DuckDBConnection connection, String command, String sqlForErrors) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(command);
    } catch (SQLException e) {
      throw ErrorClassifier.classify(e, sqlForErrors);
    }
  }
}
