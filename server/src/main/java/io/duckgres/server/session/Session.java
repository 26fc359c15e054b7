package io.duckgres.server.session;

import io.duckgres.engine.Database;
import io.duckgres.engine.DatabaseManager;
import io.duckgres.engine.EngineSession;
import io.duckgres.engine.settings.SessionSettings;
import io.duckgres.pgwire.BackendMessages;
import io.duckgres.pgwire.FrontendMessage;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.server.operations.Operations;
import io.duckgres.server.operations.StatementObserver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authenticated session: everything after AuthenticationOk. Messages arrive on the I/O thread
 * and are queued as tasks that run one by one, so replies leave in request order: on the
 * connection's own {@link ConnectionLoop} (a thread that serves this connection alone, so DuckDB
 * running there holds up no other client, and a statement costs no thread hand-off), or, for a
 * channel on a shared event loop, on a {@link SerialExecutor} over the session pool (DuckDB never
 * runs on a shared I/O thread).
 */
public final class Session {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final Channel channel;
  private final SessionIdentity identity;
  private final Executor executor;
  private final ClientWriter writer;
  private final AtomicInteger queued = new AtomicInteger();
  /**
   * Reading from the client is paused while this many messages wait for the session: a client
   * that sends faster than the session handles (a COPY FROM STDIN at full speed, a flood of
   * pipelined queries) then waits in TCP instead of filling the heap.
   */
  static final int PAUSE_READING_AT = 64;
  /** ...and resumed once the session has caught up to this many. */
  static final int RESUME_READING_AT = 16;
  private final AtomicBoolean readingPaused = new AtomicBoolean();
  private volatile EngineSession engine;
  private CompletableFuture<EngineSession> opening;
  private volatile boolean busy;
  private boolean closed;
  private SimpleQuery simpleQuery;
  private ExtendedQuery extendedQuery;
  private CopyProtocol copy;
  private final StatementObserver observer;
  private final ScheduledFuture<?> clientGoneCheck;

  public Session(Channel channel, SessionIdentity identity, Executor pool) {
    this.channel = channel;
    this.identity = identity;
    // On the connection's own loop, statements run on the thread that reads them; a channel on a
    // shared loop (an embedded test channel) hands them to the pool, one at a time.
    this.executor = channel.eventLoop() instanceof ConnectionLoop loop
        ? loop
        : new SerialExecutor(pool);
    // On its own loop a statement reads nothing while DuckDB runs: a client that leaves meanwhile
    // is found by looking at the socket from another thread.
    this.clientGoneCheck = executor instanceof ConnectionLoop
        ? ClientGoneCheck.start(channel, () -> busy, this::cancel)
        : null;
    this.writer = new ClientWriter(channel);
    this.observer = Operations.process().observer(identity, this::applicationName,
        this::inTransaction, this::cancel, this::terminateByAdministrator);
  }

  public SessionIdentity identity() {
    return identity;
  }

  /** Whether a transaction block is open (pg_stat_activity's "idle in transaction"). */
  private boolean inTransaction() {
    EngineSession current = engine;
    return current != null
        && current.transactionStatus() != io.duckgres.engine.TransactionStatus.IDLE;
  }

  /** The session's application_name now (a client may SET it after the startup). */
  private String applicationName() {
    EngineSession current = engine;
    String value = null;
    if (current != null) {
      try {
        value = current.settings().get("application_name");
      } catch (RuntimeException changingMeanwhile) {
        // Read from another thread while the session SETs it: the startup value will do.
      }
    }
    return value != null ? value : identity.applicationName();
  }

  /** Opens the user's database and completes the startup with ParameterStatus and ReadyForQuery. */
  public void open(DatabaseManager databases) {
    open(openEngine(databases, identity, executor));
  }

  /** As {@link #open(DatabaseManager)}, on the named database instead of the user's own. */
  public void open(DatabaseManager databases, String databaseName) {
    open(openEngine(databases, databaseName, identity, executor, Map.of()));
  }

  /**
   * Starts opening the DuckDB side of a session on {@code pool}: the user's database and a
   * connection to it with the session's settings applied (a dozen DuckDB statements, a few
   * milliseconds). The startup protocol calls this as soon as a known user's startup message
   * arrives, so the work overlaps the authentication round trips and the client's own SCRAM
   * computation instead of following them, as PostgreSQL starts its backend before it
   * authenticates. The future fails with the {@link PgException} the client is to receive.
   */
  public static CompletableFuture<EngineSession> openEngine(DatabaseManager databases,
      SessionIdentity identity, Executor pool) {
    return openEngine(databases, identity.user(), identity, pool, Map.of());
  }

  /**
   * As {@link #openEngine(DatabaseManager, SessionIdentity, Executor)} on the named database (a
   * worker bound to one tenant opens the tenant's database for every user, so all its sessions
   * share one DuckDB instance and its caches), with the values of fixed run-time parameters the
   * server decides (max_connections, is_superuser).
   */
  public static CompletableFuture<EngineSession> openEngine(DatabaseManager databases,
      String databaseName, SessionIdentity identity, Executor pool,
      Map<String, String> serverValues) {
    return openEngine(databases, databaseName, false, identity, pool, serverValues);
  }

  /**
   * As above for a superuser's session when {@code superuser}: on a database shared with
   * ordinary users (a tenant's) it runs on the superusers' instance of that database.
   */
  public static CompletableFuture<EngineSession> openEngine(DatabaseManager databases,
      String databaseName, boolean superuser, SessionIdentity identity, Executor pool,
      Map<String, String> serverValues) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        Database database = databases.database(databaseName, superuser);
        return new EngineSession(database,
            new SessionSettings(identity.user(), identity.startupParameters(), serverValues),
            identity.processId());
      } catch (SQLException e) {
        throw PgException.fatal(SqlState.CONNECTION_FAILURE,
            "could not open a connection to the database: " + e.getMessage());
      }
    }, pool);
  }

  /**
   * Completes the startup once {@code opening} (from {@link #openEngine}) is done: ParameterStatus,
   * BackendKeyData and ReadyForQuery, or the FATAL error that opening failed with.
   */
  public void open(CompletableFuture<EngineSession> opening) {
    this.opening = opening;
    submit(() -> {
      try {
        engine = opening.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof PgException) {
          fail((PgException) cause);
          return;
        }
        throw e;
      }
      copy = new CopyProtocol(engine, writer);
      extendedQuery = new ExtendedQuery(engine, writer, copy);
      simpleQuery = new SimpleQuery(engine, writer, copy, extendedQuery, this::readyForQuery);
      simpleQuery.observer = observer;
      extendedQuery.observer = observer;
      ByteBuf out = writer.buffer();
      engine.settings().reported()
          .forEach((name, value) -> BackendMessages.parameterStatus(out, name, value));
      BackendMessages.backendKeyData(out, identity.processId(), identity.secretKey());
      readyForQuery();
    });
  }

  /** Called on the I/O thread for each message; the work happens on the session's executor. */
  public void receive(FrontendMessage message) {
    submit(() -> handle(message));
    pauseReadingIfBehind();
  }

  /**
   * Called on the I/O thread with every message of one read, in order. They are handed to the
   * session's executor as one task: a pipelined Bind/Describe/Execute/Sync then wakes a session
   * thread once instead of racing it message by message (each hand-off is a thread wake-up, the
   * largest cost of a tiny query on a busy machine).
   */
  public void receive(List<FrontendMessage> messages) {
    if (messages.size() == 1) {
      receive(messages.get(0));
      return;
    }
    queued.addAndGet(messages.size());
    enqueue(() -> {
      for (FrontendMessage message : messages) {
        queued.decrementAndGet();
        resumeReadingIfCaughtUp();
        if (closed) {
          continue;
        }
        run(() -> handle(message));
      }
    });
    pauseReadingIfBehind();
  }

  /** On the I/O thread, after queueing: stop reading while the session is far behind. */
  private void pauseReadingIfBehind() {
    if (queued.get() >= PAUSE_READING_AT && readingPaused.compareAndSet(false, true)) {
      channel.config().setAutoRead(false);
      // The session may have caught up between the check and the pause.
      resumeReadingIfCaughtUp();
    }
  }

  /** On any thread: reading resumes (on the channel's event loop) once the backlog is small. */
  private void resumeReadingIfCaughtUp() {
    if (queued.get() <= RESUME_READING_AT && readingPaused.compareAndSet(true, false)) {
      channel.eventLoop().execute(() -> {
        if (!closed) {
          channel.config().setAutoRead(true);
        }
      });
    }
  }

  /** Messages received but not yet handled; the I/O side pauses reading when this grows. */
  public int backlog() {
    return queued.get();
  }

  public boolean isBusy() {
    return busy;
  }

  private void submit(Runnable task) {
    queued.incrementAndGet();
    enqueue(() -> {
      queued.decrementAndGet();
      resumeReadingIfCaughtUp();
      if (closed) {
        return;
      }
      run(task);
    });
  }

  private void enqueue(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // The connection's loop has ended, which it does only after the connection closed and the
      // session's last tasks ran: there is nobody left to answer.
      LOG.debug("session {} already ended", identity.processId());
    }
  }

  /** Runs one task of this session on its executor's thread, turning failures into replies. */
  private void run(Runnable task) {
    busy = true;
    try {
      // Output leaves at ReadyForQuery, Flush, CopyInResponse, or when a batch fills up: a
      // pipelined Bind/Execute/Sync costs one write, not three.
      task.run();
    } catch (ClientWriter.ClientGoneException e) {
      close();
    } catch (PgException e) {
      fail(e);
    } catch (RuntimeException e) {
      LOG.error("session {} failed", identity.processId(), e);
      fail(new PgException(PgException.Severity.FATAL, SqlState.INTERNAL_ERROR,
          "internal error: " + e, null, null, 0, e));
    } finally {
      busy = false;
    }
  }

  private void handle(FrontendMessage message) {
    if (copy.inProgress()) {
      copy.handle(message);
    } else if (message instanceof FrontendMessage.Query) {
      extendedQuery.reset();
      if (simpleQuery.run(((FrontendMessage.Query) message).sql())) {
        readyForQuery();
      }
    } else if (message instanceof FrontendMessage.Undecodable bad && bad.type() == 'Q') {
      // A simple query whose text is not valid UTF-8 fails like a statement would (22021).
      extendedQuery.reset();
      BackendMessages.errorResponse(writer.buffer(), bad.error());
      readyForQuery();
    } else if (message instanceof FrontendMessage.Undecodable bad && bad.type() == 'S') {
      // A malformed Sync still ends the batch: the error, then ReadyForQuery.
      BackendMessages.errorResponse(writer.buffer(), bad.error());
      extendedQuery.handle(new FrontendMessage.Sync());
      readyForQuery();
    } else if (message instanceof FrontendMessage.Undecodable bad && bad.type() == 'X') {
      close();
    } else if (message instanceof FrontendMessage.Terminate) {
      close();
    } else if (message instanceof FrontendMessage.FunctionCall) {
      BackendMessages.errorResponse(writer.buffer(), new PgException(
          SqlState.FEATURE_NOT_SUPPORTED, "the fast-path function call protocol is not supported"));
      readyForQuery();
    } else if (message instanceof FrontendMessage.CopyData
        || message instanceof FrontendMessage.CopyDone
        || message instanceof FrontendMessage.CopyFail) {
      // PostgreSQL ignores COPY messages that arrive when no COPY is in progress (after a COPY
      // failed, the client may still be sending its data).
    } else if (message instanceof FrontendMessage.AuthenticationResponse) {
      throw PgException.fatal(SqlState.PROTOCOL_VIOLATION,
          "unexpected password message after authentication");
    } else if (extendedQuery.handle(message)) {
      readyForQuery();
    }
  }

  private void readyForQuery() {
    if (queued.get() == 0) {
      engine.clearPendingCancel();
    }
    BackendMessages.readyForQuery(writer.buffer(), engine.transactionStatus().indicator());
    writer.send();
  }

  /** Sends a FATAL error and closes the connection, after whatever is running now. */
  public void terminate(PgException reason) {
    submit(() -> fail(reason));
  }

  /**
   * pg_terminate_backend or the admin API: the running statement, if any, fails with FATAL 57P01
   * (as in PostgreSQL, not with 57014), then the session ends with it.
   */
  private void terminateByAdministrator() {
    PgException reason = PgException.fatal(SqlState.ADMIN_SHUTDOWN,
        "terminating connection due to administrator command");
    EngineSession current = engine;
    if (current != null && (busy || queued.get() > 0)) {
      CANCELLER.execute(() -> current.cancelForTermination(reason));
    }
    terminate(reason);
  }

  /**
   * Interrupts the running statement; the session stays open. Called on I/O threads (cancel
   * requests, disconnects), so the interrupt itself runs elsewhere: DuckDB's cancel can wait on a
   * lock the running statement holds, and an I/O thread must never wait.
   */
  public void cancel() {
    EngineSession current = engine;
    if (current != null && (busy || queued.get() > 0)) {
      CANCELLER.execute(current::cancel);
    }
  }

  private static final Executor CANCELLER = java.util.concurrent.Executors.newCachedThreadPool(
      runnable -> {
        Thread thread = new Thread(runnable, "duckgres-cancel");
        thread.setDaemon(true);
        return thread;
      });

  private void fail(PgException error) {
    if (closed) {
      return;
    }
    if (error.isFatal()) {
      LOG.info("session {} of user {} ended: {}", identity.processId(), identity.user(),
          error.getMessage());
      BackendMessages.errorResponse(writer.buffer(), error);
      ByteBuf pending = writer.buffer();
      writer.discardWithoutRelease();
      channel.writeAndFlush(pending).addListener(ChannelFutureListener.CLOSE);
      close();
    } else {
      BackendMessages.errorResponse(writer.buffer(), error);
      readyForQuery();
    }
  }

  /** Releases the DuckDB connection (rolling back an open transaction); runs once. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (clientGoneCheck != null) {
      clientGoneCheck.cancel(false);
    }
    observer.ended();
    writer.discard();
    if (copy != null) {
      copy.abandon();
    }
    if (extendedQuery != null) {
      extendedQuery.closeAll();
    }
    EngineSession current = engine;
    if (current != null) {
      current.close();
    } else if (opening != null) {
      // Closed before the open completed: release the connection whenever it arrives.
      opening.thenAccept(EngineSession::close);
    }
    if (channel.isActive()) {
      channel.close();
    }
  }

  /** Called on the I/O thread when the connection is gone. */
  public void disconnected() {
    writer.wakeUp();
    cancel();
    enqueue(this::close);
  }

  /** Called on the I/O thread when the channel's writability changes. */
  public void writabilityChanged() {
    writer.wakeUp();
  }
}
