package io.duckgres.engine;

import io.duckgres.engine.catalog.PgCatalog;
import io.duckgres.engine.catalog.SetConfigCall;
import io.duckgres.engine.copy.CopyCommand;
import io.duckgres.engine.copy.CopyIn;
import io.duckgres.engine.cursor.CursorCommand;
import io.duckgres.engine.cursor.Cursors;
import io.duckgres.engine.ducklake.SerializationRetry;
import io.duckgres.engine.error.ErrorClassifier;
import io.duckgres.engine.numeric.BareNumeric;
import io.duckgres.engine.numeric.StatementConstants;
import io.duckgres.pgwire.types.PgType;
import io.duckgres.engine.result.ColumnMapper;
import io.duckgres.engine.result.ResultColumn;
import io.duckgres.engine.sql.CreateTableAs;
import io.duckgres.engine.sql.OwnedSequences;
import io.duckgres.engine.sql.StatementKind;
import io.duckgres.engine.sql.StatementRoute;
import io.duckgres.engine.sql.SequenceRead;
import io.duckgres.engine.sql.ViewRename;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import io.duckgres.engine.settings.SessionSettings;
import io.duckgres.engine.sql.transform.TemporaryTablesOnCommit;
import io.duckgres.engine.sql.translate.ParameterProbe;
import io.duckgres.engine.sql.translate.Translator;
import io.duckgres.engine.security.StatementAccess;
import io.duckgres.engine.settings.SettingCommand;
import io.duckgres.engine.settings.SettingCommands;
import io.duckgres.pgwire.types.FormatOptions;
import java.time.ZoneId;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;

/**
 * One client session's view of DuckDB: its own connection (a duplicate of the database's root),
 * its transaction block ({@link Transactions}), its parameters, and the statement currently
 * running (so it can be cancelled or time out).
 *
 * <p>Not thread-safe except {@link #cancel()}: a session's statements run one at a time on one
 * thread.
 */
public final class EngineSession implements AutoCloseable {
  private final Database database;
  private final DuckDBConnection connection;
  private final SessionSettings settings;
  private final Cursors cursors;
  private final Transactions transactions;
  private final ParameterCommands parameterCommands;
  private String formatZone;
  private FormatOptions formatOptions = FormatOptions.DEFAULT;
  private final StatementWatch watch;
  private boolean streamingResults = true;
  private final SqlPreparedStatements sqlPrepared = new SqlPreparedStatements();

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
    this.watch = new StatementWatch(settings::statementTimeoutMillis);
    this.transactions = new Transactions(connection, settings, cursors,
        sql -> ParameterCommands.refreshCatalog(connection, settings, sql), this::failed);
    this.parameterCommands = new ParameterCommands(connection, settings, transactions, this::run,
        this::failed);
    try (Statement statement = connection.createStatement()) {
      // PostgreSQL semantics DuckDB has switches for: 7/2 = 3 for integers, and NULLs sort
      // last ascending and first descending. One call for the three: every session pays this
      // at connection time.
      statement.execute("SET TimeZone = " + SettingCommands.literal(settings.get("TimeZone"))
          + "; SET integer_division = true"
          + "; SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
      // The catalog (catalog/) reads the session's parameters for current_setting(), its
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

  /** Prepared statements one session may hold, by Parse and by SQL PREPARE together. */
  public static final int MAX_PREPARED_STATEMENTS = SqlPreparedStatements.LIMIT;

  /**
   * Where the count of statements prepared by the protocol's Parse comes from: they share {@link
   * #MAX_PREPARED_STATEMENTS} with those of SQL PREPARE.
   */
  public void countProtocolStatements(java.util.function.IntSupplier count) {
    sqlPrepared.countProtocolStatements(count);
  }

  /** Throws 54000 when one more named prepared statement would pass the session's cap. */
  public void admitProtocolStatement() {
    if (sqlPrepared.total() >= MAX_PREPARED_STATEMENTS) {
      throw SqlPreparedStatements.tooMany();
    }
  }

  /** This session's PostgreSQL run-time parameters. */
  public SessionSettings settings() {
    return settings;
  }

  public TransactionStatus transactionStatus() {
    return transactions.status();
  }

  /**
   * Runs one statement. Row-returning statements come back open for streaming. Errors come back
   * as {@link PgException} with the PostgreSQL SQLSTATE, and the transaction state is updated.
   */
  public QueryResult execute(String sql) {
    return execute(sql, NO_PARAMETERS);
  }

  private QueryResult execute(String sql, Object[] parameters) {
    StatementAccess.check(sql, database.superuser(), database.confined());
    StatementKind kind = StatementKind.of(sql);
    StatementRoute route = kind.route();
    if (route == StatementRoute.SAVEPOINT) {
      Savepoints.Command command = Savepoints.Command.parse(sql);
      if (command != null) {
        return transactions.savepoint(command, sql);
      }
    }
    if (transactions.status() == TransactionStatus.FAILED) {
      return transactions.inFailedTransaction(kind);
    }
    switch (route) {
      case TRANSACTION:
        return kind.isTransactionStart() ? transactions.begin(sql) : transactions.finish(kind);
      case DEALLOCATE_ALL:
        // psycopg sends it after DROP or ROLLBACK to forget its prepared statements; DuckDB has
        // no DEALLOCATE ALL, so the session deallocates each statement PREPARE made. Statements
        // prepared with Parse stay until Close or the session's end (the client that sent this
        // never uses their names again).
        try {
          sqlPrepared.deallocateAll(connection);
        } catch (SQLException e) {
          throw failed(e, sql);
        }
        return QueryResult.command("DEALLOCATE ALL", List.of());
      case LOCK:
        if (transactions.status() != TransactionStatus.IN_TRANSACTION) {
          throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
              "LOCK TABLE can only be used in transaction blocks");
        }
        return QueryResult.command("LOCK TABLE", List.of());
      case DISCARD:
        transactions.workDone();
        try {
          return Discard.run(kind.tagName(), connection, cursors, transactions,
              parameterCommands, sql);
        } catch (SQLException | RuntimeException e) {
          throw failed(e, sql);
        }
      case CURSOR: {
        CursorCommand command = CursorCommand.parse(sql);
        if (command != null) {
          return cursor(command, parameters, sql);
        }
        break;
      }
      case SETTING: {
        SettingCommand command = SettingCommand.parse(sql);
        QueryResult handled = command == null ? null : parameterCommands.apply(command, sql);
        if (handled != null) {
          return handled;
        }
        break;
      }
      case QUERY: {
        SetConfigCall call = SetConfigCall.parse(sql);
        if (call != null) {
          return parameterCommands.setConfig(call, parameters, sql);
        }
        String rewritten = catalogDependentOrNull(sql);
        if (rewritten != null) {
          return run(rewritten, kind);
        }
        break;
      }
      default:
        break;
    }
    boolean prepares = kind.tagName().equals("PREPARE") || kind.tagName().equals("DEALLOCATE");
    String preparing = prepares ? sqlPrepared.admit(sql) : null;
    QueryResult result = run(sql, kind);
    if (prepares) {
      sqlPrepared.ran(sql, preparing);
    }
    if (kind.tagName().equals("USE")) {
      // DuckDB's USE replaces the search path, which also reaches the catalog's functions
      // (current_setting, chr, …): put the session's path back, now in the new database.
      try {
        PgCatalog.refreshSession(connection, settings);
      } catch (SQLException e) {
        throw failed(e, sql);
      }
    }
    return result;
  }

  /**
   * The statement as it must run given what its names are in the database: ALTER TABLE … RENAME
   * of a view as ALTER VIEW ({@link ViewRename}), a sequence read as a relation
   * ({@link SequenceRead}); null when neither applies.
   */
  private String catalogDependentOrNull(String sql) {
    try {
      String alterView = ViewRename.asAlterView(connection, sql);
      return alterView != null ? alterView : SequenceRead.asCatalogRead(connection, sql);
    } catch (SQLException e) {
      throw failed(e, sql);
    }
  }

  private String sequenceReadOrNull(String sql) {
    try {
      return SequenceRead.asCatalogRead(connection, sql);
    } catch (SQLException e) {
      throw failed(e, sql);
    }
  }

  /** DECLARE, FETCH, MOVE and CLOSE over this session's materialised cursors. */
  private QueryResult cursor(CursorCommand command, Object[] parameters, String sql) {
    transactions.workDone();
    try {
      switch (command.verb()) {
        case DECLARE:
          cursors.declare(command, parameters,
              transactions.status() == TransactionStatus.IN_TRANSACTION);
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

  private QueryResult run(String sql, StatementKind kind) {
    if (OwnedSequences.involved(kind, sql)) {
      return transactions.isIdle()
          ? SerializationRetry.autocommit(() -> withOwnedSequences(sql, kind))
          : withOwnedSequences(sql, kind);
    }
    // An autocommit statement whose commit failed with 40001 (a DuckLake write conflict) applied
    // nothing: it runs again (SerializationRetry).
    return transactions.isIdle()
        ? SerializationRetry.autocommit(() -> runOnce(sql, kind)) : runOnce(sql, kind);
  }

  /**
   * Serial columns (see OwnedSequences): a table and the sequences of its serial columns
   * are created, or dropped, together: in one transaction, the client's or an implicit one.
   */
  private QueryResult withOwnedSequences(String sql, StatementKind kind) {
    boolean implicit = transactions.isIdle();
    if (implicit) {
      beginImplicitTransaction();
    }
    boolean done = false;
    try {
      QueryResult result = runOnce(sql, kind);
      if (OwnedSequences.drops(kind)) {
        try {
          OwnedSequences.dropUnused(connection);
        } catch (SQLException e) {
          throw failed(e, sql);
        }
      }
      done = true;
      return result;
    } finally {
      if (implicit) {
        endImplicitTransaction(done);
      }
    }
  }

  private QueryResult runOnce(String sql, StatementKind kind) {
    Statement statement = null;
    try {
      String duckdbSql = Translator.translate(sql);
      if (kind.isInsert() || kind.isUpdate()) {
        StatementConstants.check(connection, sql);
      }
      statement = connection.createStatement();
      begin(statement);
      boolean hasRows = statement.execute(duckdbSql);
      if (hasRows) {
        ResultSet rows = statement.getResultSet();
        return QueryResult.rows(statement, rows, ColumnMapper.describe(rows.getMetaData(), sql),
            kind::tag).onClose(this::end);
      }
      long updated = kind.command() == StatementKind.Command.CREATE_TABLE_AS
          ? CreateTableAs.rowCount(connection, sql) : statement.getLargeUpdateCount();
      statement.close();
      end();
      String dropOnCommit = TemporaryTablesOnCommit.droppedOnCommit(sql);
      if (dropOnCommit != null) {
        transactions.dropAtCommit(dropOnCommit);
      }
      return QueryResult.updated(kind::tag, Math.max(updated, 0));
    } catch (SQLException | RuntimeException e) {
      closeQuietly(statement);
      throw failed(e, sql);
    }
  }

  /** A statement starts: cancel and statement_timeout can reach it (see StatementWatch). */
  private void begin(Statement statement) {
    watch.begin(statement);
    transactions.workDone();
  }

  private void end() {
    watch.end();
  }

  /**
   * Opens the implicit transaction that wraps a multi-statement simple query (or an extended
   * protocol batch) sent outside a transaction block: PostgreSQL runs it as one transaction.
   */
  public void beginImplicitTransaction() {
    transactions.beginImplicit();
  }

  /** Commits the implicit transaction, or rolls it back when a statement failed. */
  public void endImplicitTransaction(boolean commit) {
    transactions.endImplicit(commit);
  }

  /**
   * Parse: prepares {@code sql} once in DuckDB. {@code declaredTypes} are the OIDs the client gave
   * (0 = let the server infer); inferred types come from DuckDB.
   */
  public PreparedQuery prepare(String sql, int[] declaredTypes) {
    StatementAccess.check(sql, database.superuser(), database.confined());
    StatementKind kind = StatementKind.of(sql);
    StatementRoute route = kind.route();
    Savepoints.Command savepoint = route == StatementRoute.SAVEPOINT
        ? Savepoints.Command.parse(sql) : null;
    if (transactions.status() == TransactionStatus.FAILED
        && !(kind.isCommit() || kind.isRollback())
        && (savepoint == null || savepoint.verb() != Savepoints.Command.Verb.ROLLBACK_TO)) {
      throw Transactions.inFailedTransactionError();
    }
    // Statements the session answers when they run (see execute) are not prepared in DuckDB.
    boolean session = switch (route) {
      case TRANSACTION, DEALLOCATE_ALL, DISCARD, LOCK -> true;
      case SAVEPOINT -> savepoint != null;
      case COPY -> CopyCommand.parse(sql) != null;
      // PREPARE and DEALLOCATE run through execute, which counts the session's statements.
      default -> kind.tagName().equals("PREPARE") || kind.tagName().equals("DEALLOCATE");
    };
    // ON COMMIT DROP tables, like serial columns and view renames, need the session when they run.
    if (session || sql.isBlank() || OwnedSequences.involved(kind, sql)
        || ViewRename.renamesRelation(sql) || TemporaryTablesOnCommit.droppedOnCommit(sql) != null) {
      return new PreparedQuery(sql, kind, null, declaredTypes.clone(), null, true);
    }
    SettingCommand setting = route == StatementRoute.SETTING ? SettingCommand.parse(sql) : null;
    if (setting != null && ParameterCommands.handledBySession(setting)) {
      // Parameters the session keeps never reach DuckDB; SHOW's column comes when it runs.
      return new PreparedQuery(sql, kind, null, declaredTypes.clone(),
          ParameterCommands.showColumns(setting),
          true);
    }
    SetConfigCall setConfig = route == StatementRoute.QUERY
        ? SetConfigCall.parse(sql) : null;
    if (setConfig != null) {
      // Applied when it runs (see setConfig); its text columns are described here.
      StringBuilder columns = new StringBuilder();
      for (String column : setConfig.columns()) {
        columns.append(columns.length() == 0 ? "" : ", ").append("NULL::VARCHAR AS ")
            .append(SettingCommands.identifier(column));
      }
      try (Statement describe = connection.createStatement();
          ResultSet rows = describe.executeQuery("SELECT " + columns + " LIMIT 0")) {
        return new PreparedQuery(sql, kind, null, setConfig.parameterTypes(declaredTypes),
            ColumnMapper.describe(rows.getMetaData()), true);
      } catch (SQLException e) {
        throw failed(e, sql);
      }
    }
    if (route == StatementRoute.CURSOR) {
      // FETCH's columns are those of the cursor's query: known once it runs (Describe runs it).
      boolean fetch = kind.command() == StatementKind.Command.FETCH;
      return new PreparedQuery(sql, kind, null, declaredTypes.clone(),
          fetch ? List.of() : null, !fetch);
    }
    if (route == StatementRoute.QUERY) {
      // A sequence read as a relation is prepared as its duckdb_sequences() form.
      String sequenceRead = sequenceReadOrNull(sql);
      sql = sequenceRead != null ? sequenceRead : sql;
    }
    DuckDBPreparedStatement statement = null;
    try {
      statement = (DuckDBPreparedStatement) connection.prepareStatement(Translator.translate(sql));
      java.sql.ParameterMetaData parameterMetaData = statement.getParameterMetaData();
      int[] types = ColumnMapper.parameterTypes(parameterMetaData, declaredTypes);
      boolean[] bareNumeric = new boolean[parameterMetaData.getParameterCount()];
      for (int i = 0; i < bareNumeric.length; i++) {
        bareNumeric[i] = BareNumeric.isStoredForm(parameterMetaData.getParameterTypeName(i + 1));
      }
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
      return new PreparedQuery(sql, kind, statement, types, columns, resolved)
          .checkingBareNumeric(bareNumeric);
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
    String probe = ParameterProbe.withNullParameters(sql, Translator.translate(sql));
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
    if (transactions.status() == TransactionStatus.FAILED) {
      throw Transactions.inFailedTransactionError();
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
      boolean[] bareNumeric = query.bareNumericParameters();
      for (int i = 0; i < parameters.length; i++) {
        if (i < bareNumeric.length && bareNumeric[i]) {
          BareNumeric.check(parameters[i]);
        }
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
    if (transactions.status() == TransactionStatus.FAILED) {
      throw Transactions.inFailedTransactionError();
    }
    transactions.workDone();
    String probe = "SELECT " + (command.columns().isEmpty() ? "*"
        : String.join(", ", command.columns())) + " FROM " + command.relation() + " LIMIT 0";
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(probe)) {
      java.sql.ResultSetMetaData metaData = rows.getMetaData();
      int count = metaData.getColumnCount();
      String[] names = new String[count];
      PgType<?>[] types = new PgType<?>[count];
      boolean[] bareNumeric = new boolean[count];
      for (int i = 0; i < count; i++) {
        names[i] = metaData.getColumnLabel(i + 1);
        types[i] = ColumnMapper.pgType(metaData.getColumnTypeName(i + 1));
        bareNumeric[i] = BareNumeric.isStoredForm(metaData.getColumnTypeName(i + 1));
      }
      return new CopyIn(connection, database.tempDirectory(), command, names, types, bareNumeric,
          transactions.isIdle());
    } catch (SQLException | RuntimeException e) {
      throw failed(e, "");
    }
  }

  /** Runs CopyIn's load as a statement of this session: errors fail an open transaction. */
  public long finishCopyIn(CopyIn copy) {
    try {
      watch.end();
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

  /**
   * Classifies an error raised while running or streaming a statement of this session and moves
   * an open transaction to FAILED. The caller sends the returned error to the client.
   */
  public PgException failed(Throwable error, String sql) {
    PgException classified = error instanceof PgException
        ? (PgException) error
        : ErrorClassifier.classify(error, sql);
    classified = watch.explain(classified);
    end();
    transactions.statementFailed();
    return classified;
  }

  /**
   * Whether the rows of the statements started from now on stream from DuckDB (the database's
   * default) or are materialised before the first row. DuckDB keeps one open streaming result
   * per connection and closes it when the connection runs anything else, so a portal the client
   * may suspend and leave open across other statements must not stream.
   */
  public void streamResults(boolean stream) {
    if (stream == streamingResults) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET jdbc_stream_results = " + stream);
      streamingResults = stream;
    } catch (SQLException e) {
      // DuckDB refuses statements in an aborted transaction; the mode stays as it was (only how
      // rows are held changes), and the client's own statement gets the transaction's error.
    }
  }

  /** The session went idle: a cancel that found nothing to interrupt expires. */
  public void clearPendingCancel() {
    watch.clearPendingCancel();
  }

  /** Interrupts the running statement, if any; harmless when idle. Callable from any thread. */
  public void cancel() {
    watch.cancel();
  }

  /**
   * Interrupts the running statement of a session that is being terminated: the statement fails
   * with {@code reason} instead of 57014. Callable from any thread.
   */
  public void cancelForTermination(PgException reason) {
    watch.terminate(reason);
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
    if (!transactions.isIdle()) {
      transactions.rollbackQuietly();
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing during shutdown: the database itself is closed next.
    }
  }
}
