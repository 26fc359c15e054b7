package io.duckgres.server.session;

import io.duckgres.engine.EngineSession;
import io.duckgres.engine.QueryResult;
import io.duckgres.engine.TransactionStatus;
import io.duckgres.engine.copy.CopyCommand;
import io.duckgres.engine.sql.SqlStatement;
import io.duckgres.engine.sql.StatementKind;
import io.duckgres.engine.sql.StatementSplitter;
import io.duckgres.pgwire.BackendMessages;
import io.duckgres.pgwire.PgException;
import io.duckgres.server.operations.StatementObserver;
import io.duckgres.server.operations.StatementObserver.Protocol;
import java.sql.SQLException;
import java.util.List;

/**
 * The simple query protocol (PostgreSQL docs, "Simple Query"): one Query message may hold several
 * statements; each gets its RowDescription/DataRows or notices, then CommandComplete. The first
 * error ends the message. As in PostgreSQL, several statements sent outside a transaction block
 * run as one implicit transaction, so an error rolls back the ones before it.
 *
 * <p>A COPY FROM STDIN pauses the message: {@link #run} returns false, the session feeds the
 * client's data to {@link CopyProtocol}, and the remaining statements run once the copy ends.
 */
final class SimpleQuery {
  private static final short[] TEXT = new short[0];

  private final EngineSession engine;
  private final ClientWriter writer;
  private final CopyProtocol copy;
  private final ExtendedQuery portals;
  private final Runnable readyForQuery;
  private List<SqlStatement> statements = List.of();
  private int next;
  private boolean implicit;
  private boolean failed;
  /** Told about every statement when it ends (metrics, query log). */
  StatementObserver observer;

  SimpleQuery(EngineSession engine, ClientWriter writer, CopyProtocol copy,
      ExtendedQuery portals, Runnable readyForQuery) {
    this.engine = engine;
    this.writer = writer;
    this.copy = copy;
    this.portals = portals;
    this.readyForQuery = readyForQuery;
  }

  /** Runs a Query message; false when a COPY FROM STDIN now waits for the client's data. */
  boolean run(String sql) {
    // A simple query sends all its rows at once: they stream from DuckDB.
    engine.streamResults(true);
    statements = StatementSplitter.split(sql);
    next = 0;
    failed = false;
    if (statements.isEmpty()) {
      BackendMessages.emptyQueryResponse(writer.buffer());
      return true;
    }
    implicit = statements.size() > 1
        && engine.transactionStatus() == TransactionStatus.IDLE
        && statements.stream().map(s -> StatementKind.of(s.text())).noneMatch(
            kind -> kind.isTransactionStart() || kind.isCommit() || kind.isRollback());
    if (implicit) {
      engine.beginImplicitTransaction();
    }
    return proceed();
  }

  /** Runs statements from {@code next} on; false when paused for a COPY. */
  private boolean proceed() {
    while (!failed && next < statements.size()) {
      SqlStatement statement = statements.get(next++);
      if (!runStatement(statement)) {
        return false;
      }
    }
    if (implicit) {
      implicit = false;
      try {
        engine.endImplicitTransaction(!failed);
      } catch (PgException e) {
        BackendMessages.errorResponse(writer.buffer(), e);
      }
    }
    return true;
  }

  /** Runs one statement; false when it started a COPY FROM STDIN. */
  private boolean runStatement(SqlStatement statement) {
    long started = observer.begin(statement.text());
    try {
      CopyCommand copyCommand = StatementKind.of(statement.text()).command()
          == StatementKind.Command.COPY ? CopyCommand.parse(statement.text()) : null;
      if (copyCommand != null && copyCommand.from()) {
        copy.startIn(copyCommand, new CopyProtocol.Completion() {
          @Override
          public void done(long rows) {
            BackendMessages.commandComplete(writer.buffer(), "COPY " + rows);
            observer.copiedIn(rows);
            observer.succeeded(Protocol.SIMPLE, statement.text(), started, "COPY " + rows, 0);
            resume();
          }

          @Override
          public void failed(PgException error) {
            BackendMessages.errorResponse(writer.buffer(), error);
            observer.failed(Protocol.SIMPLE, statement.text(), started, error.sqlState().code());
            failed = true;
            resume();
          }
        });
        return false;
      }
      if (copyCommand != null) {
        long rows = copy.copyOut(copyCommand);
        BackendMessages.commandComplete(writer.buffer(), "COPY " + rows);
        observer.succeeded(Protocol.SIMPLE, statement.text(), started, "COPY " + rows, rows);
        return true;
      }
      if (portals.fetchFromPortal(statement.text())) {
        return true;
      }
      try (QueryResult result = engine.execute(statement.text())) {
        ResultStreamer.writeNotices(writer.buffer(), result);
        long rows = 0;
        if (result.hasRows()) {
          ResultStreamer.writeRowDescription(writer.buffer(), result.columns(), TEXT);
          rows = ResultStreamer.streamRows(result, writer, TEXT, 0, new boolean[1],
              engine.formatOptions());
        }
        ResultStreamer.writeCompletion(writer.buffer(), result, rows);
        observer.succeeded(Protocol.SIMPLE, statement.text(), started, result.commandTag(rows),
            rows);
      }
    } catch (ClientWriter.ClientGoneException e) {
      throw e;
    } catch (SQLException | RuntimeException e) {
      PgException error = engine.failed(e, statement.text());
      observer.failed(Protocol.SIMPLE, statement.text(), started, error.sqlState().code());
      BackendMessages.errorResponse(writer.buffer(), error.withPositionOffset(statement.offset()));
      failed = true;
    }
    return true;
  }

  /** After a copy-in ended: the rest of the message, then ReadyForQuery. */
  private void resume() {
    if (proceed()) {
      readyForQuery.run();
    }
  }
}
