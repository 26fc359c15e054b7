package io.duckgres.controlplane.worker;

import io.duckgres.controlplane.unix.PrivateFiles;
import io.duckgres.controlplane.unix.Epoll;
import io.duckgres.controlplane.WorkerOptions;
import io.duckgres.controlplane.fd.FdReceiver;
import io.duckgres.server.DuckgresServer;
import io.duckgres.server.ServerConfig;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process ({@code --mode worker}), started by a control plane and never by hand: serves
 * worker control (gRPC) on its control socket and receives client sockets on its fd socket; runs
 * their sessions with {@link DuckgresServer} in worker mode once Configure arrives.
 *
 * <p>It stops when asked (Shutdown, SIGTERM) and also when it has been orphaned: no control plane
 * has called for {@link #ORPHAN_TIMEOUT} and no client is connected — a control plane that was
 * SIGKILLed without a successor must not leave workers behind forever. SIGINT is ignored: a ^C in
 * the control plane's terminal reaches the whole process group, and the control plane stops its
 * workers itself.
 */
public final class WorkerProcess {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
  static final Duration ORPHAN_TIMEOUT = Duration.ofSeconds(60);

  private final ServerConfig config;
  private final WorkerOptions options;
  private final CountDownLatch stopRequested = new CountDownLatch(1);

  public WorkerProcess(ServerConfig config, WorkerOptions options) {
    this.config = config;
    this.options = options;
  }

  /** Runs until told to stop; returns the exit status. */
  public int run() throws Exception {
    Epoll.require();
    PrivateFiles.directory(options.controlSocket().getParent());
    EventLoopGroup group = Epoll.group(2, "duckgres-worker-io");
    DuckgresServer server = new DuckgresServer(config);
    WorkerControlService service = new WorkerControlService(server,
        config.dataDir().resolve("workers"), stopRequested::countDown);
    FdReceiver fds = FdReceiver.bind(group, options.fdSocket(), service::adopt);
    Files.deleteIfExists(options.controlSocket());
    Server grpc = NettyServerBuilder
        .forAddress(new DomainSocketAddress(options.controlSocket().toFile()))
        .channelType(EpollServerDomainSocketChannel.class)
        .bossEventLoopGroup(group)
        .workerEventLoopGroup(group)
        .addService(service)
        .build()
        .start();
    PrivateFiles.socket(options.controlSocket());
    PrivateFiles.socket(options.fdSocket());
    installSignalHandlers();
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(Epoll.daemonThreads("duckgres-orphan-check"));
    watchdog.scheduleWithFixedDelay(() -> checkOrphaned(service, server), 5, 5, TimeUnit.SECONDS);
    LOG.info("worker process {} serving control on {}", ProcessHandle.current().pid(),
        options.controlSocket());

    stopRequested.await();
    watchdog.shutdownNow();
    server.drain();
    server.shutdown();
    grpc.shutdown();
    if (!grpc.awaitTermination(5, TimeUnit.SECONDS)) {
      grpc.shutdownNow();
    }
    fds.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    Files.deleteIfExists(options.controlSocket());
    LOG.info("worker process {} stopped", ProcessHandle.current().pid());
    return 0;
  }

  private void checkOrphaned(WorkerControlService service, DuckgresServer server) {
    long silentNanos = System.nanoTime() - service.lastContactNanos();
    if (silentNanos < ORPHAN_TIMEOUT.toNanos()) {
      return;
    }
    if (!server.isDraining()) {
      LOG.warn("no control plane has called for {}s: draining, then exiting",
          TimeUnit.NANOSECONDS.toSeconds(silentNanos));
      server.drain();
    }
    if (server.connectionCount() == 0) {
      stopRequested.countDown();
    }
  }

  private void installSignalHandlers() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
        LOG.info("received SIGTERM, shutting down");
        stopRequested.countDown();
      });
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
    } catch (IllegalArgumentException unavailable) {
      LOG.debug("cannot install signal handlers: {}", unavailable.getMessage());
    }
  }

  /** Socket paths of a worker inside the control plane's socket directory. */
  public static WorkerOptions socketsIn(Path socketDir, String name) {
    return new WorkerOptions(socketDir.resolve(name + ".ctl"), socketDir.resolve(name + ".fd"));
  }
}
