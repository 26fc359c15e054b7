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
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event loops of client connections: every channel registered here gets a {@link
 * ConnectionLoop} of its own, which ends a little after the channel closes (once the session's
 * last tasks, such as releasing its DuckDB connection, have run). Connections never share a
 * thread, so a session may run DuckDB on its loop without holding up any other client.
 */
public final class ConnectionLoops extends AbstractEventExecutorGroup implements IoEventLoopGroup {
  /** A loop ends once no task arrived for this long after its channel closed. */
  private static final long QUIET_MILLIS = 100;
  /** ...or at the latest this long after (a task still running then is not interrupted). */
  private static final long RETIRE_TIMEOUT_MILLIS = 10_000;

  private final IoHandlerFactory io;
  private final ThreadFactory threads = new DefaultThreadFactory("duckgres-connection", true);
  private final Set<ConnectionLoop> loops = ConcurrentHashMap.newKeySet();
  private final Promise<Void> terminated = GlobalEventExecutor.INSTANCE.newPromise();
  private volatile boolean shuttingDown;

  public ConnectionLoops(IoHandlerFactory io) {
    this.io = io;
  }

  /** A new loop, for one channel (what the channel registration methods below use). */
  @Override
  public IoEventLoop next() {
    if (shuttingDown) {
      throw new IllegalStateException("the server is shutting down");
    }
    ConnectionLoop loop = new ConnectionLoop(this, threads, io);
    loops.add(loop);
    loop.terminationFuture().addListener(done -> {
      loops.remove(loop);
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

  private static void retireWith(Channel channel, IoEventLoop loop) {
    channel.closeFuture().addListener(closed ->
        loop.shutdownGracefully(QUIET_MILLIS, RETIRE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
  }

  @Override
  public Iterator<EventExecutor> iterator() {
    List<EventExecutor> current = new ArrayList<>(loops);
    return current.iterator();
  }

  @Override
  public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
    shuttingDown = true;
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
