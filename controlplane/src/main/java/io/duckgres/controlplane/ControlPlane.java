package io.duckgres.controlplane;

import io.duckgres.controlplane.connection.ConnectionPrelude;
import io.duckgres.controlplane.connection.Handoff;
import io.duckgres.controlplane.connection.PreludeLimiter;
import io.duckgres.controlplane.connection.TenantRouting;
import io.duckgres.controlplane.handover.Handover;
import io.duckgres.controlplane.metrics.ControlPlaneMetrics;
import io.duckgres.controlplane.pool.WorkerPool;
import io.duckgres.controlplane.proto.HandoverState;
import io.duckgres.controlplane.tenant.TenantDirectory;
import io.duckgres.controlplane.tenant.TenantRouter;
import io.duckgres.controlplane.unix.Epoll;
import io.duckgres.server.ServerConfig;
import io.duckgres.server.tls.TlsMaterial;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane ({@code --mode control-plane}): owns the TCP listener and a pool of worker
 * processes, and hands every client connection to one of them (see {@link ConnectionPrelude}).
 *
 * <p>Start: with a handover socket where another control plane answers, take over its listener
 * and workers ({@link Handover}); otherwise start the workers, then bind. Either way: health
 * checks, then listen on the handover socket for a successor. SIGUSR2 runs a rolling update of the
 * workers; SIGTERM/SIGINT drain and stop the workers and end {@link #awaitTermination()}; after
 * handing over to a successor it ends too, leaving the workers running.
 */
public final class ControlPlane implements Handover.Predecessor {
  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
  private static final Duration HANDOFFS_IN_FLIGHT_TIMEOUT = Duration.ofSeconds(20);

  private final ServerConfig server;
  private final ControlPlaneConfig config;
  /** Null without tenants. */
  private final TenantDirectory directory;
  private TenantRouting tenantRouting;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final ControlPlaneMetrics metrics = new ControlPlaneMetrics();
  private final PreludeLimiter limiter = new PreludeLimiter(PreludeLimiter.MAX_PER_ADDRESS);
  private EventLoopGroup bossGroup;
  private EventLoopGroup ioGroup;
  private ThreadPoolExecutor handoffThreads;
  private WorkerPool pool;
  private Handoff handoff;
  private volatile Channel listener;
  private Handover.Listener handoverListener;
  private volatile boolean handedOver;

  public ControlPlane(ServerConfig server, ControlPlaneConfig config) {
    this(server, config, null);
  }

  /**
   * @param directory the tenants, required when {@code config} is multi-tenant: each worker then
   *     serves one org, and connections are routed to their org's workers
   */
  public ControlPlane(ServerConfig server, ControlPlaneConfig config, TenantDirectory directory) {
    if (config.multiTenant() && directory == null) {
      throw new IllegalArgumentException("multi-tenant mode needs a tenant directory");
    }
    this.server = server;
    this.config = config;
    this.directory = directory;
  }

  /** Takes over or starts workers, then accepts connections. Returns once serving. */
  public void start() throws Exception {
    Epoll.require();
    // Workers share the certificate; create it once here so they never race to generate it.
    SslContext tls = TlsMaterial.serverContext(server);
    if (config.metricsPort() > 0) {
      metrics.serve(config.metricsPort());
    }
    bossGroup = Epoll.group(1, "duckgres-accept");
    ioGroup = Epoll.group(2, "duckgres-cp-io");
    // Hand-offs block (choosing a worker may wait for one to start; gRPC): up to 32 at once, the
    // rest queue; a full queue closes the connection rather than let memory grow.
    handoffThreads = new ThreadPoolExecutor(32, 32, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(4096), Epoll.daemonThreads("duckgres-handoff"));
    handoffThreads.allowCoreThreadTimeOut(true);
    pool = new WorkerPool(config, server.shutdownTimeout(), ioGroup, metrics, directory);
    if (config.multiTenant()) {
      tenantRouting = TenantRouting.open(
          new TenantRouter(directory, config.tenants().hostSuffix()), tls, ioGroup);
      LOG.info("multi-tenant mode: each worker serves one org; TLS server names {}",
          config.tenants().hostSuffix() == null ? "are not used (routing by database name)"
              : "<org>." + config.tenants().hostSuffix() + " go straight to the org's worker");
    }
    handoff = new Handoff(pool, handoffThreads, metrics);

    boolean tookOver = config.handoverSocket() != null
        && Handover.takeOver(config.handoverSocket(), new Handover.Successor() {
          @Override
          public void adopt(HandoverState state) throws java.io.IOException {
            int adopted = pool.adopt(state);
            LOG.info("took over {} of {} workers", adopted, state.getWorkersCount());
          }

          @Override
          public void listen(int listenerFd) throws Exception {
            listener = bootstrap()
                .channelFactory(() -> new EpollServerSocketChannel(listenerFd))
                .register().sync().channel();
          }
        });
    if (tookOver) {
      LOG.info("accepting on the listening socket taken over ({})", listener.localAddress());
    } else {
      pool.startWorkers();
      listener = bootstrap().channel(EpollServerSocketChannel.class)
          .bind(new InetSocketAddress(server.host(), server.port())).sync().channel();
    }
    pool.startHealthChecks();
    if (config.handoverSocket() != null) {
      handoverListener = Handover.Listener.listen(ioGroup, config.handoverSocket(), this);
    }
    LOG.info("control plane listening on {} with {} workers", listener.localAddress(),
        pool.activeCount());
  }

  private ServerBootstrap bootstrap() {
    return new ServerBootstrap()
        .group(bossGroup, ioGroup)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<EpollSocketChannel>() {
          @Override
          protected void initChannel(EpollSocketChannel channel) {
            channel.pipeline().addLast(
                new ConnectionPrelude(handoff, server.allowPlaintext(), limiter, tenantRouting));
          }
        });
  }

  /** The port connections arrive on. */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** True when this control plane ended by handing over to a successor. */
  public boolean handedOver() {
    return handedOver;
  }

  /** SIGUSR2. Runs in the background; a second request during one is ignored. */
  public void rollingUpdate() {
    Thread update = new Thread(pool::rollingUpdate, "duckgres-rolling-update");
    update.setDaemon(true);
    update.start();
  }

  /**
   * SIGTERM: stops accepting (the listening socket closes), drains and stops every worker, then
   * releases everything. Idempotent.
   */
  public void shutdown() {
    if (!stopping.compareAndSet(false, true)) {
      awaitQuietly();
      return;
    }
    LOG.info("control plane shutting down");
    if (handoverListener != null) {
      handoverListener.close();
    }
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
    if (pool != null) {
      pool.shutdownAll();
    }
    release();
    LOG.info("control plane stopped");
    terminated.countDown();
  }

  private void release() {
    if (pool != null) {
      pool.close();
    }
    if (tenantRouting != null) {
      tenantRouting.close();
    }
    if (handoffThreads != null) {
      handoffThreads.shutdownNow();
    }
    if (bossGroup != null) {
      bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    if (ioGroup != null) {
      ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    metrics.close();
  }

  private void awaitQuietly() {
    try {
      terminated.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- Handover.Predecessor: this control plane hands over to a new one ----

  @Override
  public HandoverState prepare() throws Exception {
    if (stopping.get()) {
      throw new IllegalStateException("shutting down");
    }
    pool.freezeForHandover(Duration.ofSeconds(60));
    setAccepting(false);
    // Connections already read here go to workers first; new ones wait in the backlog.
    long deadline = System.nanoTime() + HANDOFFS_IN_FLIGHT_TIMEOUT.toNanos();
    while (handoff.inFlight() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return pool.handoverState();
  }

  @Override
  public int listenerFd() {
    return ((EpollServerSocketChannel) listener).fd().intValue();
  }

  @Override
  public void resume() {
    setAccepting(true);
    pool.resumeAfterFailedHandover();
  }

  @Override
  public void completed() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    handedOver = true;
    pool.detach();
    // Our copy of the listening socket; the successor holds its own, so the socket stays open.
    listener.close().syncUninterruptibly();
    awaitRelays();
    release();
    LOG.info("handed over; exiting");
    terminated.countDown();
  }

  /**
   * Relayed sessions run through this process (their TLS ends here): after a handover it stays
   * until they end, or the drain timeout.
   */
  private void awaitRelays() {
    if (tenantRouting == null) {
      return;
    }
    long deadline = System.nanoTime() + config.drainTimeout().toNanos();
    if (tenantRouting.activeRelays() > 0) {
      LOG.info("handed over; waiting for {} relayed sessions to end",
          tenantRouting.activeRelays());
    }
    while (tenantRouting.activeRelays() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void setAccepting(boolean accepting) {
    Channel channel = listener;
    channel.eventLoop().submit(() -> channel.config().setAutoRead(accepting))
        .syncUninterruptibly();
  }
}
