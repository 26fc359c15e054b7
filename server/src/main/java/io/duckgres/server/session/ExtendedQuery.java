package io.duckgres.server.session;

import io.duckgres.engine.EngineSession;
import io.duckgres.engine.Portal;
import io.duckgres.engine.PreparedQuery;
import io.duckgres.engine.QueryResult;
import io.duckgres.engine.TransactionStatus;
import io.duckgres.engine.copy.CopyCommand;
import io.duckgres.engine.cursor.CursorCommand;
import io.duckgres.engine.result.ResultColumn;
import io.duckgres.engine.sql.StatementKind;
import io.duckgres.engine.sql.StatementSplitter;
import io.duckgres.pgwire.BackendMessages;
import io.duckgres.pgwire.FrontendMessage;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.server.operations.StatementObserver;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended query protocol (PostgreSQL docs, "Extended Query"): Parse, Bind, Describe,
 * Execute, Close, Sync and Flush, with named and unnamed statements and portals and any number of
 * messages in flight before Sync.
 *
 * <p>States: normal, or discarding after an error until the next Sync (the client learns of the
 * error once, then gets ReadyForQuery). Between two Syncs, statements outside an explicit
 * transaction block run in one implicit transaction, as in PostgreSQL, so a failed batch leaves
 * nothing behind. Plain SELECTs don't open it: they have nothing to roll back.
 */
final class ExtendedQuery {
  /**
   * Named portals one session may hold. Each holds DuckDB state (native memory), so without a cap
   * a client that never sends Close can grow the server without bound; named prepared statements
   * have their cap in the engine session, shared with SQL PREPARE.
   */
  static final int MAX_PORTALS = 1_000;

  private final EngineSession engine;
  private final ClientWriter writer;
  private final CopyProtocol copy;
  /** Told about every statement when it ends (metrics, query log). */
  StatementObserver observer;
  /** Rows the last Execute sent. */
  private long rowsSent;
  private final ParameterDecoder parameters = new ParameterDecoder();
  private final Map<String, PreparedQuery> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private boolean discardUntilSync;
  private boolean implicitTransaction;

  ExtendedQuery(EngineSession engine, ClientWriter writer, CopyProtocol copy) {
    this.engine = engine;
    this.writer = writer;
    this.copy = copy;
    // Named statements count toward the cap SQL PREPARE shares (the unnamed one is replaced).
    engine.countProtocolStatements(
        () -> statements.size() - (statements.containsKey("") ? 1 : 0));
  }

  /** Handles one extended-protocol message; returns true when ReadyForQuery is due (Sync). */
  boolean handle(FrontendMessage message) {
    if (message instanceof FrontendMessage.Sync) {
      sync();
      return true;
    }
    if (message instanceof FrontendMessage.Flush) {
      writer.send();
      return false;
    }
    if (discardUntilSync) {
      return false;
    }
    long started = StatementObserver.now();
    try {
      if (message instanceof FrontendMessage.Parse) {
        parse((FrontendMessage.Parse) message);
      } else if (message instanceof FrontendMessage.Bind) {
        bind((FrontendMessage.Bind) message);
      } else if (message instanceof FrontendMessage.Describe) {
        describe((FrontendMessage.Describe) message);
      } else if (message instanceof FrontendMessage.Execute) {
        execute((FrontendMessage.Execute) message);
      } else if (message instanceof FrontendMessage.Close) {
        close((FrontendMessage.Close) message);
      } else if (message instanceof FrontendMessage.Undecodable) {
        throw ((FrontendMessage.Undecodable) message).error();
      } else {
        throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "unexpected message " + message);
      }
    } catch (ClientWriter.ClientGoneException e) {
      throw e;
    } catch (PgException e) {
      if (e.isFatal()) {
        throw e;
      }
      reportFailure(message, started, e);
      error(e);
    } catch (SQLException | RuntimeException e) {
      PgException failure = engine.failed(e, "");
      reportFailure(message, started, failure);
      error(failure);
    }
    return false;
  }

  /**
   * A statement that fails before its Execute (at Parse, Bind or Describe) is reported here; one
   * that fails while executing was reported by {@link #execute}.
   */
  private void reportFailure(FrontendMessage message, long started, PgException failure) {
    String sql = null;
    if (message instanceof FrontendMessage.Parse parse) {
      sql = parse.sql();
    } else if (message instanceof FrontendMessage.Bind bind) {
      PreparedQuery query = statements.get(bind.statement());
      sql = query == null ? null : query.sql();
    } else if (message instanceof FrontendMessage.Describe describe) {
      PreparedQuery query = describe.kind() == 'S' ? statements.get(describe.name())
          : portals.containsKey(describe.name()) ? portals.get(describe.name()).query() : null;
      sql = query == null ? null : query.sql();
    }
    if (sql != null) {
      observer.failed(StatementObserver.Protocol.EXTENDED, sql, started,
          failure.sqlState().code());
    }
  }

  private void error(PgException e) {
    BackendMessages.errorResponse(writer.buffer(), e);
    discardUntilSync = true;
  }

  private void parse(FrontendMessage.Parse parse) {
    if (StatementSplitter.split(parse.sql()).size() > 1) {
      throw new PgException(SqlState.SYNTAX_ERROR,
          "cannot insert multiple commands into a prepared statement");
    }
    String name = parse.name();
    if (!name.isEmpty() && statements.containsKey(name)) {
      throw new PgException(SqlState.DUPLICATE_PREPARED_STATEMENT,
          "prepared statement \"" + name + "\" already exists");
    }
    if (!name.isEmpty()) {
      engine.admitProtocolStatement();
    }
    PreparedQuery prepared;
    try {
      prepared = engine.prepare(parse.sql(), parse.parameterTypes());
    } catch (PgException e) {
      throw ParameterGaps.explain(e, parse.sql());
    }
    closeStatement(statements.put(name, prepared));
    BackendMessages.parseComplete(writer.buffer());
  }

  private void bind(FrontendMessage.Bind bind) {
    PreparedQuery query = statements.get(bind.statement());
    if (query == null) {
      throw new PgException(SqlState.INVALID_SQL_STATEMENT_NAME,
          "prepared statement \"" + bind.statement() + "\" does not exist");
    }
    String name = bind.portal();
    if (!name.isEmpty() && portals.containsKey(name)) {
      throw new PgException(SqlState.DUPLICATE_CURSOR,
          "portal \"" + name + "\" already exists");
    }
    if (!name.isEmpty() && portals.size() >= MAX_PORTALS) {
      throw new PgException(PgException.Severity.ERROR, SqlState.PROGRAM_LIMIT_EXCEEDED,
          "too many open portals in this session (limit " + MAX_PORTALS + ")", null,
          "Close portals that are no longer needed, or end the transaction.", 0, null);
    }
    Object[] values = parameters.decode(query, bind.parameterFormats(), bind.parameters(),
        engine.formatOptions());
    Portal portal = engine.bind(query, values, bind.resultFormats());
    Portal previous = portals.put(name, portal);
    if (previous != null) {
      previous.close();
    }
    BackendMessages.bindComplete(writer.buffer());
  }

  private void describe(FrontendMessage.Describe describe) throws SQLException {
    if (describe.kind() == 'S') {
      PreparedQuery query = statements.get(describe.name());
      if (query == null) {
        throw new PgException(SqlState.INVALID_SQL_STATEMENT_NAME,
            "prepared statement \"" + describe.name() + "\" does not exist");
      }
      BackendMessages.parameterDescription(writer.buffer(), query.parameterTypes());
      if (query.returnsRows()) {
        ResultStreamer.writeRowDescription(writer.buffer(), query.columns(), null);
      } else {
        BackendMessages.noData(writer.buffer());
      }
      return;
    }
    Portal portal = portals.get(describe.name());
    if (portal == null) {
      // Portals and SQL cursors share one namespace: psycopg describes its DECLAREd cursor.
      List<ResultColumn> cursor = engine.cursorColumns(describe.name());
      if (cursor == null) {
        portal(describe.name());
      }
      ResultStreamer.writeRowDescription(writer.buffer(), cursor, null);
      return;
    }
    PreparedQuery query = portal.query();
    if (!query.returnsRows()) {
      BackendMessages.noData(writer.buffer());
      return;
    }
    if (!query.columnsResolved() && portal.result() == null) {
      // DuckDB types some result columns only once parameters are bound: run the portal now so
      // the RowDescription names the real types; Execute then continues the open result.
      begin(portal);
      engine.streamResults(false);
      engine.start(portal);
    }
    QueryResult result = portal.result();
    ResultStreamer.writeRowDescription(writer.buffer(),
        result != null && result.hasRows() ? result.columns() : query.columns(),
        portal.resultFormats());
  }

  /** Runs an Execute and reports the statement once its portal is done (or has failed). */
  private void execute(FrontendMessage.Execute execute) throws SQLException {
    Portal portal = portal(execute.portal());
    boolean doneBefore = portal.isDone();
    long started = observer.begin(portal.query().sql());
    rowsSent = 0;
    try {
      executePortal(execute);
    } catch (ClientWriter.ClientGoneException e) {
      throw e;
    } catch (PgException e) {
      observer.failed(StatementObserver.Protocol.EXTENDED, portal.query().sql(), started,
          e.sqlState().code());
      throw e;
    } catch (SQLException | RuntimeException e) {
      PgException error = engine.failed(e, "");
      observer.failed(StatementObserver.Protocol.EXTENDED, portal.query().sql(), started,
          error.sqlState().code());
      throw error;
    }
    if (!doneBefore && portal.isDone() && portal.result() != null) {
      observer.succeeded(StatementObserver.Protocol.EXTENDED, portal.query().sql(), started,
          portal.result().commandTag(rowsSent), rowsSent);
    }
  }

  private void executePortal(FrontendMessage.Execute execute) throws SQLException {
    Portal portal = portal(execute.portal());
    PreparedQuery query = portal.query();
    if (query.isEmpty()) {
      BackendMessages.emptyQueryResponse(writer.buffer());
      return;
    }
    if (portal.isDone()) {
      BackendMessages.commandComplete(writer.buffer(), portal.result().commandTag(0));
      return;
    }
    if (query.kind().command() == StatementKind.Command.COPY && copy(query.sql())) {
      return;
    }
    if (portal.result() == null) {
      begin(portal);
      // Only an Execute that takes every row may stream: a suspended portal stays open
      // while the client runs other statements.
      engine.streamResults(execute.maxRows() <= 0);
      engine.start(portal);
    }
    QueryResult result = portal.result();
    ResultStreamer.writeNotices(writer.buffer(), result);
    long rowsThisExecute = 0;
    if (result.hasRows()) {
      boolean[] exhausted = new boolean[1];
      long sent = ResultStreamer.streamRows(
          result, writer, portal.resultFormats(), Math.max(execute.maxRows(), 0), exhausted,
          engine.formatOptions());
      rowsThisExecute = sent;
      rowsSent = sent;
      if (!exhausted[0]) {
        BackendMessages.portalSuspended(writer.buffer());
        return;
      }
    }
    // PostgreSQL counts the rows of this Execute only, not those sent before a suspension.
    ResultStreamer.writeCompletion(writer.buffer(), result, rowsThisExecute);
    portal.markDone();
  }

  /** COPY FROM STDIN / TO STDOUT through Execute; false for COPY to or from a file. */
  private boolean copy(String sql) throws SQLException {
    CopyCommand command = CopyCommand.parse(sql);
    if (command == null) {
      return false;
    }
    if (!command.from()) {
      BackendMessages.commandComplete(writer.buffer(), "COPY " + copy.copyOut(command));
      return true;
    }
    copy.startIn(command, new CopyProtocol.Completion() {
      @Override
      public void done(long rows) {
        BackendMessages.commandComplete(writer.buffer(), "COPY " + rows);
      }

      @Override
      public void failed(PgException error) {
        error(error);
      }
    });
    return true;
  }

  /**
   * FETCH or MOVE (sent as SQL) on a portal opened by Bind, as asyncpg's Cursor.forward() does:
   * portals and cursors share one namespace. Such a portal reads forward only. Returns false when
   * {@code sql} is not a FETCH or MOVE of a protocol portal.
   */
  boolean fetchFromPortal(String sql) throws SQLException {
    StatementKind.Command command = StatementKind.of(sql).command();
    if (command != StatementKind.Command.FETCH && command != StatementKind.Command.MOVE) {
      return false;
    }
    CursorCommand movement = CursorCommand.parse(sql);
    if (movement == null || movement.name() == null || engine.hasCursor(movement.name())) {
      return false;
    }
    Portal portal = portals.get(movement.name());
    if (portal == null || !portal.query().returnsRows()) {
      return false;
    }
    if (movement.direction() != CursorCommand.Direction.FORWARD) {
      throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
          "cursor can only scan forward");
    }
    boolean fetch = movement.verb() == CursorCommand.Verb.FETCH;
    long rows = 0;
    if (!portal.isDone()) {
      if (portal.result() == null) {
        begin(portal);
        engine.streamResults(false);
        engine.start(portal);
      }
      QueryResult result = portal.result();
      boolean[] exhausted = new boolean[1];
      if (fetch) {
        ResultStreamer.writeRowDescription(writer.buffer(), result.columns(),
            portal.resultFormats());
        rows = ResultStreamer.streamRows(result, writer, portal.resultFormats(),
            movement.count() == Long.MAX_VALUE ? 0 : movement.count(), exhausted,
            engine.formatOptions());
      } else {
        while (rows < movement.count() && result.next()) {
          rows++;
        }
      }
    }
    BackendMessages.commandComplete(writer.buffer(), (fetch ? "FETCH " : "MOVE ") + rows);
    return true;
  }

  /** Opens the implicit transaction before the first statement that could change something. */
  private void begin(Portal portal) {
    PreparedQuery query = portal.query();
    if (implicitTransaction || engine.transactionStatus() != TransactionStatus.IDLE
        || query.statement() == null
        || query.kind().command() == StatementKind.Command.SELECT) {
      return;
    }
    engine.beginImplicitTransaction();
    implicitTransaction = true;
  }

  private void close(FrontendMessage.Close close) {
    if (close.kind() == 'S') {
      closeStatement(statements.remove(close.name()));
    } else {
      Portal portal = portals.remove(close.name());
      if (portal != null) {
        portal.close();
      }
    }
    BackendMessages.closeComplete(writer.buffer());
  }

  private void sync() {
    discardUntilSync = false;
    if (implicitTransaction) {
      implicitTransaction = false;
      try {
        engine.endImplicitTransaction(true);
      } catch (PgException e) {
        BackendMessages.errorResponse(writer.buffer(), e);
      }
    }
    if (engine.transactionStatus() == TransactionStatus.IDLE) {
      // Portals live until the end of their transaction.
      portals.values().forEach(Portal::close);
      portals.clear();
    }
  }

  /** A simple Query ends any pending extended-protocol state, as it implies a Sync. */
  void reset() {
    discardUntilSync = false;
    Portal unnamed = portals.remove("");
    if (unnamed != null) {
      unnamed.close();
    }
  }

  private Portal portal(String name) {
    Portal portal = portals.get(name);
    if (portal == null) {
      throw new PgException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
    }
    return portal;
  }

  private static void closeStatement(PreparedQuery query) {
    if (query != null && query.statement() != null) {
      try {
        query.statement().close();
      } catch (SQLException ignored) {
        // Closing a prepared statement releases memory only; nothing the client must hear of.
      }
    }
  }

  /** Releases every statement and portal when the session ends. */
  void closeAll() {
    portals.values().forEach(Portal::close);
    portals.clear();
    statements.values().forEach(ExtendedQuery::closeStatement);
    statements.clear();
  }
}
