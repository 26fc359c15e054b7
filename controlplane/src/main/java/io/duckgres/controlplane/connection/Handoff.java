package io.duckgres.controlplane.connection;

import io.duckgres.controlplane.metrics.ControlPlaneMetrics;
import io.duckgres.controlplane.pool.Placement;
import io.duckgres.controlplane.pool.WorkerPool;
import io.duckgres.controlplane.proto.Prelude;
import io.duckgres.pgwire.BackendMessages;
import io.duckgres.pgwire.PgException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.epoll.EpollSocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a decided connection to a worker, on the event loops unless it must wait for a worker:
 * 'S' when the client asked for TLS and it is still unanswered, deregistering the channel from
 * this process's epoll (so no event here can close the fd, and let the number be reused, while it
 * is in flight), the fd and its note to the worker, and on the worker's answer closing this
 * process's copy — no blocking call, no gRPC. Only waiting for a worker (to start, or to be bound
 * to the connection's org) runs on the executor. One instance per control plane.
 */
public final class Handoff {
  private static final Logger LOG = LoggerFactory.getLogger(Handoff.class);
  /** Workers tried for one connection: a dead or draining one gives way to the next. */
  private static final int ATTEMPTS = 4;

  private final WorkerPool pool;
  private final ExecutorService executor;
  private final ControlPlaneMetrics metrics;
  private final AtomicInteger inFlight = new AtomicInteger();

  public Handoff(WorkerPool pool, ExecutorService executor, ControlPlaneMetrics metrics) {
    this.pool = pool;
    this.executor = executor;
    this.metrics = metrics;
  }

  /** Connections decided but not yet handed over (a handover waits for them to finish). */
  public int inFlight() {
    return inFlight.get();
  }

  WorkerPool pool() {
    return pool;
  }

  /** A connection being routed (before its hand-off starts) counts as in flight. */
  void begin() {
    inFlight.incrementAndGet();
  }

  void end() {
    inFlight.decrementAndGet();
  }

  void routed(String path) {
    metrics.routed(path);
  }

  /** Runs {@code task} on the hand-off executor; false (nothing run) when its queue is full. */
  boolean offload(Runnable task) {
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException overloaded) {
      return false;
    }
  }

  /** Hands {@code channel} to any worker (without tenants). */
  void handOff(Channel channel, Prelude prelude, byte[] replay) {
    handOff(channel, pool.anyWorker(), prelude, replay, error -> refuse(channel, error));
  }

  /**
   * Called on the connection's event loop. With a worker free now (the usual case) the whole
   * hand-off runs on event loops, chained by listeners: no thread waits and none is woken except
   * the ones that do I/O. Only when no worker is free does it wait, on the executor. When none
   * will take the connection, {@code refused} gets the FATAL for the client (on whatever thread
   * found out); the channel is then still this process's.
   */
  void handOff(Channel channel, Placement placement, Prelude prelude, byte[] replay,
      Consumer<PgException> refused) {
    long decided = System.nanoTime();
    inFlight.incrementAndGet();
    Optional<WorkerPool.WorkerRef> worker = placement.now();
    if (worker.isPresent()) {
      release(channel, worker.get(), placement, prelude, replay, decided);
      return;
    }
    boolean queued = offload(() -> {
      WorkerPool.WorkerRef waited;
      try {
        waited = placement.await();
      } catch (PgException error) {
        metrics.handoffFailed();
        inFlight.decrementAndGet();
        refused.accept(error);
        return;
      }
      release(channel, waited, placement, prelude, replay, decided);
    });
    if (!queued) {
      inFlight.decrementAndGet();
      LOG.warn("hand-off queue full; closing connection from {}",
          ConnectionPrelude.remote(channel));
      channel.close();
    }
  }

  /**
   * Hands {@code channel} to {@code worker}, chosen by the caller (which had to know there was
   * one before letting the client go on); {@code placement} finds another if it refuses.
   */
  void handOffTo(Channel channel, WorkerPool.WorkerRef worker, Placement placement,
      Prelude prelude, byte[] replay) {
    inFlight.incrementAndGet();
    release(channel, worker, placement, prelude, replay, System.nanoTime());
  }

  /** Before 'S', or in the clear: the client reads this as the answer to what it sent. */
  static void refuse(Channel channel, PgException error) {
    LOG.warn("connection from {} refused: {}", ConnectionPrelude.remote(channel),
        error.getMessage());
    ByteBuf out = channel.alloc().buffer();
    BackendMessages.errorResponse(out, error);
    channel.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * Answers 'S' if the prelude calls for it (the client builds its ClientHello while the socket
   * travels), takes the channel out of this process's epoll so no event here can close the fd
   * (and let the number be reused) while it is in flight, then sends it.
   */
  private void release(Channel channel, WorkerPool.WorkerRef worker, Placement placement,
      Prelude prelude, byte[] replay, long decided) {
    ChannelFuture answered = prelude == Prelude.SSL_ACCEPTED
        ? channel.writeAndFlush(channel.alloc().buffer(1).writeByte('S'))
        : channel.newSucceededFuture();
    answered.addListener(written -> {
      if (!written.isSuccess()) {
        lostBeforeHandOff(channel, written.cause());
        return;
      }
      channel.deregister().addListener(deregistered -> {
        if (!deregistered.isSuccess()) {
          lostBeforeHandOff(channel, deregistered.cause());
          return;
        }
        int fd = ((EpollSocketChannel) channel).fd().intValue();
        attempt(channel, fd, worker, placement, prelude, replay, decided, 1);
      });
    });
  }

  private void lostBeforeHandOff(Channel channel, Throwable cause) {
    LOG.debug("connection from {} lost before hand-off: {}", ConnectionPrelude.remote(channel),
        cause.toString());
    channel.unsafe().closeForcibly();
    inFlight.decrementAndGet();
  }

  private void attempt(Channel channel, int fd, WorkerPool.WorkerRef worker,
      Placement placement, Prelude prelude, byte[] replay, long decided, int attempt) {
    worker.handOff(fd, prelude, replay).whenComplete((held, unknown) -> {
      if (unknown == null && held) {
        metrics.handoffTook(Duration.ofNanos(System.nanoTime() - decided));
        finish(channel);
      } else if (unknown != null) {
        metrics.handoffFailed();
        LOG.error("hand-off of the connection from {} failed: {}",
            ConnectionPrelude.remote(channel),
            unknown.getCause() == null ? unknown : unknown.getCause().getMessage());
        finish(channel);
      } else if (attempt >= ATTEMPTS) {
        metrics.handoffFailed();
        LOG.error("no worker took the connection from {}", ConnectionPrelude.remote(channel));
        finish(channel);
      } else {
        retry(channel, fd, placement, prelude, replay, decided, attempt + 1);
      }
    });
  }

  /** The socket was not taken and is untouched: another worker may have it. */
  private void retry(Channel channel, int fd, Placement placement, Prelude prelude,
      byte[] replay, long decided, int attempt) {
    Optional<WorkerPool.WorkerRef> next = placement.now();
    if (next.isPresent()) {
      attempt(channel, fd, next.get(), placement, prelude, replay, decided, attempt);
      return;
    }
    boolean queued = offload(() -> {
      WorkerPool.WorkerRef waited;
      try {
        waited = placement.await();
      } catch (PgException none) {
        metrics.handoffFailed();
        LOG.error("no worker took the connection from {}: {}",
            ConnectionPrelude.remote(channel), none.getMessage());
        finish(channel);
        return;
      }
      attempt(channel, fd, waited, placement, prelude, replay, decided, attempt);
    });
    if (!queued) {
      metrics.handoffFailed();
      finish(channel);
    }
  }

  /** Closes our copy only: the worker, if it took the socket, holds its own. */
  private void finish(Channel channel) {
    channel.unsafe().closeForcibly();
    inFlight.decrementAndGet();
  }

  void cancel(Channel channel, int processId, int secretKey) {
    inFlight.incrementAndGet();
    boolean queued = offload(() -> {
      try {
        Optional<WorkerPool.WorkerRef> owner = pool.ownerOf(processId);
        if (owner.isEmpty()) {
          LOG.info("cancel request for unknown backend PID {}", processId);
        } else {
          boolean cancelled = owner.get().cancelQuery(processId, secretKey);
          LOG.info("cancel request for session {} on {}: {}", processId, owner.get(),
              cancelled ? "cancelled" : "no match");
        }
      } catch (RuntimeException e) {
        LOG.warn("cancel request for session {} failed: {}", processId, e.toString());
      } finally {
        inFlight.decrementAndGet();
        channel.close();
      }
    });
    if (!queued) {
      inFlight.decrementAndGet();
      LOG.warn("hand-off queue full; closing connection from {}",
          ConnectionPrelude.remote(channel));
      channel.close();
    }
  }
}
