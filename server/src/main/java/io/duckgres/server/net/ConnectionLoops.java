package io.duckgres.server.net;

import io.duckgres.server.session.ConnectionLoop;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event loops of client connections: every channel registered here gets a {@link
 * ConnectionLoop} to itself, so a session may run DuckDB on its loop without holding up any other
 * client. When a connection has closed and its session's last tasks (such as releasing its DuckDB
 * connection) have run, the loop waits, idle, for the next connection: a thread that served
 * connections before has its caches (allocators, JIT-compiled loop) warm, and creating one per
 * connection would cost connection setup about 2 ms of CPU. Idle loops end after a minute, and
 * at most {@link #MAX_IDLE} wait at once.
 */
public final class ConnectionLoops extends AbstractEventExecutorGroup implements IoEventLoopGroup {
  static final int MAX_IDLE = 16;
  private static final long IDLE_SECONDS = 60;
  /** A loop still busy after this many checks (a task that keeps requeueing) is ended instead. */
  private static final int MAX_FREE_CHECKS = 10_000;
  /** An ending loop waits this long for its queued tasks (a running one is not interrupted). */
  private static final long RETIRE_TIMEOUT_MILLIS = 10_000;

  private final IoHandlerFactory io;
  private final ThreadFactory threads = new DefaultThreadFactory("duckgres-connection", true);
  private final Set<ConnectionLoop> loops = ConcurrentHashMap.newKeySet();
  /** Loops waiting for a connection, the most recently used first. */
  private final Deque<ConnectionLoop> idle = new ConcurrentLinkedDeque<>();
  private final Promise<Void> terminated = GlobalEventExecutor.INSTANCE.newPromise();
  private volatile boolean shuttingDown;

  public ConnectionLoops(IoHandlerFactory io) {
    this.io = io;
  }

  /** A loop for one channel: an idle one, else a new one. */
  @Override
  public IoEventLoop next() {
    if (shuttingDown) {
      throw new IllegalStateException("the server is shutting down");
    }
    ConnectionLoop reused = idle.pollFirst();
    if (reused != null) {
      return reused;
    }
    ConnectionLoop loop = new ConnectionLoop(this, threads, io);
    loops.add(loop);
    loop.terminationFuture().addListener(done -> {
      loops.remove(loop);
      idle.remove(loop);
      if (shuttingDown && loops.isEmpty()) {
        terminated.trySuccess(null);
      }
    });
    return loop;
  }

  @Override
  public ChannelFuture register(Channel channel) {
    IoEventLoop loop = next();
    retireWith(channel, loop);
    return loop.register(channel);
  }

  @Override
  public ChannelFuture register(ChannelPromise promise) {
    IoEventLoop loop = next();
    retireWith(promise.channel(), loop);
    return loop.register(promise);
  }

  @Override
  @Deprecated
  public ChannelFuture register(Channel channel, ChannelPromise promise) {
    return register(promise);
  }

  private void retireWith(Channel channel, IoEventLoop loop) {
    channel.closeFuture().addListener(closed -> {
      try {
        loop.execute(() -> release((ConnectionLoop) loop, 0));
      } catch (RejectedExecutionException shutDown) {
        // The server is shutting down: the loop ends with it.
      }
    });
  }

  /**
   * On {@code loop}: once it has run every task its closed channel left (the session's last
   * replies and its DuckDB connection's release come after the close), it waits for the next
   * connection, or ends when enough loops wait already.
   */
  private void release(ConnectionLoop loop, int checks) {
    if (!loop.isFree()) {
      if (checks < MAX_FREE_CHECKS && !loop.isShuttingDown()) {
        loop.execute(() -> release(loop, checks + 1));
      } else {
        end(loop);
      }
      return;
    }
    if (shuttingDown || idle.size() >= MAX_IDLE) {
      end(loop);
      return;
    }
    idle.addFirst(loop);
    loop.schedule(() -> {
      // Still idle a minute later (not taken by a connection meanwhile): end it.
      if (loop.isFree() && idle.remove(loop)) {
        end(loop);
      }
    }, IDLE_SECONDS, TimeUnit.SECONDS);
  }

  private static void end(ConnectionLoop loop) {
    loop.shutdownGracefully(0, RETIRE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public Iterator<EventExecutor> iterator() {
    List<EventExecutor> current = new ArrayList<>(loops);
    return current.iterator();
  }

  @Override
  public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
    shuttingDown = true;
    idle.clear();
    for (ConnectionLoop loop : loops) {
      loop.shutdownGracefully(quietPeriod, timeout, unit);
    }
    if (loops.isEmpty()) {
      terminated.trySuccess(null);
    }
    return terminated;
  }

  @Override
  public Future<?> terminationFuture() {
    return terminated;
  }

  @Override
  @Deprecated
  public void shutdown() {
    shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean isShuttingDown() {
    return shuttingDown;
  }

  @Override
  public boolean isShutdown() {
    return terminated.isDone();
  }

  @Override
  public boolean isTerminated() {
    return terminated.isDone();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return terminated.await(timeout, unit);
  }
}
