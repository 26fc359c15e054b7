package io.duckgres.server;

import io.duckgres.engine.DatabaseManager;
import io.duckgres.engine.EngineSettings;
import io.duckgres.pgwire.FrameDecoder;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.server.auth.AuthRateLimiter;
import io.duckgres.server.auth.UserDirectory;
import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.server.net.ClientOrigin;
import io.duckgres.server.net.ConnectionHandler;
import io.duckgres.server.net.ConnectionLoops;
import io.duckgres.server.net.ServerContext;
import io.duckgres.server.net.SessionRegistry;
import io.duckgres.server.operations.BytesSentCounter;
import io.duckgres.server.operations.Operations;
import io.duckgres.server.session.Session;
import io.duckgres.server.tls.TlsMaterial;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server: listener, TLS, authentication and sessions over DuckDB. Lifecycle:
 * {@link #start()} binds and returns; {@link #shutdown()} stops accepting, lets running statements
 * finish within the configured timeout, closes every DuckDB database and returns.
 *
 * <p>Worker mode (under a control plane): {@link #startWorker} starts the same machinery without
 * a listener; the control plane accepts TCP and hands each client socket over, which {@link
 * #adopt} puts into the very pipeline a standalone connection gets. {@link #drain} stops adopting,
 * {@link #cancel} cancels by backend PID and key, {@link #shutdown()} is unchanged.
 */
public final class DuckgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DuckgresServer.class);
  /** The channel stops being writable past this many queued bytes: the session thread waits. */
  private static final WriteBufferWaterMark WATER_MARK =
      new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

  private final ServerConfig config;
  private final AtomicBoolean shutdownStarted = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private EventLoopGroup bossGroup;
  private EventLoopGroup workerGroup;
  private Channel listener;
  private volatile ServerContext context;
  private int boundPort;

  public DuckgresServer(ServerConfig config) {
    this.config = config;
  }

  /** Binds the listener. Throws when the port cannot be bound or TLS material cannot be read. */
  public void start() throws Exception {
    context = newContext(config.dataDir(),
        new SessionRegistry(1000 + (int) (ProcessHandle.current().pid() % 1000) * 1000));
    boolean epoll = Epoll.isAvailable();
    bossGroup = new MultiThreadIoEventLoopGroup(1,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    // One loop per connection: a session runs its statements on its connection's own loop.
    workerGroup = new ConnectionLoops(
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            initConnection(channel, context);
          }
        });
    try {
      listener = bootstrap.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
    } catch (Exception e) {
      releaseResources();
      throw new IllegalStateException(
          "could not listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    boundPort = ((InetSocketAddress) listener.localAddress()).getPort();
    LOG.info("listening on {}:{} ({} transport)", config.host(), boundPort,
        epoll ? "epoll" : "nio");
  }

  private ServerContext newContext(Path databaseDirectory, SessionRegistry sessions)
      throws Exception {
    Files.createDirectories(config.dataDir());
    Files.createDirectories(databaseDirectory);
    Operations.process().watchDatabases(() -> context == null ? null : context.databases());
    // Asked of the live context: a tenant worker's users (and admins) replace the configured ones.
    Operations.process().superusers(
        user -> context != null && context.users().isSuperuser(user));
    DatabaseManager databases = new DatabaseManager(
        new EngineSettings(databaseDirectory, config.memoryLimit(), config.threads(),
            config.extensions(), config.extensionDirectory(), config.duckLake(),
            config.superusers()));
    return new ServerContext(config, databases,
        new UserDirectory(config.users()).withSuperusers(config.superusers()),
        new AuthRateLimiter(config.rateLimit()), TlsMaterial.serverContext(config), sessions,
        Executors.newCachedThreadPool(daemonThreads("duckgres-session-")));
  }

  /** The pipeline of one client connection, accepted here or adopted from the control plane. */
  private void initConnection(Channel channel, ServerContext context) {
    if (!config.idleTimeout().isZero()) {
      channel.pipeline().addLast("idle", new IdleStateHandler(
          config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
    }
    channel.pipeline().addLast(BytesSentCounter.INSTANCE);
    channel.pipeline().addLast(new FrameDecoder(config.maxMessageSize()));
    channel.pipeline().addLast(new ConnectionHandler(context));
  }

  // ---- Worker mode: used under a control plane; standalone never calls these. ----

  /** How far the control plane got with a connection before it handed the socket over. */
  public enum Prelude {
    /** The client sent SSLRequest and was answered 'S': its next bytes are a TLS ClientHello. */
    SSL_ACCEPTED,
    /** The client started without TLS; the bytes the control plane read are replayed. */
    PLAINTEXT_STARTUP,
    /**
     * The client was answered 'S' and sent its ClientHello, which the control plane read: the
     * replayed bytes go to the TLS handler first.
     */
    TLS_CLIENT_HELLO,
    /**
     * The control plane terminated the client's TLS and relays the session over this (loopback)
     * socket: the replayed bytes are the startup packet, and the connection counts as encrypted.
     */
    RELAYED_STARTUP
  }

  private volatile boolean draining;
  private final AtomicInteger adoptedConnections = new AtomicInteger();

  /**
   * Starts without a listener, for a worker process. Backend PIDs stay inside {@code
   * [firstProcessId, firstProcessId + processIdCount)} so the control plane can route a
   * CancelRequest by PID alone. DuckDB files live in {@code databaseDirectory}: a DuckDB file can
   * be open in one process only, so workers must not share one (see the control plane's notes).
   */
  public void startWorker(int firstProcessId, int processIdCount, Path databaseDirectory)
      throws Exception {
    if (!Epoll.isAvailable()) {
      throw new IllegalStateException("worker mode needs Netty's epoll transport (Linux): "
          + Epoll.unavailabilityCause());
    }
    context = newContext(databaseDirectory, new SessionRegistry(firstProcessId, processIdCount));
    workerDatabaseDirectory = databaseDirectory;
    workerGroup = new ConnectionLoops(EpollIoHandler.newFactory());
    LOG.info("worker ready: backend PIDs {}..{}, databases in {}", firstProcessId,
        firstProcessId + processIdCount - 1, databaseDirectory);
  }

  /**
   * Takes over a client socket the control plane accepted (a TCP socket fd received with
   * SCM_RIGHTS; this process owns it from now on) and runs it through the standalone pipeline.
   * With {@link Prelude#SSL_ACCEPTED} TLS starts at once, as if StartupProtocol had just answered
   * 'S'; with {@link Prelude#PLAINTEXT_STARTUP} {@code replay} is decoded before anything read
   * from the socket. Returns the number of connections held afterwards.
   *
   * @throws IllegalStateException when not started in worker mode, draining or shutting down; the
   *     fd is then left untouched for the caller to close
   */
  public int adopt(int fd, Prelude prelude, byte[] replay) {
    return adopt(fd, prelude, replay, null);
  }

  /**
   * As {@link #adopt(int, Prelude, byte[])}; {@code client} is the client's address for a
   * {@link Prelude#RELAYED_STARTUP} connection, whose socket peer is the control plane.
   */
  public int adopt(int fd, Prelude prelude, byte[] replay, InetSocketAddress client) {
    ServerContext context = this.context;
    if (context == null || workerGroup == null || bossGroup != null) {
      throw new IllegalStateException("not started in worker mode");
    }
    if (awaitingTenant) {
      throw new IllegalStateException("not bound to a tenant yet");
    }
    if (draining || shutdownStarted.get()) {
      throw new IllegalStateException("draining: not accepting connections");
    }
    EpollSocketChannel channel = new EpollSocketChannel(fd);
    channel.config().setTcpNoDelay(true);
    channel.config().setKeepAlive(true);
    channel.config().setWriteBufferWaterMark(WATER_MARK);
    // Nothing is read before the replayed bytes have gone through the pipeline.
    channel.config().setAutoRead(false);
    initConnection(channel, context);
    if (prelude == Prelude.SSL_ACCEPTED || prelude == Prelude.TLS_CLIENT_HELLO) {
      channel.pipeline().addFirst("tls", context.sslContext().newHandler(channel.alloc()));
    }
    if (prelude == Prelude.RELAYED_STARTUP) {
      ClientOrigin.relayed(channel, client);
    }
    int held = adoptedConnections.incrementAndGet();
    channel.closeFuture().addListener(closed -> adoptedConnections.decrementAndGet());
    workerGroup.register(channel).addListener(registered -> {
      if (!registered.isSuccess()) {
        LOG.warn("could not register an adopted connection: {}", registered.cause().toString());
        channel.unsafe().closeForcibly();
        return;
      }
      if (prelude != Prelude.SSL_ACCEPTED && replay.length > 0) {
        channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(replay));
        // As after a read from the socket: the TLS handler flushes its handshake answer here.
        channel.pipeline().fireChannelReadComplete();
      }
      channel.config().setAutoRead(true);
    });
    return held;
  }

  private volatile boolean awaitingTenant;
  private Path workerDatabaseDirectory;

  /**
   * Multi-tenant worker: no connection is adopted until {@link #bindTenant} has run. Call after
   * {@link #startWorker}.
   */
  public void awaitTenant() {
    awaitingTenant = true;
  }

  /**
   * Binds this worker to one tenant for the rest of its life: its databases attach {@code lake},
   * a session may ask for {@code database} only, and {@code users} are the only users. Nothing is
   * open yet (no connection was adopted before), so the databases are simply set up anew.
   */
  public synchronized void bindTenant(String database, DuckLakeConfig lake, UserDirectory users)
      throws Exception {
    ServerContext current = context;
    if (current == null || !awaitingTenant) {
      throw new IllegalStateException("not a worker waiting for its tenant");
    }
    Path directory = workerDatabaseDirectory;
    DatabaseManager databases = new DatabaseManager(new EngineSettings(directory,
        config.memoryLimit(), config.threads(), config.extensions(), config.extensionDirectory(),
        lake));
    current.databases().close();
    context = new ServerContext(config, databases, users, current.rateLimiter(),
        current.sslContext(), current.sessions(), current.sessionPool(), database,
        current.slots());
    // Open (and attach) the tenant's database now: a lake that cannot be attached fails the
    // binding, not the tenant's first session.
    databases.database(database);
    awaitingTenant = false;
  }

  /**
   * Replaces the users of a tenant worker. Sessions of a user no longer listed, or who became or
   * stopped being a superuser (an org's admin), end at once (FATAL 57P01): a session runs on the
   * database instance of what its user was at login. A changed password applies from the next
   * login. Returns how many ended.
   */
  public synchronized int replaceUsers(UserDirectory users) {
    ServerContext current = context;
    context = new ServerContext(current.config(), current.databases(), users,
        current.rateLimiter(), current.sslContext(), current.sessions(), current.sessionPool(),
        current.onlyDatabase(), current.slots());
    int ended = 0;
    for (Session session : current.sessions().all()) {
      String user = session.identity().user();
      boolean removed = users.scram(user).isEmpty();
      if (removed || users.isSuperuser(user) != current.users().isSuperuser(user)) {
        LOG.info("session {}: user {} {}; ending it", session.identity().processId(), user,
            removed ? "was removed" : users.isSuperuser(user) ? "became an admin"
                : "is no longer an admin");
        session.terminate(PgException.fatal(SqlState.ADMIN_SHUTDOWN,
            "terminating connection due to administrator command"));
        ended++;
      }
    }
    return ended;
  }

  /** Stops adopting connections; sessions already running go on until their clients leave. */
  public void drain() {
    draining = true;
  }

  public boolean isDraining() {
    return draining;
  }

  /** Adopted connections still open, authenticated or not. */
  public int connectionCount() {
    return adoptedConnections.get();
  }

  /**
   * A CancelRequest routed here by the control plane: cancels the running statement of the
   * session with this PID when the key matches (never the session). False when nothing matched.
   */
  public boolean cancel(int processId, int secretKey) {
    ServerContext context = this.context;
    Session target = context == null ? null : context.sessions().forCancel(processId, secretKey);
    if (target == null) {
      return false;
    }
    LOG.info("cancel request for session {} (routed by the control plane)", processId);
    target.cancel();
    return true;
  }

  // ---- end of worker mode ----

  /** The bound port (useful with port 0). */
  public int port() {
    return boundPort;
  }

  /** Blocks until the server has shut down. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /**
   * Graceful shutdown; idempotent. Stops accepting, asks every session to end after the statement
   * it is running (FATAL 57P01), waits up to the shutdown timeout, cancels what is still running,
   * then closes the databases so DuckDB checkpoints every committed row into its file.
   */
  public void shutdown() {
    if (!shutdownStarted.compareAndSet(false, true)) {
      awaitQuietly();
      return;
    }
    if (context == null) {
      terminated.countDown();
      return;
    }
    LOG.info("shutting down: {} active sessions", context.sessions().size());
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
    PgException reason = PgException.fatal(SqlState.ADMIN_SHUTDOWN,
        "terminating connection due to administrator command");
    for (Session session : context.sessions().all()) {
      session.terminate(reason);
    }
    long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
    waitForSessions(deadline);
    if (context.sessions().size() > 0) {
      LOG.warn("{} sessions still running after {}; cancelling their statements",
          context.sessions().size(), config.shutdownTimeout());
      context.sessions().all().forEach(Session::cancel);
      waitForSessions(System.nanoTime() + Duration.ofSeconds(5).toNanos());
    }
    releaseResources();
    LOG.info("shutdown complete");
    terminated.countDown();
  }

  private void waitForSessions(long deadlineNanos) {
    while (context.sessions().size() > 0 && System.nanoTime() < deadlineNanos) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void releaseResources() {
    if (workerGroup != null) {
      workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
    if (bossGroup != null) {
      bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
    if (context != null) {
      ExecutorService pool = context.sessionPool();
      pool.shutdown();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      context.databases().close();
    }
  }

  private void awaitQuietly() {
    try {
      terminated.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    shutdown();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
