package io.duckgres.controlplane.pool;

import io.duckgres.controlplane.ControlPlaneConfig;
import io.duckgres.controlplane.metrics.ControlPlaneMetrics;
import io.duckgres.controlplane.proto.HealthResponse;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pool at full size: notices a dead or hung worker and starts its replacement.
 *
 * <p>Death is noticed at once, not at the next round: the process's exit ({@link Worker#exited},
 * which the JDK completes when it reaps the child) and a failed hand-off both take the worker out
 * of rotation immediately, and the exit listener starts the replacement right away. The periodic
 * round ({@link ControlPlaneConfig#healthCheckInterval()}) is for what no event reports: a worker
 * that stopped answering ({@link #HEALTH_FAILURES_BEFORE_RESTART} failed checks in a row), a
 * handed-over worker left a zombie, or a spawn that failed and must be tried again. So a killed
 * worker's replacement starts within milliseconds, and the pool is back to full size one worker
 * start-up later; a hung one is replaced after two intervals plus a start-up.
 *
 * <p>Top-ups never run while the pool is frozen for a handover ({@link #freeze}).
 */
final class HealthMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
  /** Consecutive failed health checks after which a live worker counts as hung and is killed. */
  static final int HEALTH_FAILURES_BEFORE_RESTART = 2;

  private final ControlPlaneConfig config;
  private final PoolMembers members;
  private final ControlPlaneMetrics metrics;
  private final ReentrantLock maintenance;
  private final ExecutorService background;
  private final ScheduledExecutorService scheduler;
  private final AtomicInteger pendingSpawns = new AtomicInteger();
  private boolean frozen;
  private ScheduledFuture<?> loop;
  private volatile Runnable roundHook = () -> { };

  HealthMonitor(ControlPlaneConfig config, PoolMembers members, ControlPlaneMetrics metrics,
      ReentrantLock maintenance, ExecutorService background, ScheduledExecutorService scheduler) {
    this.config = config;
    this.members = members;
    this.metrics = metrics;
    this.maintenance = maintenance;
    this.background = background;
    this.scheduler = scheduler;
    members.onExit(this::exited);
  }

  /** Runs at the end of every health round (the tenants' idle retirement). */
  void onRound(Runnable hook) {
    roundHook = hook;
  }

  void start() {
    long interval = config.healthCheckInterval().toMillis();
    loop = scheduler.scheduleWithFixedDelay(this::round, interval, interval,
        TimeUnit.MILLISECONDS);
  }

  void stop() {
    if (loop != null) {
      loop.cancel(false);
    }
  }

  /** How long one health call may take: the interval, within [0.5 s, 5 s]. */
  Duration callTimeout() {
    long millis = Math.max(500, Math.min(config.healthCheckInterval().toMillis(), 5000));
    return Duration.ofMillis(millis);
  }

  // ---- the periodic round ----

  /**
   * Asks every worker for its health. Skipped while a rolling update or a handover holds the
   * pool's maintenance lock (exits are still handled, by {@link #exited}).
   */
  private void round() {
    if (members.stopping || !maintenance.tryLock()) {
      return;
    }
    try {
      Duration timeout = callTimeout();
      for (Worker worker : members.all()) {
        if (worker.state() == Worker.State.STARTING || worker.state() == Worker.State.STOPPED) {
          continue;
        }
        if (worker.isGone()) {
          lost(worker, "exited");
          continue;
        }
        check(worker, timeout);
      }
      roundHook.run();
      topUp();
    } catch (RuntimeException e) {
      LOG.error("health check round failed", e);
    } finally {
      maintenance.unlock();
    }
  }

  private void check(Worker worker, Duration timeout) {
    try {
      HealthResponse health = worker.health(timeout);
      if (health.getPid() != worker.pid) {
        lost(worker, "was replaced by another process on its socket");
        return;
      }
      if (worker.state() == Worker.State.ACTIVE) {
        try {
          worker.connectHandOff();
        } catch (IOException e) {
          // It answers gRPC but not on its fd socket: no connections for it, and the next
          // round tries again.
          LOG.warn("{} answers but its hand-off socket does not: {}", worker, e.getMessage());
          return;
        }
      }
      worker.healthCheckPassed();
    } catch (StatusRuntimeException e) {
      // Not taken out of rotation for one slow answer: on a loaded host that would starve
      // clients of every worker at once.
      int failures = worker.healthCheckFailed();
      LOG.warn("{} failed a health check ({} in a row): {}", worker, failures, e.getStatus());
      if (failures >= HEALTH_FAILURES_BEFORE_RESTART) {
        worker.process.destroyForcibly();
        // The replacement may get the same data slot: wait until the DuckDB files are released.
        WorkerLauncher.awaitGone(worker, Duration.ofSeconds(10));
        lost(worker, "stopped answering");
      }
    }
  }

  // ---- events ----

  /** A listed worker's process ended. Unasked (ACTIVE, STARTING), it is replaced at once. */
  private void exited(Worker worker) {
    if (members.stopping) {
      members.remove(worker);
      return;
    }
    if (lost(worker, "exited")) {
      try {
        background.execute(this::topUp);
      } catch (RejectedExecutionException closing) {
        LOG.debug("pool closing; {} not replaced", worker);
      }
    }
  }

  /**
   * Takes a dead worker out of the pool. Returns true when it was serving (ACTIVE or STARTING),
   * so its sessions are lost and it counts as a restart.
   */
  private boolean lost(Worker worker, String why) {
    Worker.State state = worker.state();
    if (!members.remove(worker)) {
      return false;
    }
    if (state == Worker.State.DRAINING) {
      LOG.info("{} (draining) is gone: {}", worker, why);
      return false;
    }
    LOG.warn("{} {}: its sessions are lost; starting a replacement", worker, why);
    metrics.restarted();
    return true;
  }

  // ---- top-up ----

  /**
   * Starts workers until ACTIVE + STARTING + being started reach the configured count; with
   * tenants, until the warm (neutral) spares are back, within the ceiling.
   */
  synchronized void topUp() {
    if (members.stopping || frozen) {
      return;
    }
    int serving = members.count(Worker.State.ACTIVE) + members.count(Worker.State.STARTING)
        + pendingSpawns.get();
    int missing;
    if (config.multiTenant()) {
      int neutral = (int) members.all().stream().filter(Worker::neutral).count();
      missing = Math.min(config.tenants().warmWorkers() - neutral - pendingSpawns.get(),
          config.tenants().maxWorkers() - serving);
    } else {
      missing = config.workerCount() - serving;
    }
    for (int i = 0; i < missing; i++) {
      pendingSpawns.incrementAndGet();
      background.execute(() -> {
        try {
          members.spawn();
        } catch (IOException | RuntimeException e) {
          LOG.error("could not start a worker (next try at the next health check): {}",
              e.getMessage());
        } finally {
          pendingSpawns.decrementAndGet();
        }
      });
    }
  }

  /**
   * Starts one worker now, on the calling thread, if ACTIVE + STARTING + being started stay
   * within {@code ceiling}; empty when they would not, or the start failed.
   */
  Optional<Worker> spawnIfRoom(int ceiling) {
    synchronized (this) {
      if (members.stopping || frozen
          || members.count(Worker.State.ACTIVE) + members.count(Worker.State.STARTING)
              + pendingSpawns.get() >= ceiling) {
        return Optional.empty();
      }
      pendingSpawns.incrementAndGet();
    }
    try {
      return Optional.of(members.spawn());
    } catch (IOException | RuntimeException e) {
      LOG.error("could not start a worker: {}", e.getMessage());
      return Optional.empty();
    } finally {
      pendingSpawns.decrementAndGet();
    }
  }

  /**
   * No more top-ups from now on, and waits (up to {@code timeout}) for the workers being started
   * to be listed, so that the pool's membership is final for a handover.
   */
  void freeze(Duration timeout) throws InterruptedException {
    synchronized (this) {
      frozen = true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pendingSpawns.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  synchronized void unfreeze() {
    frozen = false;
  }
}
