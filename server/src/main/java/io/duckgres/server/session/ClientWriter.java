package io.duckgres.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Collects a session's outgoing messages into one buffer and hands it to the channel in batches,
 * from the session's own thread. When the client reads slower than DuckDB produces, the channel
 * stops being writable and {@link #send()} blocks this thread until the client has caught up, so
 * a huge result never piles up in server memory. On a session that runs on its connection's own
 * loop ({@link ConnectionLoop}) the write goes straight to the socket, and the wait handles the
 * connection's I/O meanwhile; elsewhere (a session on a shared pool) the I/O thread writes and
 * signals writability.
 */
public final class ClientWriter {
  /** Batches are handed to the channel once they reach this size. */
  static final int BATCH_BYTES = 64 * 1024;

  private final Channel channel;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition writable = lock.newCondition();
  private ByteBuf buffer;

  public ClientWriter(Channel channel) {
    this.channel = channel;
  }

  /** The buffer to write the next message into. */
  public ByteBuf buffer() {
    if (buffer == null) {
      buffer = channel.alloc().ioBuffer(BATCH_BYTES + 1024);
    }
    return buffer;
  }

  /** Hands the batch over once it is large enough; call after each message of a long stream. */
  public void maybeSend() {
    if (buffer != null && buffer.readableBytes() >= BATCH_BYTES) {
      send();
    }
  }

  /** Hands everything written so far to the channel and flushes it. */
  public void send() {
    if (buffer == null || !buffer.isReadable()) {
      return;
    }
    ByteBuf batch = buffer;
    buffer = null;
    awaitWritable();
    if (!channel.isActive()) {
      batch.release();
      throw new ClientGoneException();
    }
    channel.writeAndFlush(batch, channel.voidPromise());
  }

  /** Forgets the current buffer without releasing it: the caller took ownership of it. */
  void discardWithoutRelease() {
    buffer = null;
  }

  /** Drops anything unsent (used when the connection is already gone). */
  public void discard() {
    if (buffer != null) {
      buffer.release();
      buffer = null;
    }
  }

  private void awaitWritable() {
    if (channel.isWritable()) {
      return;
    }
    if (channel.eventLoop() instanceof ConnectionLoop loop && loop.inEventLoop()) {
      // This thread is the connection's loop: nobody else drains the socket, so it handles the
      // connection's I/O itself until the client has read enough (or has gone).
      while (!channel.isWritable() && channel.isActive() && loop.awaitIo()) {
        if (Thread.currentThread().isInterrupted()) {
          throw new ClientGoneException();
        }
      }
      if (channel.isWritable() || !channel.isActive()) {
        return;
      }
    }
    lock.lock();
    try {
      while (!channel.isWritable() && channel.isActive()) {
        writable.await(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientGoneException();
    } finally {
      lock.unlock();
    }
  }

  /** Called from the I/O thread when the channel's writability changes or it closes. */
  public void wakeUp() {
    lock.lock();
    try {
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The client disconnected while we were sending to it. */
  public static final class ClientGoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClientGoneException() {
      super("client connection closed", null, false, false);
    }
  }
}
