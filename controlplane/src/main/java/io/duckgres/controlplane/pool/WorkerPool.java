package io.duckgres.controlplane.pool;

import io.duckgres.controlplane.ControlPlaneConfig;
import io.duckgres.controlplane.Epoll;
import io.duckgres.controlplane.PrivateFiles;
import io.duckgres.controlplane.metrics.ControlPlaneMetrics;
import io.duckgres.controlplane.proto.HandedOverWorker;
import io.duckgres.controlplane.proto.HandoverState;
import io.duckgres.controlplane.proto.HealthResponse;
import io.duckgres.controlplane.proto.Prelude;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker processes of one control plane: spawning, least-connections choice, health checks
 * with restart, rolling update, shutdown, and the hand-over of all of it to a successor.
 *
 * <p>Invariants: a worker in the list is STARTING, ACTIVE or DRAINING; only ACTIVE ones get new
 * connections; the PID ranges of listed workers are disjoint. Changes of pool membership that
 * span several steps (rolling update, handover) hold {@link #maintenance}, so they never overlap;
 * the health loop skips a round while it is held.
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
  /** Consecutive failed health checks after which a live worker counts as hung and is killed. */
  static final int HEALTH_FAILURES_BEFORE_RESTART = 2;
  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

  private final ControlPlaneConfig config;
  private final Duration shutdownTimeout;
  private final EventLoopGroup group;
  private final ControlPlaneMetrics metrics;
  private final List<Worker> workers = new CopyOnWriteArrayList<>();
  private final PidRanges pidRanges = new PidRanges();
  private final AtomicInteger nextWorkerId = new AtomicInteger(1);
  private final AtomicInteger pendingSpawns = new AtomicInteger();
  private final ReentrantLock maintenance = new ReentrantLock();
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(2, Epoll.daemonThreads("duckgres-pool"));
  private final ExecutorService background =
      Executors.newCachedThreadPool(Epoll.daemonThreads("duckgres-pool-task"));
  private final WorkerLauncher launcher;
  private final AtomicBoolean updating = new AtomicBoolean();
  private volatile boolean stopping;
  private ScheduledFuture<?> healthLoop;

  public WorkerPool(ControlPlaneConfig config, Duration shutdownTimeout, EventLoopGroup group,
      ControlPlaneMetrics metrics) {
    this.config = config;
    this.shutdownTimeout = shutdownTimeout;
    this.group = group;
    this.metrics = metrics;
    this.launcher = new WorkerLauncher(config.workerCommand(), config.socketDir(), group);
    metrics.bindPool(() -> count(Worker.State.ACTIVE), () -> count(Worker.State.DRAINING));
  }

  // ---- start ----

  /** Starts the configured number of workers (in parallel) and waits until all take connections. */
  public void startWorkers() throws IOException {
    PrivateFiles.directory(config.socketDir());
    List<Future<Worker>> starting = new ArrayList<>();
    for (int i = 0; i < config.workerCount(); i++) {
      starting.add(background.submit(this::spawn));
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

  /** Starts health checks; from here on dead or hung workers are replaced. */
  public void startHealthChecks() {
    long interval = config.healthCheckInterval().toMillis();
    healthLoop = scheduler.scheduleWithFixedDelay(this::checkHealth, interval, interval,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Starts one worker process from the code on disk now, waits until it answers, configures it
   * with a free PID range, and puts it in the pool as ACTIVE.
   */
  private Worker spawn() throws IOException {
    int id = nextWorkerId.getAndIncrement();
    int firstProcessId = pidRanges.allocate();
    long started = System.nanoTime();
    Worker worker;
    try {
      worker = launcher.launch(id, firstProcessId);
    } catch (IOException e) {
      pidRanges.release(firstProcessId);
      throw e;
    }
    if (stopping) {
      worker.process.destroyForcibly();
      worker.disconnect();
      pidRanges.release(firstProcessId);
      throw new IOException(worker + " started while the pool is stopping");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    metrics.spawned(took);
    add(worker, Worker.State.ACTIVE);
    LOG.info("{} ready in {} ms (backend PIDs from {})", worker, took.toMillis(), firstProcessId);
    return worker;
  }

  private void add(Worker worker, Worker.State state) {
    worker.state(state);
    workers.add(worker);
    metrics.workerAdded(worker.id, worker::connections);
    worker.exited.thenRun(() -> exited(worker));
  }

  private void remove(Worker worker) {
    if (workers.remove(worker)) {
      worker.state(Worker.State.STOPPED);
      metrics.workerRemoved(worker.id);
      worker.disconnect();
      pidRanges.release(worker.firstProcessId);
    }
  }

  // ---- connections ----

  /**
   * The ACTIVE worker with the fewest connections, waiting up to {@code timeout} when there is
   * none (every worker died and replacements are starting).
   */
  public Optional<WorkerRef> acquire(Duration timeout) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    while (true) {
      Optional<Worker> chosen = workers.stream()
          .filter(w -> w.state() == Worker.State.ACTIVE && !w.isSuspect())
          .min(Comparator.comparingInt(Worker::connections));
      if (chosen.isPresent() || System.nanoTime() >= deadline || stopping) {
        metrics.acquired(Duration.ofNanos(System.nanoTime() - started));
        return chosen.map(WorkerRef::new);
      }
      sleep(20);
    }
  }

  /** The live worker whose PID range holds {@code processId}. */
  public Optional<WorkerRef> ownerOf(int processId) {
    return workers.stream()
        .filter(w -> w.state() != Worker.State.STOPPED && w.owns(processId))
        .findFirst()
        .map(WorkerRef::new);
  }

  /** A worker as the connection code sees it: what it can ask of one. */
  public final class WorkerRef {
    private final Worker worker;

    private WorkerRef(Worker worker) {
      this.worker = worker;
    }

    /**
     * Hands a client socket to this worker. Returns false when the socket certainly did not
     * reach a session here, so it may go to another worker: the worker refused it untouched
     * (draining), the fd never left, or the worker is dead. Throws when the outcome is unknown.
     */
    public boolean handOff(int fd, Prelude prelude, byte[] replay) throws IOException {
      try {
        worker.acceptConnection(fd, prelude, replay, RPC_TIMEOUT);
        metrics.handedOff();
        return true;
      } catch (Worker.NotSentException e) {
        worker.suspect();
        LOG.warn("{} unreachable for a hand-off: {}", worker, e.getMessage());
        return false;
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
          LOG.debug("{} refused a connection: {}", worker, e.getStatus().getDescription());
          return false;
        }
        worker.suspect();
        if (e.getStatus().getCode() == Status.Code.UNAVAILABLE && WorkerLauncher.awaitGone(worker,
            Duration.ofMillis(500))) {
          LOG.warn("{} died during a hand-off; trying another worker", worker);
          return false;
        }
        throw new IOException(worker + ": " + e.getStatus(), e);
      }
    }

    public boolean cancelQuery(int processId, int secretKey) {
      return worker.cancelQuery(processId, secretKey, RPC_TIMEOUT);
    }

    @Override
    public String toString() {
      return worker.toString();
    }
  }

  // ---- health and restart ----

  private void checkHealth() {
    if (stopping || !maintenance.tryLock()) {
      return;
    }
    try {
      Duration timeout = healthTimeout();
      for (Worker worker : workers) {
        if (worker.state() == Worker.State.STARTING || worker.state() == Worker.State.STOPPED) {
          continue;
        }
        if (!worker.isAlive()) {
          replace(worker, "exited");
          continue;
        }
        try {
          HealthResponse health = worker.health(timeout);
          if (health.getPid() != worker.pid) {
            replace(worker, "another process answers on its socket");
            continue;
          }
          worker.healthCheckPassed();
        } catch (StatusRuntimeException e) {
          int failures = worker.healthCheckFailed();
          LOG.warn("{} failed a health check ({} in a row): {}", worker, failures, e.getStatus());
          if (failures >= HEALTH_FAILURES_BEFORE_RESTART) {
            worker.process.destroyForcibly();
            replace(worker, "stopped answering");
          }
        }
      }
      topUp();
    } catch (RuntimeException e) {
      LOG.error("health check round failed", e);
    } finally {
      maintenance.unlock();
    }
  }

  private Duration healthTimeout() {
    long millis = Math.max(500, Math.min(config.healthCheckInterval().toMillis(), 5000));
    return Duration.ofMillis(millis);
  }

  /** A worker process ended; if nobody asked it to, it is replaced at once. */
  private void exited(Worker worker) {
    Worker.State state = worker.state();
    if (state == Worker.State.ACTIVE || state == Worker.State.STARTING) {
      if (stopping) {
        remove(worker);
        return;
      }
      // Not under the maintenance lock: the health loop may be mid-round; replace() is safe to
      // race with it because remove() happens once.
      replace(worker, "exited");
      background.execute(() -> {
        if (maintenance.tryLock()) {
          try {
            topUp();
          } finally {
            maintenance.unlock();
          }
        }
      });
    } else {
      remove(worker);
    }
  }

  private void replace(Worker worker, String why) {
    if (!workers.contains(worker)) {
      return;
    }
    boolean draining = worker.state() == Worker.State.DRAINING;
    remove(worker);
    if (draining) {
      LOG.info("{} (draining) is gone: {}", worker, why);
      return;
    }
    LOG.warn("{} {}: its sessions are lost; starting a replacement", worker, why);
    metrics.restarted();
  }

  /** Starts workers until ACTIVE + STARTING reach the configured count. */
  private void topUp() {
    if (stopping) {
      return;
    }
    int missing = config.workerCount() - count(Worker.State.ACTIVE)
        - count(Worker.State.STARTING) - pendingSpawns.get();
    for (int i = 0; i < missing; i++) {
      pendingSpawns.incrementAndGet();
      background.execute(() -> {
        try {
          spawn();
        } catch (IOException e) {
          LOG.error("could not start a worker: {}", e.getMessage());
        } finally {
          pendingSpawns.decrementAndGet();
        }
      });
    }
  }

  // ---- rolling update ----

  /**
   * SIGUSR2: replaces every worker, one at a time: start a replacement from the jar on disk now,
   * wait until it takes connections, then drain the old one (it gets no new connections; its
   * sessions go on) and stop it once its last client left or the drain timeout passed. The
   * update moves on to the next worker as soon as the old one is draining, so one long session
   * does not hold up the rest. A second request while one runs is ignored.
   */
  public void rollingUpdate() {
    if (stopping) {
      return;
    }
    if (!updating.compareAndSet(false, true)) {
      LOG.warn("rolling update requested while another one runs; ignored");
      return;
    }
    // Waits for a health-check round, or for a handover to fail (after a successful one this
    // pool is stopping and the update ends at once).
    maintenance.lock();
    try {
      List<Worker> old = workers.stream().filter(w -> w.state() == Worker.State.ACTIVE).toList();
      LOG.info("rolling update: replacing {} workers", old.size());
      int replaced = 0;
      for (Worker worker : old) {
        if (stopping) {
          break;
        }
        try {
          spawn();
        } catch (IOException e) {
          LOG.error("rolling update stopped: {}; {} of {} workers replaced", e.getMessage(),
              replaced, old.size());
          return;
        }
        if (workers.contains(worker)) {
          retire(worker);
        }
        replaced++;
      }
      LOG.info("rolling update done: {} workers replaced", replaced);
    } finally {
      maintenance.unlock();
      updating.set(false);
    }
  }

  /** Takes a worker out of rotation and stops it, in the background, once it is empty. */
  private void retire(Worker worker) {
    worker.state(Worker.State.DRAINING);
    background.execute(() -> {
      long deadline = System.nanoTime() + config.drainTimeout().toNanos();
      try {
        int left = worker.drain(RPC_TIMEOUT);
        LOG.info("{} draining with {} connections", worker, left);
        while (left > 0 && System.nanoTime() < deadline && !stopping && worker.isAlive()
            && workers.contains(worker)) {
          sleep(Math.min(config.healthCheckInterval().toMillis(), 1000));
          left = worker.health(healthTimeout()).getConnections();
        }
        if (stopping || !workers.contains(worker)) {
          return; // Shutdown or handover took over.
        }
        if (left > 0) {
          LOG.warn("{} still has {} connections after the drain timeout {}; stopping it", worker,
              left, config.drainTimeout());
        }
        stop(worker);
      } catch (StatusRuntimeException e) {
        LOG.warn("{} while draining: {}", worker, e.getStatus());
        if (!worker.isAlive()) {
          remove(worker);
        }
      }
    });
  }

  /** Shutdown RPC, wait for the process to end, SIGKILL when it does not. */
  private void stop(Worker worker) {
    try {
      worker.shutdown(RPC_TIMEOUT);
    } catch (StatusRuntimeException e) {
      LOG.warn("{} did not take the shutdown request: {}", worker, e.getStatus());
    }
    if (!WorkerLauncher.awaitGone(worker, shutdownTimeout.plusSeconds(10))) {
      LOG.warn("{} did not stop in time; killing it", worker);
      worker.process.destroyForcibly();
      WorkerLauncher.awaitGone(worker, Duration.ofSeconds(5));
    }
    remove(worker);
    LOG.info("{} stopped", worker);
  }

  // ---- shutdown ----

  /**
   * SIGTERM: every worker drains and shuts down as a standalone server would on SIGTERM (sessions
   * end after their running statement), in parallel; what is still alive after the shutdown
   * timeout is killed.
   */
  public void shutdownAll() {
    stopping = true;
    if (healthLoop != null) {
      healthLoop.cancel(false);
    }
    launcher.killStarting();
    List<Worker> all = new ArrayList<>(workers);
    LOG.info("stopping {} workers", all.size());
    List<Future<?>> stops = new ArrayList<>();
    for (Worker worker : all) {
      stops.add(background.submit(() -> {
        try {
          worker.drain(RPC_TIMEOUT);
        } catch (StatusRuntimeException e) {
          LOG.debug("{} drain: {}", worker, e.getStatus());
        }
        stop(worker);
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

  // ---- handover ----

  /**
   * Freezes the pool for a handover: waits for a running rolling update and for workers being
   * started; from then on nothing starts, stops or is replaced. Undone by {@link
   * #resumeAfterFailedHandover()}, made final by {@link #detach()}; all three on one thread.
   */
  public void freezeForHandover(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!maintenance.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("a rolling update is still running");
    }
    while (pendingSpawns.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** The workers a successor takes over (the pool should be frozen). */
  public HandoverState handoverState() {
    HandoverState.Builder state =
        HandoverState.newBuilder().setNextWorkerId(nextWorkerId.get() + 1);
    for (Worker worker : workers) {
      if (worker.state() == Worker.State.ACTIVE || worker.state() == Worker.State.DRAINING) {
        state.addWorkers(worker.describe());
      }
    }
    return state.build();
  }

  public void resumeAfterFailedHandover() {
    if (maintenance.isHeldByCurrentThread()) {
      maintenance.unlock();
    }
  }

  /**
   * After a successful handover: forgets every worker without stopping any (they belong to the
   * successor now) and stops all background work.
   */
  public void detach() {
    stopping = true;
    if (healthLoop != null) {
      healthLoop.cancel(false);
    }
    for (Worker worker : workers) {
      worker.state(Worker.State.STOPPED);
      worker.disconnect();
    }
    workers.clear();
    if (maintenance.isHeldByCurrentThread()) {
      maintenance.unlock();
    }
  }

  /**
   * The successor's side: takes over the workers a predecessor described. Each is checked (it
   * answers and is the process named), then monitored exactly like a worker started here —
   * health checks, restart when it dies, drain and stop on shutdown — and a draining one goes on
   * being retired. Returns how many were taken over; the health loop tops the pool up.
   */
  public int adopt(HandoverState state) throws IOException {
    PrivateFiles.directory(config.socketDir());
    nextWorkerId.set(Math.max(nextWorkerId.get(), state.getNextWorkerId()));
    int adopted = 0;
    for (HandedOverWorker described : state.getWorkersList()) {
      Optional<ProcessHandle> process = ProcessHandle.of(described.getPid());
      if (process.isEmpty() || !process.get().isAlive()) {
        LOG.warn("handed-over worker {} (pid {}) is gone", described.getWorkerId(),
            described.getPid());
        continue;
      }
      pidRanges.claim(described.getFirstProcessId());
      Worker worker = new Worker(described.getWorkerId(), process.get(),
          Path.of(described.getControlSocket()), Path.of(described.getFdSocket()),
          described.getFirstProcessId(), group);
      try {
        HealthResponse health = worker.health(Duration.ofSeconds(5));
        if (health.getPid() != described.getPid()) {
          throw new IllegalStateException("pid " + health.getPid() + " answers instead");
        }
      } catch (RuntimeException e) {
        LOG.warn("handed-over {} does not answer ({}); leaving it", worker, e.getMessage());
        worker.disconnect();
        pidRanges.release(described.getFirstProcessId());
        continue;
      }
      add(worker, described.getDraining() ? Worker.State.DRAINING : Worker.State.ACTIVE);
      if (described.getDraining()) {
        retire(worker);
      }
      adopted++;
      LOG.info("took over {} ({})", worker, described.getDraining() ? "draining" : "active");
    }
    return adopted;
  }

  // ---- misc ----

  int count(Worker.State state) {
    return (int) workers.stream().filter(w -> w.state() == state).count();
  }

  public int activeCount() {
    return count(Worker.State.ACTIVE);
  }

  /** One line for the log: each worker with its state and connections. */
  public String describe() {
    StringBuilder line = new StringBuilder();
    for (Worker worker : workers) {
      line.append(line.length() == 0 ? "" : ", ").append(worker.id).append('/')
          .append(worker.pid).append(' ').append(worker.state().name().toLowerCase())
          .append(' ').append(worker.connections());
    }
    return line.toString();
  }

  @Override
  public void close() {
    stopping = true;
    scheduler.shutdownNow();
    background.shutdownNow();
  }

  private static void sleep(long millis) {
    WorkerLauncher.sleep(millis);
  }
}
