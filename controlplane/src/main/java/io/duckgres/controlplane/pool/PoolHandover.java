package io.duckgres.controlplane.pool;

import io.duckgres.controlplane.unix.PrivateFiles;
import io.duckgres.controlplane.ControlPlaneConfig;
import io.duckgres.controlplane.proto.HandedOverWorker;
import io.duckgres.controlplane.proto.HandoverState;
import io.duckgres.controlplane.proto.HealthResponse;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's side of a control-plane handover: the old control plane freezes its pool and
 * describes its workers; the new one takes them over and monitors them exactly like workers it
 * started (the original forgot this, and its shutdown then always ran into its timeout).
 *
 * <p>Freeze, resume and detach run on one thread (the handover listener's): the maintenance lock
 * taken by freeze is released by resume or detach.
 */
final class PoolHandover {
  private static final Logger LOG = LoggerFactory.getLogger(PoolHandover.class);

  private final ControlPlaneConfig config;
  private final PoolMembers members;
  private final HealthMonitor health;
  private final RollingUpdate rollingUpdate;
  private final ReentrantLock maintenance;
  private final EventLoopGroup group;

  PoolHandover(ControlPlaneConfig config, PoolMembers members, HealthMonitor health,
      RollingUpdate rollingUpdate, ReentrantLock maintenance, EventLoopGroup group) {
    this.config = config;
    this.members = members;
    this.health = health;
    this.rollingUpdate = rollingUpdate;
    this.maintenance = maintenance;
    this.group = group;
  }

  /**
   * Waits for a running rolling update and for workers being started; from then on nothing
   * starts, stops or is replaced until {@link #resume()} or {@link #detach()}.
   */
  void freeze(Duration timeout) throws InterruptedException {
    if (!maintenance.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("a rolling update is still running");
    }
    health.freeze(timeout);
  }

  /** The workers a successor takes over (the pool should be frozen). */
  HandoverState state() {
    HandoverState.Builder state =
        HandoverState.newBuilder().setNextWorkerId(members.nextWorkerId() + 1);
    for (Worker worker : members.all()) {
      if (worker.state() == Worker.State.ACTIVE || worker.state() == Worker.State.DRAINING) {
        state.addWorkers(worker.describe());
      }
    }
    return state.build();
  }

  void resume() {
    health.unfreeze();
    if (maintenance.isHeldByCurrentThread()) {
      maintenance.unlock();
    }
  }

  /**
   * After a successful handover: forgets every worker without stopping any (they belong to the
   * successor now) and stops all background work.
   */
  void detach() {
    health.stop();
    members.forgetAll();
    if (maintenance.isHeldByCurrentThread()) {
      maintenance.unlock();
    }
  }

  /**
   * The successor's side: takes over the workers a predecessor described. Each is checked (it
   * answers and is the process named), then monitored exactly like a worker started here —
   * health checks, replacement when it dies, drain and stop on shutdown — and a draining one goes
   * on being retired. Returns how many were taken over; the health monitor tops the pool up.
   */
  int adopt(HandoverState state) throws IOException {
    PrivateFiles.directory(config.socketDir());
    members.continueIdsFrom(state.getNextWorkerId());
    int adopted = 0;
    for (HandedOverWorker described : state.getWorkersList()) {
      Optional<ProcessHandle> process = ProcessHandle.of(described.getPid());
      if (process.isEmpty() || !process.get().isAlive()) {
        LOG.warn("handed-over worker {} (pid {}) is gone", described.getWorkerId(),
            described.getPid());
        continue;
      }
      Worker worker = new Worker(described.getWorkerId(), process.get(),
          Path.of(described.getControlSocket()), Path.of(described.getFdSocket()),
          described.getFirstProcessId(), described.getDataSlot(), group);
      try {
        HealthResponse answer = worker.health(Duration.ofSeconds(5));
        if (answer.getPid() != described.getPid()) {
          throw new IllegalStateException("pid " + answer.getPid() + " answers instead");
        }
        if (!answer.getOrg().equals(described.getOrg())
            || !answer.getFlavor().equals(described.getFlavor())) {
          throw new IllegalStateException("it serves org '" + answer.getOrg() + "' ("
              + answer.getFlavor() + "), not '" + described.getOrg() + "' as described");
        }
        TenantWorkers.adopted(worker, answer.getOrg(), answer.getFlavor());
        if (!described.getDraining()) {
          worker.connectHandOff();
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("handed-over {} does not answer ({}); leaving it", worker, e.getMessage());
        worker.disconnect();
        continue;
      }
      boolean draining = described.getDraining();
      members.adopt(worker, draining ? Worker.State.DRAINING : Worker.State.ACTIVE);
      if (draining) {
        rollingUpdate.retire(worker);
      }
      adopted++;
      LOG.info("took over {} ({})", worker, draining ? "draining" : "active");
    }
    return adopted;
  }
}
