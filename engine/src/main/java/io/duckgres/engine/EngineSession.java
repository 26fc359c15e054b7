package io.duckgres.engine;

import io.duckgres.engine.catalog.PgCatalog;
import io.duckgres.engine.catalog.SetConfigCall;
import io.duckgres.engine.copy.CopyCommand;
import io.duckgres.engine.copy.CopyIn;
import io.duckgres.engine.cursor.CursorCommand;
import io.duckgres.engine.cursor.Cursors;
import io.duckgres.engine.ducklake.SerializationRetry;
import io.duckgres.engine.error.ErrorClassifier;
import io.duckgres.pgwire.types.PgType;
import io.duckgres.engine.result.ColumnMapper;
import io.duckgres.engine.result.ResultColumn;
import io.duckgres.engine.sql.CreateTableAs;
import io.duckgres.engine.sql.StatementKind;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import io.duckgres.engine.settings.SessionSettings;
import io.duckgres.engine.sql.translate.ParameterProbe;
import io.duckgres.engine.sql.translate.Translator;
import io.duckgres.engine.settings.SettingCommand;
import io.duckgres.engine.settings.SettingCommands;
import io.duckgres.engine.settings.TransactionModes;
import io.duckgres.pgwire.types.FormatOptions;
import java.time.ZoneId;
import java.util.concurrent.ScheduledFuture;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;

/**
 * One client session's view of DuckDB: its own connection (a duplicate of the database's root),
 * its transaction state, and the statement currently running (so it can be cancelled).
 *
 * <p>Transaction states, as ReadyForQuery reports them:
 *
 * <ul>
 *   <li>IDLE → IN_TRANSACTION on BEGIN;
 *   <li>IN_TRANSACTION → FAILED when a statement fails (DuckDB has aborted the transaction);
 *   <li>IN_TRANSACTION or FAILED → IDLE on COMMIT or ROLLBACK; COMMIT of a failed transaction
 *       rolls back and answers ROLLBACK, as PostgreSQL does.
 * </ul>
 *
 * <p>Not thread-safe except {@link #cancel()}: a session's statements run one at a time on one
 * thread.
 */
public final class EngineSession implements AutoCloseable {
  private final Database database;
  private final DuckDBConnection connection;
  private final SessionSettings settings;
  private final Cursors cursors;
  private TransactionStatus status = TransactionStatus.IDLE;
  private final Savepoints savepoints = new Savepoints();
  /** A statement has run in the open transaction (see Savepoints, SET TRANSACTION). */
  private boolean workSinceBegin;
  /** A parameter was SET in the open transaction (Savepoints cannot undo it either). */
  private boolean setSinceBegin;
  private String formatZone;
  private FormatOptions formatOptions = FormatOptions.DEFAULT;
  private volatile Statement running;
  private volatile boolean cancelRequested;
  private volatile boolean cancelPending;
  private volatile boolean timedOut;
  private ScheduledFuture<?> timer;

  public EngineSession(Database database, SessionSettings settings) throws SQLException {
    this(database, settings, 0);
  }

  /**
   * @param backendPid the process id the client got in BackendKeyData (pg_backend_pid()), or 0
   */
  public EngineSession(Database database, SessionSettings settings, int backendPid)
      throws SQLException {
    this.database = database;
    this.connection = database.connect();
    this.settings = settings;
    this.cursors = new Cursors(connection);
    try (Statement statement = connection.createStatement()) {
      // PostgreSQL semantics DuckDB has switches for: 7/2 = 3 for integers, and NULLs sort
      // last ascending and first descending. One call for the three: every session pays this
      // at connection time.
      statement.execute("SET TimeZone = " + SettingCommands.literal(settings.get("TimeZone"))
          + "; SET integer_division = true"
          + "; SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
      // Catalog hook (owner: catalog/): the session's parameters for current_setting(), its
      // database name, search path and backend pid.
      PgCatalog.installSession(connection, settings, database.name(), backendPid);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** How values print for this session: timestamptz in the session's TimeZone. */
  public FormatOptions formatOptions() {
    String zone = settings.get("TimeZone");
    if (!zone.equals(formatZone)) {
      formatZone = zone;
      try {
        formatOptions = FormatOptions.of(ZoneId.of(zone));
      } catch (java.time.DateTimeException unknownToJava) {
        // DuckDB (ICU) accepted the zone; Java's tables may not know the name: print in UTC.
        formatOptions = FormatOptions.DEFAULT;
      }
    }
    return formatOptions;
  }

  /** This session's PostgreSQL run-time parameters. */
  public SessionSettings settings() {
    return settings;
  }

  public TransactionStatus transactionStatus() {
    return status;
  }

  /**
   * Runs one statement. Row-returning statements come back open for streaming. Errors come back
   * as {@link PgException} with the PostgreSQL SQLSTATE, and the transaction state is updated.
   */
  public QueryResult execute(String sql) {
    return execute(sql, NO_PARAMETERS);
  }

  private QueryResult execute(String sql, Object[] parameters) {
    StatementKind kind = StatementKind.of(sql);
    if (Savepoints.Command.mayBe(kind.tagName())) {
      Savepoints.Command command = Savepoints.Command.parse(sql);
      if (command != null) {
        return savepoint(command, sql);
      }
    }
    if (status == TransactionStatus.FAILED) {
      return inFailedTransaction(kind);
    }
    if (kind.isTransactionStart()) {
      return begin(sql);
    }
    if (kind.isCommit() || kind.isRollback()) {
      return finishTransaction(kind);
    }
    if (kind.tagName().equals("DEALLOCATE ALL")) {
      // psycopg sends it after DROP or ROLLBACK to forget its prepared statements; DuckDB has no
      // DEALLOCATE ALL. Statements prepared with Parse stay until Close or the session's end
      // (the client that sent this never uses their names again).
      return QueryResult.command("DEALLOCATE ALL", List.of());
    }
    if (isCursorStatement(kind)) {
      CursorCommand command = CursorCommand.parse(sql);
      if (command != null) {
        return cursor(command, parameters, sql);
      }
    }
    if (SettingCommands.mayBeSetting(sql)) {
      SettingCommand command = SettingCommand.parse(sql);
      if (command != null) {
        QueryResult handled = applySetting(command, sql);
        if (handled != null) {
          return handled;
        }
      }
    }
    if (SetConfigCall.mayBe(sql)) {
      SetConfigCall call = SetConfigCall.parse(sql);
      if (call != null) {
        return setConfig(call, parameters, sql);
      }
    }
    return run(sql, kind);
  }

  /**
   * SELECT set_config(name, value, is_local): applied like SET (is_local like SET LOCAL: until
   * the transaction ends, and outside a transaction block not at all), answered with the
   * parameter's new value.
   */
  private QueryResult setConfig(SetConfigCall call, Object[] parameters, String sql) {
    String name = call.name().resolve(parameters);
    String value = call.value().resolve(parameters);
    if (name == null) {
      throw failed(new PgException(SqlState.NULL_VALUE_NOT_ALLOWED,
          "SET requires parameter name"), sql);
    }
    boolean local = SetConfigCall.isTrue(call.local().resolve(parameters));
    Map<String, String> changes = Map.of();
    String canonical = SessionSettings.canonical(name);
    if (!(local && status == TransactionStatus.IDLE)) {
      SettingCommand command = value == null
          ? new SettingCommand(SettingCommand.Verb.RESET, name, null, local)
          : new SettingCommand(SettingCommand.Verb.SET, name, value, local);
      try {
        QueryResult applied = applySetting(command, sql);
        if (applied != null) {
          changes = applied.parameterChanges();
        } else {
          runControl(value == null ? "RESET " + SettingCommands.identifier(name)
              : "SET " + SettingCommands.identifier(name) + " = "
                  + SettingCommands.literal(value), sql);
        }
      } catch (RuntimeException e) {
        throw failed(e, sql);
      }
    }
    String current = canonical != null && !(local && status == TransactionStatus.IDLE)
        ? settings.get(canonical) : value;
    return run("SELECT " + (current == null ? "NULL::VARCHAR" : SettingCommands.literal(current))
        + " AS " + SettingCommands.identifier(call.column()), StatementKind.of("SELECT"))
        .withParameterChanges(changes);
  }

  /** True when {@link #applySetting} answers the command without DuckDB. */
  private static boolean handledBySession(SettingCommand command) {
    return command.name() == null || SessionSettings.canonical(command.name()) != null;
  }

  private static boolean isCursorStatement(StatementKind kind) {
    return kind.command() == StatementKind.Command.FETCH
        || kind.command() == StatementKind.Command.MOVE
        || kind.tagName().startsWith("DECLARE") || kind.tagName().startsWith("CLOSE CURSOR");
  }

  /** DECLARE, FETCH, MOVE and CLOSE over this session's materialised cursors. */
  private QueryResult cursor(CursorCommand command, Object[] parameters, String sql) {
    workSinceBegin = true;
    try {
      switch (command.verb()) {
        case DECLARE:
          cursors.declare(command, parameters, status == TransactionStatus.IN_TRANSACTION);
          return QueryResult.command("DECLARE CURSOR", List.of());
        case FETCH:
          return run(cursors.move(command).sql(), StatementKind.of("FETCH"));
        case MOVE:
          return QueryResult.command("MOVE " + cursors.move(command).rows(), List.of());
        default:
          cursors.close(command);
          return QueryResult.command(
              command.name() == null ? "CLOSE CURSOR ALL" : "CLOSE CURSOR", List.of());
      }
    } catch (SQLException | RuntimeException e) {
      throw failed(e, sql);
    }
  }

  /**
   * SET/RESET/SHOW of a parameter this session keeps. Returns null for parameters DuckDB owns,
   * which then run as ordinary statements.
   */
  private QueryResult applySetting(SettingCommand command, String sql) {
    switch (command.verb()) {
      case SET_TRANSACTION:
        return setTransaction(command, sql);
      case RESET_ALL: {
        Map<String, String> changes = new LinkedHashMap<>();
        for (String name : List.copyOf(settings.names())) {
          try {
            if (settings.reset(name)) {
              changes.put(name, settings.get(name));
            }
          } catch (PgException fixed) {
            // Fixed parameters keep their value: nothing to reset.
          }
        }
        runControl("SET TimeZone = " + SettingCommands.literal(settings.get("TimeZone")), sql);
        refreshCatalog(sql); // catalog hook: current_setting() and search_path follow RESET ALL
        return QueryResult.command("RESET", List.of(), changes);
      }
      case SHOW_ALL: {
        StringBuilder values = new StringBuilder();
        for (String name : settings.names()) {
          values.append(values.length() == 0 ? "" : ", ").append('(')
              .append(SettingCommands.literal(name)).append(", ")
              .append(SettingCommands.literal(settings.get(name))).append(", '')");
        }
        return run("SELECT * FROM (VALUES " + values + ") AS settings(name, setting, description)",
            StatementKind.of("SHOW ALL"));
      }
      default:
        break;
    }
    String name = SessionSettings.canonical(command.name());
    if (name == null) {
      return null;
    }
    if (command.verb() == SettingCommand.Verb.SHOW) {
      // PostgreSQL names SHOW's column after the parameter's canonical spelling (TimeZone).
      return run("SELECT " + SettingCommands.literal(settings.get(name)) + " AS "
          + SettingCommands.identifier(name), StatementKind.of("SHOW " + name));
    }
    if (command.local() && status == TransactionStatus.IDLE) {
      // As in PostgreSQL: a SET LOCAL outside a transaction block has no effect.
      return QueryResult.command("SET", List.of(Notice.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
          "SET LOCAL can only be used in transaction blocks")));
    }
    boolean reset = command.verb() == SettingCommand.Verb.RESET || command.value() == null;
    String value = reset ? settings.startupValue(name) : command.value();
    if (name.equals("TimeZone")) {
      // DuckDB validates the zone; only a zone it accepted becomes the session's.
      runControl("SET TimeZone = " + SettingCommands.literal(value), sql);
    }
    // Inside a transaction block the change is undone by ROLLBACK (and SET LOCAL's at COMMIT
    // too); a savepoint set after it could not undo it, so it counts as work (Savepoints).
    SessionSettings.Scope scope = status == TransactionStatus.IDLE ? SessionSettings.Scope.SESSION
        : command.local() ? SessionSettings.Scope.LOCAL : SessionSettings.Scope.TRANSACTION;
    setSinceBegin |= scope != SessionSettings.Scope.SESSION;
    boolean report = settings.set(name, value, scope);
    refreshCatalog(sql); // catalog hook: current_setting() and search_path follow SET/RESET
    return QueryResult.command(command.verb() == SettingCommand.Verb.RESET ? "RESET" : "SET",
        List.of(), report ? Map.of(name, settings.get(name)) : Map.of());
  }

  /** Catalog hook (owner: catalog/): copies the session's parameters to its DuckDB variables. */
  private void refreshCatalog(String sql) {
    try {
      PgCatalog.refreshSession(connection, settings);
    } catch (SQLException e) {
      throw ErrorClassifier.classify(e, sql);
    }
  }

  private QueryResult run(String sql, StatementKind kind) {
    // DUCKLAKE-RETRY, temporary wiring from the DuckLake work (issue 6) until the owner of this
    // file places it: an autocommit statement whose commit failed with 40001 applied nothing.
    return status == TransactionStatus.IDLE
        ? SerializationRetry.autocommit(() -> runOnce(sql, kind)) : runOnce(sql, kind);
  }

  private QueryResult runOnce(String sql, StatementKind kind) {
    Statement statement = null;
    try {
      statement = connection.createStatement();
      begin(statement);
      boolean hasRows = statement.execute(Translator.translate(sql));
      if (hasRows) {
        ResultSet rows = statement.getResultSet();
        return QueryResult.rows(statement, rows, ColumnMapper.describe(rows.getMetaData(), sql),
            kind::tag).onClose(this::end);
      }
      long updated = kind.command() == StatementKind.Command.CREATE_TABLE_AS
          ? CreateTableAs.rowCount(connection, sql) : statement.getLargeUpdateCount();
      statement.close();
      end();
      return QueryResult.updated(kind::tag, Math.max(updated, 0));
    } catch (SQLException | RuntimeException e) {
      closeQuietly(statement);
      throw failed(e, sql);
    }
  }

  /**
   * A statement starts: it can now be cancelled, and statement_timeout starts counting. Both last
   * until {@link #end()}, which for a row-returning statement is when its result is closed, so a
   * cancel or timeout also interrupts a result that is still streaming.
   */
  private void begin(Statement statement) {
    if (cancelPending) {
      cancelPending = false;
      throw ErrorClassifier.queryCanceled(false);
    }
    running = statement;
    workSinceBegin = true;
    timedOut = false;
    long timeout = settings.statementTimeoutMillis();
    if (timeout > 0) {
      timer = StatementTimer.schedule(() -> {
        timedOut = true;
        cancelQuietly(statement);
      }, timeout);
    }
  }

  private void end() {
    running = null;
    ScheduledFuture<?> armed = timer;
    if (armed != null) {
      armed.cancel(false);
      timer = null;
    }
  }

  private static void cancelQuietly(Statement statement) {
    try {
      statement.cancel();
    } catch (SQLException ignored) {
      // The statement finished first: nothing left to interrupt.
    }
  }

  /**
   * Opens the implicit transaction that wraps a multi-statement simple query sent outside a
   * transaction block (PostgreSQL runs such a query as one transaction).
   */
  public void beginImplicitTransaction() {
    runControl("BEGIN TRANSACTION", "BEGIN");
    status = TransactionStatus.IN_TRANSACTION;
    workSinceBegin = false;
    setSinceBegin = false;
  }

  /** Commits the implicit transaction, or rolls it back when a statement failed. */
  public void endImplicitTransaction(boolean commit) {
    boolean committed = false;
    try {
      if (commit && status == TransactionStatus.IN_TRANSACTION) {
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

  /**
   * Parse: prepares {@code sql} once in DuckDB. {@code declaredTypes} are the OIDs the client gave
   * (0 = let the server infer); inferred types come from DuckDB.
   */
  public PreparedQuery prepare(String sql, int[] declaredTypes) {
    StatementKind kind = StatementKind.of(sql);
    Savepoints.Command savepoint = Savepoints.Command.mayBe(kind.tagName())
        ? Savepoints.Command.parse(sql) : null;
    boolean control = kind.isTransactionStart() || kind.isCommit() || kind.isRollback()
        || savepoint != null || kind.tagName().equals("DEALLOCATE ALL");
    if (status == TransactionStatus.FAILED && !(kind.isCommit() || kind.isRollback())
        && (savepoint == null || savepoint.verb() != Savepoints.Command.Verb.ROLLBACK_TO)) {
      throw inFailedTransactionError();
    }
    boolean copyStream = kind.command() == StatementKind.Command.COPY
        && CopyCommand.parse(sql) != null;
    if (control || copyStream || sql.isBlank()) {
      return new PreparedQuery(sql, kind, null, declaredTypes.clone(), null, true);
    }
    SettingCommand setting = SettingCommands.mayBeSetting(sql) ? SettingCommand.parse(sql) : null;
    if (setting != null && handledBySession(setting)) {
      // Parameters the session keeps never reach DuckDB; SHOW's column comes when it runs.
      return new PreparedQuery(sql, kind, null, declaredTypes.clone(), showColumns(setting),
          true);
    }
    SetConfigCall setConfig = SetConfigCall.mayBe(sql) ? SetConfigCall.parse(sql) : null;
    if (setConfig != null) {
      // Applied when it runs (see setConfig); its one text column is described here.
      try (Statement describe = connection.createStatement();
          ResultSet rows = describe.executeQuery("SELECT NULL::VARCHAR AS "
              + SettingCommands.identifier(setConfig.column()) + " LIMIT 0")) {
        return new PreparedQuery(sql, kind, null, setConfig.parameterTypes(declaredTypes),
            ColumnMapper.describe(rows.getMetaData()), true);
      } catch (SQLException e) {
        throw failed(e, sql);
      }
    }
    if (isCursorStatement(kind)) {
      // FETCH's columns are those of the cursor's query: known once it runs (Describe runs it).
      boolean fetch = kind.command() == StatementKind.Command.FETCH;
      return new PreparedQuery(sql, kind, null, declaredTypes.clone(),
          fetch ? List.of() : null, !fetch);
    }
    DuckDBPreparedStatement statement = null;
    try {
      statement = (DuckDBPreparedStatement) connection.prepareStatement(Translator.translate(sql));
      int[] types = ColumnMapper.parameterTypes(statement.getParameterMetaData(), declaredTypes);
      CastHints.refine(sql, declaredTypes, types);
      DuckDBResultSetMetaData metaData = (DuckDBResultSetMetaData) statement.getMetaData();
      List<ResultColumn> columns = null;
      boolean resolved = true;
      if (metaData.getReturnType() == StatementReturnType.QUERY_RESULT) {
        columns = ColumnMapper.describe(metaData, sql);
        resolved = ColumnMapper.allResolved(metaData);
        if (!resolved) {
          List<ResultColumn> probed = probeColumns(sql);
          if (probed != null) {
            columns = probed;
            resolved = true;
          }
        }
      }
      return new PreparedQuery(sql, kind, statement, types, columns, resolved);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(statement);
      throw failed(e, sql);
    }
  }

  /**
   * The result columns of {@code sql} with its (cast) parameters as NULLs, or null when it cannot
   * be probed: see {@link ParameterProbe}.
   */
  private List<ResultColumn> probeColumns(String sql) {
    String probe = ParameterProbe.withNullParameters(Translator.translate(sql));
    if (probe == null) {
      return null;
    }
    try (java.sql.PreparedStatement statement = connection.prepareStatement(probe)) {
      java.sql.ResultSetMetaData metaData = statement.getMetaData();
      return ColumnMapper.allResolved(metaData) ? ColumnMapper.describe(metaData, sql) : null;
    } catch (SQLException notDescribable) {
      return null; // described when it runs, as before
    }
  }

  /**
   * The columns SHOW answers with, known before it runs (clients describe the statement first):
   * one text column named after the parameter, or SHOW ALL's three; null for SET and RESET.
   */
  private static List<ResultColumn> showColumns(SettingCommand setting) {
    if (setting.verb() == SettingCommand.Verb.SHOW_ALL) {
      return List.of(ColumnMapper.text("name"), ColumnMapper.text("setting"),
          ColumnMapper.text("description"));
    }
    if (setting.verb() == SettingCommand.Verb.SHOW) {
      return List.of(ColumnMapper.text(SessionSettings.canonical(setting.name())));
    }
    return null;
  }

  /**
   * The columns of the SQL cursor {@code name} (DECLARE), or null when there is none: a portal
   * and a cursor share one namespace, so Describe of a portal finds cursors too.
   */
  public List<ResultColumn> cursorColumns(String name) {
    String sql = cursors.describeSql(name);
    if (sql == null) {
      return null;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return ColumnMapper.describe(rows.getMetaData());
    } catch (SQLException e) {
      throw ErrorClassifier.classify(e, sql);
    }
  }

  /** True when {@code name} is a cursor opened by DECLARE in this session. */
  public boolean hasCursor(String name) {
    return cursors.describeSql(name) != null;
  }

  /** Bind: pairs a prepared statement with parameter values (already decoded to Java values). */
  public Portal bind(PreparedQuery query, Object[] parameters, short[] resultFormats) {
    if (parameters.length != query.parameterTypes().length && query.statement() != null) {
      throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message supplies "
          + parameters.length + " parameters, but prepared statement requires "
          + query.parameterTypes().length);
    }
    // PostgreSQL: no format or one format applies to every column; otherwise one per column.
    if (resultFormats.length > 1 && query.columnsResolved()
        && resultFormats.length != query.columns().size()) {
      throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message has "
          + resultFormats.length + " result formats but query has " + query.columns().size()
          + " columns");
    }
    return new Portal(query, parameters, resultFormats);
  }

  /**
   * Execute (first time): runs the portal's statement. The result stays open in the portal so a
   * row-limited Execute can continue it.
   */
  public QueryResult start(Portal portal) {
    PreparedQuery query = portal.query();
    if (query.statement() == null) {
      QueryResult result = execute(query.sql(), portal.parameters());
      portal.started(result);
      return result;
    }
    if (status == TransactionStatus.FAILED) {
      throw inFailedTransactionError();
    }
    DuckDBPreparedStatement statement = query.statement();
    try {
      if (statement.isClosed()) {
        // DuckDB's driver closed it when an earlier execution failed: prepare it again.
        statement = (DuckDBPreparedStatement) connection.prepareStatement(
            Translator.translate(query.sql()));
        query.replaceStatement(statement);
      }
      begin(statement);
      Object[] parameters = portal.parameters();
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      boolean hasRows = statement.execute();
      QueryResult result;
      if (hasRows) {
        ResultSet rows = statement.getResultSet();
        List<ResultColumn> columns = query.columnsResolved()
            ? query.columns()
            : ColumnMapper.describe(rows.getMetaData(), query.sql());
        result = QueryResult.rows(null, rows, columns, query.kind()::tag).onClose(this::end);
      } else {
        result = QueryResult.updated(query.kind()::tag, Math.max(
            query.kind().command() == StatementKind.Command.CREATE_TABLE_AS
                ? CreateTableAs.rowCount(connection, query.sql())
                : statement.getLargeUpdateCount(), 0));
        end();
      }
      portal.started(result);
      return result;
    } catch (SQLException | RuntimeException e) {
      throw failed(e, query.sql());
    }
  }

  /**
   * COPY FROM STDIN: checks the target table and returns the sink for the client's data. The
   * load itself happens at {@link CopyIn#finish()}, inside this session's transaction.
   */
  public CopyIn beginCopyIn(CopyCommand command) {
    if (status == TransactionStatus.FAILED) {
      throw inFailedTransactionError();
    }
    workSinceBegin = true;
    String probe = "SELECT " + (command.columns().isEmpty() ? "*"
        : String.join(", ", command.columns())) + " FROM " + command.table() + " LIMIT 0";
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(probe)) {
      java.sql.ResultSetMetaData metaData = rows.getMetaData();
      int count = metaData.getColumnCount();
      String[] names = new String[count];
      PgType<?>[] types = new PgType<?>[count];
      for (int i = 0; i < count; i++) {
        names[i] = metaData.getColumnLabel(i + 1);
        types[i] = ColumnMapper.pgType(metaData.getColumnTypeName(i + 1));
      }
      return new CopyIn(connection, database.tempDirectory(), command, names, types);
    } catch (SQLException | RuntimeException e) {
      throw failed(e, "");
    }
  }

  /** Runs CopyIn's load as a statement of this session: errors fail an open transaction. */
  public long finishCopyIn(CopyIn copy) {
    try {
      running = null;
      return copy.finish();
    } catch (RuntimeException e) {
      throw failed(e, "");
    } finally {
      copy.close();
    }
  }

  /** COPY TO STDOUT: runs the SELECT whose rows are copied out. */
  public QueryResult beginCopyOut(CopyCommand command) {
    return run(command.selectSql(), StatementKind.of("COPY"));
  }

  private static final Object[] NO_PARAMETERS = new Object[0];
  private static final java.util.regex.Pattern READ_ONLY =
      java.util.regex.Pattern.compile("(?i)\\bread\\s+only\\b");

  private static PgException inFailedTransactionError() {
    return new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
        "current transaction is aborted, commands ignored until end of transaction block");
  }

  private QueryResult inFailedTransaction(StatementKind kind) {
    if (kind.isCommit() || kind.isRollback()) {
      rollbackQuietly();
      status = TransactionStatus.IDLE;
      cursors.transactionEnded(false);
      return QueryResult.command("ROLLBACK", List.of(), transactionEnded(false));
    }
    throw inFailedTransactionError();
  }

  private QueryResult begin(String sql) {
    if (status == TransactionStatus.IN_TRANSACTION) {
      return QueryResult.command("BEGIN", List.of(Notice.warning(
          SqlState.ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress")));
    }
    TransactionModes modes = TransactionModes.parse(sql);
    runControl(READ_ONLY.matcher(sql).find()
        ? "BEGIN TRANSACTION READ ONLY" : "BEGIN TRANSACTION", sql);
    status = TransactionStatus.IN_TRANSACTION;
    workSinceBegin = false;
    setSinceBegin = false;
    if (modes.isolation() != null) {
      isolation(modes.isolation(), sql);
    }
    return QueryResult.command("BEGIN", List.of());
  }

  private QueryResult finishTransaction(StatementKind kind) {
    String tag = kind.isCommit() ? "COMMIT" : "ROLLBACK";
    if (status == TransactionStatus.IDLE) {
      return QueryResult.command(tag, List.of(Notice.warning(
          SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress")));
    }
    boolean committed = false;
    Map<String, String> changes = Map.of();
    try {
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
  private QueryResult savepoint(Savepoints.Command command, String sql) {
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
      throw failed(e, sql);
    }
  }

  /**
   * SET TRANSACTION (this transaction's isolation level) or SET SESSION CHARACTERISTICS AS
   * TRANSACTION (the default for the next ones). DuckDB runs them all with snapshot isolation;
   * the level is what SHOW transaction_isolation answers.
   */
  private QueryResult setTransaction(SettingCommand command, String sql) {
    if (command.value() == null) {
      return QueryResult.command("SET", List.of());
    }
    if (command.name().equals("default_transaction_isolation")) {
      settings.set("default_transaction_isolation", command.value());
      if (status == TransactionStatus.IDLE) {
        isolation(command.value(), sql);
      } else {
        refreshCatalog(sql);
      }
      return QueryResult.command("SET", List.of());
    }
    if (status == TransactionStatus.IDLE) {
      return QueryResult.command("SET", List.of(Notice.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
          "SET TRANSACTION can only be used in transaction blocks")));
    }
    if (workSinceBegin) {
      throw failed(new PgException(SqlState.ACTIVE_SQL_TRANSACTION,
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
      refreshCatalog("SET");
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
      refreshCatalog(sql);
    }
  }

  private void runControl(String command, String sqlForErrors) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(command);
    } catch (SQLException e) {
      throw ErrorClassifier.classify(e, sqlForErrors);
    }
  }

  /**
   * Classifies an error raised while running or streaming a statement of this session and moves
   * an open transaction to FAILED. The caller sends the returned error to the client.
   */
  public PgException failed(Throwable error, String sql) {
    PgException classified = error instanceof PgException
        ? (PgException) error
        : ErrorClassifier.classify(error, sql);
    if (classified.sqlState() == SqlState.QUERY_CANCELED) {
      if (timedOut) {
        classified = ErrorClassifier.queryCanceled(true);
      }
      cancelRequested = false;
    }
    end();
    if (status == TransactionStatus.IN_TRANSACTION) {
      status = TransactionStatus.FAILED;
    }
    return classified;
  }

  /** The session went idle: a cancel that found nothing to interrupt expires. */
  public void clearPendingCancel() {
    cancelPending = false;
  }

  /** Interrupts the running statement, if any; harmless when idle. Callable from any thread. */
  public void cancel() {
    Statement statement = running;
    if (statement == null) {
      // Between statements, or before the one just received has started: it is cancelled as
      // it starts (see begin); the session clears this when it goes idle.
      cancelPending = true;
      return;
    }
    cancelRequested = true;
    try {
      statement.cancel();
    } catch (SQLException ignored) {
      // The statement finished between the check and the cancel: nothing left to interrupt.
    }
  }

  private void rollbackQuietly() {
    try (Statement statement = connection.createStatement()) {
      statement.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // DuckDB may already have ended the aborted transaction; the session is idle either way.
    }
  }

  private static void closeQuietly(Statement statement) {
    if (statement != null) {
      try {
        statement.close();
      } catch (SQLException ignored) {
        // Already failed; the original error is what the client needs.
      }
    }
  }

  /** Rolls back an open transaction and closes the connection. */
  @Override
  public void close() {
    if (status != TransactionStatus.IDLE) {
      rollbackQuietly();
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing during shutdown: the database itself is closed next.
    }
  }
}
