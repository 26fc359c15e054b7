package io.duckgres.server.session;

import io.duckgres.engine.EngineSession;
import io.duckgres.engine.QueryResult;
import io.duckgres.engine.TransactionStatus;
import io.duckgres.engine.sql.SqlStatement;
import io.duckgres.engine.sql.StatementKind;
import io.duckgres.engine.sql.StatementSplitter;
import io.duckgres.pgwire.BackendMessages;
import io.duckgres.pgwire.PgException;
import java.sql.SQLException;
import java.util.List;

/**
 * The simple query protocol (PostgreSQL docs, "Simple Query"): one Query message may hold several
 * statements; each gets its RowDescription/DataRows or notices, then CommandComplete. The first
 * error ends the message. As in PostgreSQL, several statements sent outside a transaction block
 * run as one implicit transaction, so an error rolls back the ones before it.
 */
final class SimpleQuery {
  private static final short[] TEXT = new short[0];

  private final EngineSession engine;
  private final ClientWriter writer;

  SimpleQuery(EngineSession engine, ClientWriter writer) {
    this.engine = engine;
    this.writer = writer;
  }

  void run(String sql) {
    List<SqlStatement> statements = StatementSplitter.split(sql);
    if (statements.isEmpty()) {
      BackendMessages.emptyQueryResponse(writer.buffer());
      return;
    }
    boolean implicit = statements.size() > 1
        && engine.transactionStatus() == TransactionStatus.IDLE
        && statements.stream().map(s -> StatementKind.of(s.text())).noneMatch(
            kind -> kind.isTransactionStart() || kind.isCommit() || kind.isRollback());
    if (implicit) {
      engine.beginImplicitTransaction();
    }
    boolean failed = false;
    for (SqlStatement statement : statements) {
      if (!runStatement(statement)) {
        failed = true;
        break;
      }
    }
    if (implicit) {
      try {
        engine.endImplicitTransaction(!failed);
      } catch (PgException e) {
        BackendMessages.errorResponse(writer.buffer(), e);
      }
    }
  }

  /** Runs one statement; false when it failed (the error has been written). */
  private boolean runStatement(SqlStatement statement) {
    try (QueryResult result = engine.execute(statement.text())) {
      ResultStreamer.writeNotices(writer.buffer(), result);
      long rows = 0;
      if (result.hasRows()) {
        ResultStreamer.writeRowDescription(writer.buffer(), result.columns(), TEXT);
        rows = ResultStreamer.streamRows(result, writer, TEXT, 0, new boolean[1],
            engine.formatOptions());
      }
      ResultStreamer.writeCompletion(writer.buffer(), result, rows);
      return true;
    } catch (ClientWriter.ClientGoneException e) {
      throw e;
    } catch (SQLException | RuntimeException e) {
      PgException error = engine.failed(e, statement.text());
      BackendMessages.errorResponse(writer.buffer(), error.withPositionOffset(statement.offset()));
      return false;
    }
  }
}
