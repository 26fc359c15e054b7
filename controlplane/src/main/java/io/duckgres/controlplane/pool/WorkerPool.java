package io.duckgres.controlplane.pool;

import io.duckgres.controlplane.ControlPlaneConfig;
import io.duckgres.controlplane.unix.Epoll;
import io.duckgres.controlplane.unix.PrivateFiles;
import io.duckgres.controlplane.fd.FdSender;
import io.duckgres.controlplane.metrics.ControlPlaneMetrics;
import io.duckgres.controlplane.proto.HandoverState;
import io.duckgres.controlplane.proto.Prelude;
import io.duckgres.controlplane.tenant.Tenant;
import io.duckgres.controlplane.tenant.TenantDirectory;
import io.duckgres.pgwire.StartupErrors;
import io.grpc.StatusRuntimeException;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker processes of one control plane, as the rest of the control plane sees them: start,
 * choose a worker for a connection (least connections), route a cancel, rolling update, shutdown,
 * handover. The parts live in their own classes: {@link PoolMembers} (membership, ids, PID ranges,
 * data slots, spawning), {@link HealthMonitor} (death, hang, replacement), {@link RollingUpdate}
 * (SIGUSR2, drain and stop), {@link PoolHandover} (to and from another control plane).
 *
 * <p>Changes of membership that span several steps (rolling update, handover) hold one
 * maintenance lock, so they never overlap; the health round skips while it is held.
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
  static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(15);

  private final ControlPlaneConfig config;
  private final Duration shutdownTimeout;
  private final ControlPlaneMetrics metrics;
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(1, Epoll.daemonThreads("duckgres-pool"));
  private final ExecutorService background =
      Executors.newCachedThreadPool(Epoll.daemonThreads("duckgres-pool-task"));
  private final WorkerLauncher launcher;
  private final PoolMembers members;
  private final HealthMonitor health;
  private final RollingUpdate rollingUpdate;
  private final PoolHandover handover;
  /** Null without tenants. */
  private final TenantWorkers tenants;

  public WorkerPool(ControlPlaneConfig config, Duration shutdownTimeout, EventLoopGroup group,
      ControlPlaneMetrics metrics) {
    this(config, shutdownTimeout, group, metrics, null);
  }

  /** With tenants ({@code directory} non-null when {@code config} is multi-tenant). */
  public WorkerPool(ControlPlaneConfig config, Duration shutdownTimeout, EventLoopGroup group,
      ControlPlaneMetrics metrics, TenantDirectory directory) {
    this.config = config;
    this.shutdownTimeout = shutdownTimeout;
    this.metrics = metrics;
    ReentrantLock maintenance = new ReentrantLock();
    this.launcher = new WorkerLauncher(config.workerCommand(), config.socketDir(), group,
        config.multiTenant());
    this.members = new PoolMembers(launcher, metrics);
    this.health = new HealthMonitor(config, members, metrics, maintenance, background, scheduler);
    this.rollingUpdate = new RollingUpdate(config, members, health, maintenance, background,
        shutdownTimeout);
    this.handover = new PoolHandover(config, members, health, rollingUpdate, maintenance, group);
    if (config.multiTenant()) {
      this.tenants = new TenantWorkers(config.tenants(), members, health, rollingUpdate,
          java.util.Objects.requireNonNull(directory, "tenant directory"), metrics, background);
      health.onRound(tenants::retireIdle);
      rollingUpdate.onReplaced(tenants::rebind);
    } else {
      this.tenants = null;
    }
  }

  /** Starts the configured number of workers (in parallel) and waits until all take connections. */
  public void startWorkers() throws IOException {
    PrivateFiles.directory(config.socketDir());
    List<Future<Worker>> starting = new ArrayList<>();
    int count = config.multiTenant() ? config.tenants().warmWorkers() : config.workerCount();
    for (int i = 0; i < count; i++) {
      starting.add(background.submit(members::spawn));
    }
    List<String> failures = new ArrayList<>();
    for (Future<Worker> future : starting) {
      try {
        future.get();
      } catch (Exception e) {
        failures.add(e.getCause() == null ? e.toString() : e.getCause().getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new IOException("workers failed to start: " + String.join("; ", failures));
    }
  }

  /** Starts the health round; dead workers are replaced from the start (see HealthMonitor). */
  public void startHealthChecks() {
    health.start();
    if (tenants != null) {
      tenants.start();
    }
  }

  // ---- connections ----

  /**
   * The live ACTIVE worker with the fewest connections, waiting up to {@code timeout} when there
   * is none (every worker died and replacements are starting).
   */
  public Optional<WorkerRef> acquire(Duration timeout) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    while (true) {
      Optional<Worker> chosen = members.leastConnections();
      if (chosen.isPresent() || System.nanoTime() >= deadline || members.stopping) {
        metrics.acquired(Duration.ofNanos(System.nanoTime() - started));
        return chosen.map(WorkerRef::new);
      }
      WorkerLauncher.sleep(20);
    }
  }

  /** The live ACTIVE worker with the fewest connections, if there is one now; never waits. */
  public Optional<WorkerRef> tryAcquire() {
    long started = System.nanoTime();
    Optional<Worker> chosen = members.leastConnections();
    if (chosen.isPresent()) {
      metrics.acquired(Duration.ofNanos(System.nanoTime() - started));
    }
    return chosen.map(WorkerRef::new);
  }

  /** Any worker, the fewest connections first (without tenants). */
  public Placement anyWorker() {
    return new Placement() {
      @Override
      public Optional<WorkerRef> now() {
        return tryAcquire();
      }

      @Override
      public WorkerRef await() {
        return acquire(ACQUIRE_TIMEOUT).orElseThrow(() -> StartupErrors.cannotConnectNow(
            "no worker is available to serve this connection; try again"));
      }
    };
  }

  /** A worker bound to {@code tenant}'s org, binding one when needed (see TenantWorkers). */
  public Placement forTenant(Tenant tenant) {
    if (tenants == null) {
      throw new IllegalStateException("not in multi-tenant mode");
    }
    return new Placement() {
      @Override
      public Optional<WorkerRef> now() {
        Optional<Worker> ready = tenants.ready(tenant);
        if (ready.isPresent()) {
          metrics.acquired(Duration.ZERO);
        }
        return ready.map(worker -> new WorkerRef(worker, tenant));
      }

      @Override
      public WorkerRef await() {
        long started = System.nanoTime();
        Worker worker = tenants.acquire(tenant);
        metrics.acquired(Duration.ofNanos(System.nanoTime() - started));
        return new WorkerRef(worker, tenant);
      }
    };
  }

  /** The live worker whose PID range holds {@code processId}. */
  public Optional<WorkerRef> ownerOf(int processId) {
    return members.ownerOf(processId).map(WorkerRef::new);
  }

  /** A worker as the connection code sees it: what it can ask of one. */
  public final class WorkerRef {
    private final Worker worker;
    /** The org the connection belongs to; null without tenants. */
    private final Tenant tenant;

    private WorkerRef(Worker worker) {
      this(worker, null);
    }

    private WorkerRef(Worker worker, Tenant tenant) {
      this.worker = worker;
      this.tenant = tenant;
    }

    /**
     * Hands a client socket to this worker without blocking. The future says true once the
     * worker holds the socket, false when it certainly did not become a session there, so the
     * caller (which still holds its own copy of the fd) may give it to another worker: the
     * worker stopped taking connections since it was chosen, refused the socket untouched
     * (draining), the fd never left, or the worker's end closed before it answered. It fails
     * when the outcome is unknown (a live worker that did not answer in time).
     *
     * <p>The death case: a worker that dies holding the fd cannot serve it; if it had begun the
     * TLS handshake the client fails either way, but in the common case (the fd still queued on
     * the socket, or the worker dead before it was sent) the socket is untouched.
     */
    public CompletableFuture<Boolean> handOff(int fd, Prelude prelude, byte[] replay) {
      if (!worker.takesConnections()) {
        return CompletableFuture.completedFuture(false);
      }
      if (tenant != null && (!tenant.org().equals(worker.org())
          || worker.flavor() != tenant.flavor())) {
        // Never reached while the pool is right; the last check before a socket moves.
        LOG.error("{} (org {}, flavor {}) was chosen for org {} (flavor {}); not handing over",
            worker, worker.org(), worker.flavor(), tenant.org(), tenant.flavor());
        return CompletableFuture.completedFuture(false);
      }
      return worker.handOff(fd, prelude, replay).handle((held, failed) -> {
        if (failed == null) {
          metrics.handedOff();
          return true;
        }
        Throwable cause = failed instanceof CompletionException ? failed.getCause() : failed;
        FdSender.Failure failure = cause instanceof FdSender.HandOffException handOff
            ? handOff.failure() : FdSender.Failure.NO_ANSWER;
        switch (failure) {
          case REFUSED -> LOG.debug("{} refused a connection", worker);
          case NOT_SENT, WORKER_GONE -> {
            worker.suspect();
            LOG.warn("{} unreachable for a hand-off ({}); trying another worker", worker,
                cause.getMessage());
          }
          case NO_ANSWER -> {
            worker.suspect();
            throw new CompletionException(new IOException(worker + ": " + cause.getMessage(),
                cause));
          }
        }
        return false;
      });
    }

    public boolean cancelQuery(int processId, int secretKey) {
      return worker.cancelQuery(processId, secretKey, RPC_TIMEOUT);
    }

    @Override
    public String toString() {
      return worker.toString();
    }
  }

  // ---- rolling update, shutdown ----

  /** SIGUSR2, on the calling thread: see {@link RollingUpdate}. */
  public void rollingUpdate() {
    rollingUpdate.run();
  }

  /**
   * SIGTERM: every worker drains and shuts down as a standalone server would on SIGTERM (sessions
   * end after their running statement), in parallel; what is still alive after the shutdown
   * timeout is killed.
   */
  public void shutdownAll() {
    members.stopping = true;
    if (tenants != null) {
      tenants.stop();
    }
    health.stop();
    launcher.killStarting();
    List<Worker> all = members.all();
    LOG.info("stopping {} workers", all.size());
    List<Future<?>> stops = new ArrayList<>();
    for (Worker worker : all) {
      stops.add(background.submit(() -> {
        try {
          worker.drain(RPC_TIMEOUT);
        } catch (StatusRuntimeException e) {
          LOG.debug("{} drain: {}", worker, e.getStatus());
        }
        rollingUpdate.stop(worker);
      }));
    }
    for (Future<?> stop : stops) {
      try {
        stop.get(shutdownTimeout.plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("stopping a worker: {}", e.toString());
      }
    }
  }

  // ---- handover (see PoolHandover) ----

  public void freezeForHandover(Duration timeout) throws InterruptedException {
    handover.freeze(timeout);
  }

  public HandoverState handoverState() {
    return handover.state();
  }

  public void resumeAfterFailedHandover() {
    handover.resume();
  }

  public void detach() {
    handover.detach();
  }

  public int adopt(HandoverState state) throws IOException {
    return handover.adopt(state);
  }

  // ---- misc ----

  public int activeCount() {
    return members.count(Worker.State.ACTIVE);
  }

  /** One line for the log: each worker with its state and connections. */
  public String describe() {
    StringBuilder line = new StringBuilder();
    for (Worker worker : members.all()) {
      line.append(line.length() == 0 ? "" : ", ").append(worker.id).append('/')
          .append(worker.pid).append(' ').append(worker.state().name().toLowerCase())
          .append(' ').append(worker.connections())
          .append(worker.org() == null ? "" : " " + worker.org());
    }
    return line.toString();
  }

  @Override
  public void close() {
    members.stopping = true;
    scheduler.shutdownNow();
    background.shutdownNow();
  }
}
