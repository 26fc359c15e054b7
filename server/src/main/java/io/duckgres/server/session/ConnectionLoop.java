package io.duckgres.server.session;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SingleThreadIoEventLoop;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event loop of one client connection, on a thread of its own. The connection's session runs
 * its statements on this loop as tasks between reads, so a statement is read, executed in DuckDB
 * and answered by one thread, with no hand-off to another thread and back (the largest cost of a
 * short statement: each hand-off is a thread wake-up). DuckDB may keep this thread busy; the
 * thread serves no other connection, so no other client waits for it, as with a PostgreSQL
 * backend process.
 *
 * <p>A statement that streams a result faster than the client reads must wait for the socket to
 * drain, and only this loop can drain it: {@link #awaitIo()} lets the running task handle the
 * connection's I/O events (writes, reads, a close) for a while without running other tasks, so
 * the session's messages still run one at a time and in order.
 */
public final class ConnectionLoop extends SingleThreadIoEventLoop {
  /** Longest single wait in {@link #awaitIo()}; the caller checks its condition in between. */
  private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** Whether the loop's own I/O handling is on the stack (a nested one must not start then). */
  private boolean inIo;

  public ConnectionLoop(IoEventLoopGroup parent, ThreadFactory threads, IoHandlerFactory io) {
    super(parent, threads, io);
  }

  @Override
  protected int runIo() {
    inIo = true;
    try {
      return super.runIo();
    } finally {
      inIo = false;
    }
  }

  /**
   * From a task on this loop: whether the loop serves nothing any more (no channel registered, no
   * task waiting), so it may take the next connection.
   */
  public boolean isFree() {
    return inEventLoop() && pendingTasks() == 0 && getNumOfRegisteredChannels() == 0;
  }

  /**
   * From a task running on this loop: waits up to 10 ms for I/O events of the connection and
   * handles them (the socket drained, bytes arrived, the peer closed). Messages read meanwhile are
   * queued as tasks behind the running one. Returns false, without waiting, when called outside
   * a task of this loop (from its I/O handling, or another thread).
   */
  boolean awaitIo() {
    if (!inEventLoop() || inIo) {
      return false;
    }
    long deadline = System.nanoTime() + WAIT_NANOS;
    inIo = true;
    try {
      ioHandler().run(new IoHandlerContext() {
        @Override
        public boolean canBlock() {
          return true;
        }

        @Override
        public long delayNanos(long currentTimeNanos) {
          return Math.max(0, deadline - currentTimeNanos);
        }

        @Override
        public long deadlineNanos() {
          return deadline;
        }
      });
    } finally {
      inIo = false;
    }
    return true;
  }
}
