package io.duckgres.controlplane.pool;

import io.duckgres.controlplane.metrics.ControlPlaneMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in the pool, and what each member holds: its worker id, its backend-PID range and its
 * data slot. Spawning, adding and removing go through here, so those three are claimed and
 * released together.
 *
 * <p>Invariants: a listed worker is STARTING, ACTIVE or DRAINING; the PID ranges and the data slots
 * of listed workers are disjoint; a worker leaves the list once (remove is idempotent), and only
 * when its process is gone or belongs to a successor.
 */
final class PoolMembers {
  private static final Logger LOG = LoggerFactory.getLogger(PoolMembers.class);

  private final ControlPlaneMetrics metrics;
  private final WorkerLauncher launcher;
  private final List<Worker> workers = new CopyOnWriteArrayList<>();
  private final PidRanges pidRanges = new PidRanges();
  private final DataSlots slots = new DataSlots();
  private final AtomicInteger nextWorkerId = new AtomicInteger(1);
  private volatile Consumer<Worker> exitListener = worker -> { };
  /** Set once for good: by shutdown, or when the workers were handed to a successor. */
  volatile boolean stopping;

  PoolMembers(WorkerLauncher launcher, ControlPlaneMetrics metrics) {
    this.launcher = launcher;
    this.metrics = metrics;
    metrics.bindPool(() -> count(Worker.State.ACTIVE), () -> count(Worker.State.DRAINING));
  }

  /** Called, on the process reaper's thread, when a listed worker's process ends. */
  void onExit(Consumer<Worker> listener) {
    exitListener = listener;
  }

  /**
   * Starts one worker process from the code on disk now, waits until it answers gRPC Health,
   * configures it with a free PID range and data slot, and lists it as ACTIVE.
   */
  Worker spawn() throws IOException {
    int id = nextWorkerId.getAndIncrement();
    int firstProcessId = pidRanges.allocate();
    int slot = slots.allocate();
    long started = System.nanoTime();
    Worker worker;
    try {
      worker = launcher.launch(id, firstProcessId, slot);
    } catch (IOException e) {
      pidRanges.release(firstProcessId);
      slots.release(slot);
      throw e;
    }
    if (stopping) {
      worker.process.destroyForcibly();
      worker.disconnect();
      pidRanges.release(firstProcessId);
      slots.release(slot);
      throw new IOException(worker + " started while the pool is stopping");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    metrics.spawned(took);
    add(worker, Worker.State.ACTIVE);
    LOG.info("{} ready in {} ms (backend PIDs from {}, data slot {})", worker, took.toMillis(),
        firstProcessId, slot);
    return worker;
  }

  /** Lists a worker received through handover; its PID range and slot are claimed here. */
  void adopt(Worker worker, Worker.State state) {
    pidRanges.claim(worker.firstProcessId);
    slots.claim(worker.dataSlot);
    add(worker, state);
  }

  /** Worker ids continue from a predecessor's, so they stay unique across a handover. */
  void continueIdsFrom(int nextId) {
    nextWorkerId.accumulateAndGet(nextId, Math::max);
  }

  int nextWorkerId() {
    return nextWorkerId.get();
  }

  private void add(Worker worker, Worker.State state) {
    worker.state(state);
    workers.add(worker);
    metrics.workerAdded(worker.id, worker::connections);
    String org = worker.org();
    if (org != null) {
      // Bound before it was listed here: taken over from another control plane.
      metrics.activated(worker.id, org, worker.flavor().spelling(), Duration.ZERO,
          () -> workers.stream().filter(w -> org.equals(w.org()))
              .mapToInt(Worker::connections).sum());
    }
    worker.exited.thenRun(() -> exitListener.accept(worker));
  }

  /** Takes a worker out of the pool and frees what it held; false when it was not listed. */
  boolean remove(Worker worker) {
    if (!workers.remove(worker)) {
      return false;
    }
    worker.state(Worker.State.STOPPED);
    metrics.workerRemoved(worker.id);
    worker.disconnect();
    pidRanges.release(worker.firstProcessId);
    slots.release(worker.dataSlot);
    return true;
  }

  /** Forgets every worker without stopping any (they belong to a successor now). */
  void forgetAll() {
    stopping = true;
    for (Worker worker : workers) {
      worker.state(Worker.State.STOPPED);
      worker.disconnect();
    }
    workers.clear();
  }

  // ---- queries ----

  /** Least connections among the workers that may take one now. */
  Optional<Worker> leastConnections() {
    return workers.stream()
        .filter(Worker::takesConnections)
        .min(Comparator.comparingInt(Worker::connections));
  }

  Optional<Worker> ownerOf(int processId) {
    return workers.stream()
        .filter(w -> w.state() != Worker.State.STOPPED && w.owns(processId))
        .findFirst();
  }

  boolean contains(Worker worker) {
    return workers.contains(worker);
  }

  /** A snapshot of the listed workers. */
  List<Worker> all() {
    return List.copyOf(workers);
  }

  List<Worker> inState(Worker.State state) {
    return workers.stream().filter(w -> w.state() == state).toList();
  }

  int count(Worker.State state) {
    return (int) workers.stream().filter(w -> w.state() == state).count();
  }
}
