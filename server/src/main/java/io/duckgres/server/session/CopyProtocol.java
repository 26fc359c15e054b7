package io.duckgres.server.session;

import io.duckgres.engine.EngineSession;
import io.duckgres.engine.QueryResult;
import io.duckgres.engine.copy.CopyCommand;
import io.duckgres.engine.copy.CopyIn;
import io.duckgres.engine.copy.CopyOutEncoder;
import io.duckgres.pgwire.BackendMessages;
import io.duckgres.pgwire.FrontendMessage;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;
import java.sql.SQLException;

/**
 * The COPY sub-protocols (PostgreSQL docs, "COPY Operations").
 *
 * <p>Copy-in: CopyInResponse, then the client's CopyData… until CopyDone (load, then
 * CommandComplete "COPY n") or CopyFail (error 57014). Flush and Sync are ignored meanwhile, as
 * PostgreSQL does; any other message aborts the copy. After an error the remaining CopyData,
 * CopyDone and CopyFail are dropped by the session, which has left copy mode.
 *
 * <p>Copy-out: CopyOutResponse, one CopyData per row, CopyDone, streamed with backpressure.
 */
final class CopyProtocol {
  /** What to do when a copy-in ends; set by whichever query protocol started it. */
  interface Completion {
    void done(long rows);

    void failed(PgException error);
  }

  private final EngineSession engine;
  private final ClientWriter writer;
  private CopyIn active;
  private Completion completion;

  CopyProtocol(EngineSession engine, ClientWriter writer) {
    this.engine = engine;
    this.writer = writer;
  }

  boolean inProgress() {
    return active != null;
  }

  /** Starts COPY FROM STDIN: sends CopyInResponse and waits for the client's data. */
  void startIn(CopyCommand command, Completion onEnd) {
    CopyIn copy = engine.beginCopyIn(command);
    active = copy;
    completion = onEnd;
    BackendMessages.copyResponse(writer.buffer(), 'G', copy.binary(), copy.columnCount());
    writer.send();
  }

  /** Handles a message that arrived while copy-in is in progress. */
  void handle(FrontendMessage message) {
    if (message instanceof FrontendMessage.CopyData) {
      try {
        active.write(((FrontendMessage.CopyData) message).data());
      } catch (RuntimeException e) {
        fail(engine.failed(e, ""));
      }
    } else if (message instanceof FrontendMessage.CopyDone) {
      CopyIn copy = active;
      Completion onEnd = detach();
      long rows;
      try {
        rows = engine.finishCopyIn(copy);
      } catch (PgException e) {
        onEnd.failed(e);
        return;
      }
      onEnd.done(rows);
    } else if (message instanceof FrontendMessage.CopyFail) {
      String reason = ((FrontendMessage.CopyFail) message).message();
      fail(engine.failed(new PgException(SqlState.QUERY_CANCELED,
          "COPY from stdin failed: " + reason), ""));
    } else if (!(message instanceof FrontendMessage.Flush)
        && !(message instanceof FrontendMessage.Sync)) {
      fail(engine.failed(new PgException(SqlState.PROTOCOL_VIOLATION,
          "unexpected message type during COPY from stdin: "
              + message.getClass().getSimpleName()), ""));
    }
  }

  private void fail(PgException error) {
    active.close();
    Completion onEnd = detach();
    onEnd.failed(error);
  }

  /** Leaves copy mode; the caller owns the CopyIn it held. */
  private Completion detach() {
    Completion onEnd = completion;
    active = null;
    completion = null;
    return onEnd;
  }

  /** COPY TO STDOUT, streamed now; returns the number of rows sent. */
  long copyOut(CopyCommand command) throws SQLException {
    try (QueryResult result = engine.beginCopyOut(command)) {
      CopyOutEncoder encoder =
          new CopyOutEncoder(command.options(), result.columns(), engine.formatOptions());
      BackendMessages.copyResponse(writer.buffer(), 'H', encoder.binary(), encoder.columnCount());
      // Message boundaries as PostgreSQL draws them, since clients such as psycopg parse COPY
      // one message at a time: the binary header shares the first row's CopyData; a CSV header
      // line is a message of its own; then one row per message.
      ByteBuf out = writer.buffer();
      int at = BackendMessages.begin(out, 'd');
      encoder.writeHeader(out);
      boolean open = true;
      if (!encoder.binary()) {
        if (out.writerIndex() - at == 4) {
          out.writerIndex(at - 1);
        } else {
          BackendMessages.end(out, at);
        }
        open = false;
      }
      long rows = 0;
      while (result.next()) {
        if (!open) {
          out = writer.buffer();
          at = BackendMessages.begin(out, 'd');
        }
        try {
          encoder.writeRow(result.row(), out);
        } catch (SQLException | RuntimeException e) {
          // Drop the half-written CopyData so the ErrorResponse follows whole messages only.
          out.writerIndex(at - 1);
          throw e;
        }
        BackendMessages.end(out, at);
        open = false;
        rows++;
        writer.maybeSend();
      }
      if (!open) {
        out = writer.buffer();
        at = BackendMessages.begin(out, 'd');
      }
      encoder.writeTrailer(out);
      if (out.writerIndex() - at == 4) {
        out.writerIndex(at - 1);
      } else {
        BackendMessages.end(out, at);
      }
      BackendMessages.copyDone(out);
      return rows;
    }
  }

  /** The session is ending: drop the spool file of an unfinished copy. */
  void abandon() {
    if (active != null) {
      active.close();
      active = null;
      completion = null;
    }
  }
}
