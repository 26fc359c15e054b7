package io.duckgres.controlplane.connection;

import io.duckgres.controlplane.metrics.ControlPlaneMetrics;
import io.duckgres.controlplane.pool.WorkerPool;
import io.duckgres.controlplane.proto.Prelude;
import io.duckgres.pgwire.BackendMessages;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a decided connection to a worker, on the event loops unless it must wait for a worker.
 * One instance per control plane.
 */
public final class Handoff {
  private static final Logger LOG = LoggerFactory.getLogger(Handoff.class);
  private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(15);
  /** Workers tried for one connection: a dead or draining one gives way to the next. */
  private static final int ATTEMPTS = 4;

  private final WorkerPool pool;
  private final ExecutorService executor;
  private final ControlPlaneMetrics metrics;
  private final AtomicInteger inFlight =
      new AtomicInteger();

  public Handoff(WorkerPool pool, ExecutorService executor,
      ControlPlaneMetrics metrics) {
    this.pool = pool;
    this.executor = executor;
    this.metrics = metrics;
  }

  /** Connections decided but not yet handed over (a handover waits for them to finish). */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Called on the connection's event loop. With a worker free now (the usual case) the whole
   * hand-off runs on event loops, chained by listeners: no thread waits and none is woken
   * except the ones that do I/O. Only when no worker is free does it wait, on the executor.
   */
  void handOff(Channel channel, Prelude prelude, byte[] replay) {
    long decided = System.nanoTime();
    inFlight.incrementAndGet();
    Optional<WorkerPool.WorkerRef> worker = pool.tryAcquire();
    if (worker.isPresent()) {
      release(channel, worker.get(), prelude, replay, decided);
      return;
    }
    try {
      executor.execute(() -> {
        Optional<WorkerPool.WorkerRef> waited = pool.acquire(ACQUIRE_TIMEOUT);
        if (waited.isEmpty()) {
          noWorker(channel);
          inFlight.decrementAndGet();
        } else {
          release(channel, waited.get(), prelude, replay, decided);
        }
      });
    } catch (RejectedExecutionException overloaded) {
      inFlight.decrementAndGet();
      LOG.warn("hand-off queue full; closing connection from {}", ConnectionPrelude.remote(channel));
      channel.close();
    }
  }

  private void noWorker(Channel channel) {
    metrics.handoffFailed();
    LOG.error("no worker available for a connection from {}", ConnectionPrelude.remote(channel));
    // Still before 'S': the client reads this as the answer to its SSLRequest or startup.
    ByteBuf out = channel.alloc().buffer();
    BackendMessages.errorResponse(out, PgException.fatal(SqlState.CANNOT_CONNECT_NOW,
        "no worker is available to serve this connection; try again"));
    channel.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * Answers 'S' (the client builds its ClientHello while the socket travels), takes the channel
   * out of this process's epoll so no event here can close the fd (and let the number be
   * reused) while it is in flight, then sends it.
   */
  private void release(Channel channel, WorkerPool.WorkerRef worker, Prelude prelude,
      byte[] replay, long decided) {
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
        attempt(channel, fd, worker, prelude, replay, decided, 1);
      });
    });
  }

  private void lostBeforeHandOff(Channel channel, Throwable cause) {
    LOG.debug("connection from {} lost before hand-off: {}", ConnectionPrelude.remote(channel), cause.toString());
    channel.unsafe().closeForcibly();
    inFlight.decrementAndGet();
  }

  private void attempt(Channel channel, int fd, WorkerPool.WorkerRef worker, Prelude prelude,
      byte[] replay, long decided, int attempt) {
    worker.handOff(fd, prelude, replay).whenComplete((held, unknown) -> {
      if (unknown == null && held) {
        metrics.handoffTook(Duration.ofNanos(System.nanoTime() - decided));
        finish(channel);
      } else if (unknown != null) {
        metrics.handoffFailed();
        LOG.error("hand-off of the connection from {} failed: {}", ConnectionPrelude.remote(channel),
            unknown.getCause() == null ? unknown : unknown.getCause().getMessage());
        finish(channel);
      } else if (attempt >= ATTEMPTS) {
        metrics.handoffFailed();
        LOG.error("no worker took the connection from {}", ConnectionPrelude.remote(channel));
        finish(channel);
      } else {
        // Not taken, socket untouched: another worker may have it.
        Optional<WorkerPool.WorkerRef> next = pool.tryAcquire();
        if (next.isPresent()) {
          attempt(channel, fd, next.get(), prelude, replay, decided, attempt + 1);
          return;
        }
        try {
          executor.execute(() -> {
            Optional<WorkerPool.WorkerRef> waited = pool.acquire(ACQUIRE_TIMEOUT);
            if (waited.isEmpty()) {
              metrics.handoffFailed();
              LOG.error("no worker took the connection from {}", ConnectionPrelude.remote(channel));
              finish(channel);
            } else {
              attempt(channel, fd, waited.get(), prelude, replay, decided, attempt + 1);
            }
          });
        } catch (RejectedExecutionException overloaded) {
          metrics.handoffFailed();
          finish(channel);
        }
      }
    });
  }

  /** Closes our copy only: the worker, if it took the socket, holds its own. */
  private void finish(Channel channel) {
    channel.unsafe().closeForcibly();
    inFlight.decrementAndGet();
  }

  void cancel(Channel channel, int processId, int secretKey) {
    submit(channel, () -> {
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
        channel.close();
      }
    });
  }

  private void submit(Channel channel, Runnable task) {
    inFlight.incrementAndGet();
    try {
      executor.execute(() -> {
        try {
          task.run();
        } finally {
          inFlight.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException overloaded) {
      inFlight.decrementAndGet();
      LOG.warn("hand-off queue full; closing connection from {}", ConnectionPrelude.remote(channel));
      channel.close();
    }
  }
}
