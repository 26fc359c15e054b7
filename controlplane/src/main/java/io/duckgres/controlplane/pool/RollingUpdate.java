package io.duckgres.controlplane.pool;

import io.duckgres.controlplane.ControlPlaneConfig;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGUSR2 and the end of a worker's life: replacing every worker with one running the code on
 * disk now, and retiring a worker (drain, wait for its sessions, stop).
 *
 * <p>One worker at a time: start the replacement and wait until it answers gRPC Health and is
 * configured (no fixed sleeps; {@link WorkerLauncher}), then take the old one out of rotation and
 * retire it in the background. The update moves on as soon as the old worker is draining, so one
 * long session holds up only its own worker's exit, never the update. A retiring worker is
 * stopped the moment its last session ends (its connection count is polled at {@link
 * #DRAIN_POLL}), or when the configured drain timeout passes.
 */
final class RollingUpdate {
  private static final Logger LOG = LoggerFactory.getLogger(RollingUpdate.class);
  private static final Duration RPC_TIMEOUT = WorkerPool.RPC_TIMEOUT;
  /** How often a draining worker is asked how many sessions it still has. */
  static final Duration DRAIN_POLL = Duration.ofMillis(250);

  private final ControlPlaneConfig config;
  private final PoolMembers members;
  private final HealthMonitor health;
  private final ReentrantLock maintenance;
  private final ExecutorService background;
  private final Duration shutdownTimeout;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile java.util.function.BiConsumer<Worker, String> rebind = (worker, org) -> { };

  RollingUpdate(ControlPlaneConfig config, PoolMembers members, HealthMonitor health,
      ReentrantLock maintenance, ExecutorService background, Duration shutdownTimeout) {
    this.config = config;
    this.members = members;
    this.health = health;
    this.maintenance = maintenance;
    this.background = background;
    this.shutdownTimeout = shutdownTimeout;
  }

  /** With tenants: binds a replacement to the org of the worker it replaces. */
  void onReplaced(java.util.function.BiConsumer<Worker, String> binder) {
    rebind = binder;
  }

  /** Runs a rolling update on the calling thread; a second request while one runs is ignored. */
  void run() {
    if (members.stopping) {
      return;
    }
    if (!running.compareAndSet(false, true)) {
      LOG.warn("rolling update requested while another one runs; ignored");
      return;
    }
    // Waits for a health round, or for a handover to fail (after a successful one this pool is
    // stopping and the update ends at once).
    maintenance.lock();
    try {
      List<Worker> old = members.inState(Worker.State.ACTIVE);
      LOG.info("rolling update: replacing {} workers", old.size());
      int replaced = 0;
      for (Worker worker : old) {
        if (members.stopping) {
          break;
        }
        if (!members.contains(worker) || worker.state() != Worker.State.ACTIVE) {
          continue; // Died meanwhile: the health monitor has replaced it with new code already.
        }
        long started = System.nanoTime();
        Worker replacement;
        try {
          replacement = members.spawn();
        } catch (IOException e) {
          LOG.error("rolling update stopped: {}; {} of {} workers replaced", e.getMessage(),
              replaced, old.size());
          return;
        }
        if (worker.org() != null) {
          rebind.accept(replacement, worker.org());
        }
        if (members.contains(worker)) {
          retire(worker);
        }
        replaced++;
        LOG.info("rolling update: {} replaced by {} in {} ms", worker, replacement,
            Duration.ofNanos(System.nanoTime() - started).toMillis());
      }
      LOG.info("rolling update done: {} workers replaced", replaced);
    } finally {
      maintenance.unlock();
      running.set(false);
      // A worker that died during the update was not replaced by the update itself.
      health.topUp();
    }
  }

  /**
   * Takes a worker out of rotation and stops it, in the background, once it is empty. A slow or
   * failed answer while waiting is not a reason to cut its sessions: only its exit, the drain
   * timeout, or shutdown/handover end the wait.
   */
  void retire(Worker worker) {
    worker.state(Worker.State.DRAINING);
    background.execute(() -> {
      long deadline = System.nanoTime() + config.drainTimeout().toNanos();
      int left = -1;
      boolean drainSent = false;
      while (left != 0 && System.nanoTime() < deadline && !members.stopping && !worker.isGone()
          && members.contains(worker)) {
        try {
          if (!drainSent) {
            left = worker.drain(RPC_TIMEOUT);
            drainSent = true;
            LOG.info("{} draining with {} connections", worker, left);
          } else {
            left = worker.health(health.callTimeout()).getConnections();
          }
        } catch (StatusRuntimeException e) {
          LOG.debug("{} while draining: {}", worker, e.getStatus());
        }
        if (left != 0) {
          WorkerLauncher.sleep(DRAIN_POLL.toMillis());
        }
      }
      if (members.stopping || !members.contains(worker)) {
        return; // Shutdown or handover took over, or it died.
      }
      if (left != 0 && !worker.isGone()) {
        LOG.warn("{} still has {} connections after the drain timeout {}; stopping it", worker,
            left, config.drainTimeout());
      }
      stop(worker);
    });
  }

  /** Shutdown RPC, wait for the process to end, SIGKILL when it does not. */
  void stop(Worker worker) {
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
    members.remove(worker);
    LOG.info("{} stopped", worker);
  }
}
