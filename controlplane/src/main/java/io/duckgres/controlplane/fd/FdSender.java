package io.duckgres.controlplane.fd;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The control plane's end of the hand-off to one worker (see {@link FdReceiver} for the wire
 * format): an fd connection on which client sockets leave with SCM_RIGHTS, and a note connection
 * carrying, per socket, how far the control plane got and the worker's acknowledgement.
 *
 * <p>{@link #handOff} never blocks: it queues the fd and its note and returns a future that
 * completes when the worker has adopted the socket. The caller keeps its own copy of the fd open
 * until then, so a socket the worker refused or never took can still go to another worker.
 */
public final class FdSender implements AutoCloseable {
  /** Why a hand-off did not end with the worker holding the socket. */
  public enum Failure {
    /** The fd never left this process. */
    NOT_SENT,
    /** The worker refused it untouched (not configured, draining). */
    REFUSED,
    /** The connection to the worker closed before it answered: the worker is gone. */
    WORKER_GONE,
    /** A live worker did not answer in time: the socket's fate is unknown. */
    NO_ANSWER
  }

  /** A hand-off that did not end with the worker holding the socket. */
  public static final class HandOffException extends IOException {
    private static final long serialVersionUID = 1L;
    private final Failure failure;

    public HandOffException(Failure failure, String message) {
      super(message);
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
    }
  }

  private final Channel fds;
  private final Channel notes;
  private final Duration answerTimeout;
  /** A hand-off waiting for the worker's answer. */
  private record Pending(CompletableFuture<Integer> answer, long deadlineNanos) {}

  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private long nextSequence;
  /** Notes handed to the event loop and not yet written (guarded by this). */
  private int notesQueued;

  private FdSender(Channel fds, Channel notes, Duration answerTimeout) {
    this.fds = fds;
    this.notes = notes;
    this.answerTimeout = answerTimeout;
  }

  /**
   * Connects both channels to the worker's fd socket, waiting up to {@code timeout}. Blocks: call
   * it off the event loops. {@code answerTimeout} bounds the wait for each acknowledgement.
   */
  public static FdSender connect(EventLoopGroup group, Path path, Duration timeout,
      Duration answerTimeout) throws IOException {
    CompletableFuture<Long> streamId = new CompletableFuture<>();
    // Both connections on one event loop: a hand-off then wakes one thread here, not two.
    EventLoop loop = group.next();
    Channel fds;
    try {
      fds = open(loop, path, timeout, new StreamIdReader(streamId));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + path, e);
    }
    Channel notes = null;
    try {
      fds.writeAndFlush(fds.alloc().buffer(1).writeByte(FdReceiver.FD_STREAM));
      long id = streamId.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      AckReader acks = new AckReader();
      notes = open(loop, path, timeout, acks);
      FdSender sender = new FdSender(fds, notes, answerTimeout);
      acks.sender = sender;
      notes.writeAndFlush(notes.alloc().buffer(13)
          .writeByte(FdReceiver.NOTE_STREAM).writeInt(8).writeLong(id)).sync();
      // Either connection closing means the worker is gone: every open hand-off fails with it.
      fds.closeFuture().addListener(closed -> sender.close());
      notes.closeFuture().addListener(closed -> sender.close());
      // Unanswered hand-offs time out here, not with a task each: scheduling one from the
      // client's thread would wake this loop on every connection.
      ScheduledFuture<?> sweep = loop.scheduleAtFixedRate(sender::expire, 1, 1, TimeUnit.SECONDS);
      notes.closeFuture().addListener(closed -> sweep.cancel(false));
      return sender;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fds.close();
      if (notes != null) {
        notes.close();
      }
      throw new IOException("interrupted while connecting to " + path, e);
    } catch (Exception e) {
      fds.close();
      if (notes != null) {
        notes.close();
      }
      throw new IOException("cannot open the hand-off connections to " + path + ": " + e, e);
    }
  }

  private static Channel open(EventLoop loop, Path path, Duration timeout,
      ChannelHandler handler) throws IOException, InterruptedException {
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(EpollDomainSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
        .handler(new ChannelInitializer<EpollDomainSocketChannel>() {
          @Override
          protected void initChannel(EpollDomainSocketChannel channel) {
            if (handler instanceof AckReader) {
              channel.pipeline().addLast(new FixedLengthFrameDecoder(FdReceiver.ACK_LENGTH));
            }
            channel.pipeline().addLast(handler);
          }
        });
    ChannelFuture connected = bootstrap.connect(new DomainSocketAddress(path.toFile()));
    if (!connected.await(timeout.toMillis()) || !connected.isSuccess()) {
      connected.channel().close();
      throw new IOException("cannot connect to " + path + ": "
          + (connected.cause() == null ? "timed out" : connected.cause().getMessage()));
    }
    return connected.channel();
  }

  /** Runs {@code action} once either connection is closed, by either side. */
  public void onClose(Runnable action) {
    fds.closeFuture().addListener(closed -> action.run());
    notes.closeFuture().addListener(closed -> action.run());
  }

  public boolean isOpen() {
    return fds.isActive() && notes.isActive();
  }

  /**
   * Sends {@code fd} (which stays open here: the caller closes its copy once the future
   * completes, whatever the outcome) and its note. The future completes with the worker's
   * connection count once it adopted the socket, or fails with a {@link HandOffException}.
   *
   * <p>Both leave on the calling thread with plain sendmsg/write on the two sockets rather than
   * through their event loop, which would cost a thread wake-up on the client's critical path
   * (the client's TLS ClientHello waits in the socket until the worker has it). Only this method
   * writes on these sockets, under this lock, so sequence numbers follow the order in which fds
   * leave; a note the socket cannot take at once goes through the event loop, and so do the
   * notes after it until it has left.
   */
  public synchronized CompletableFuture<Integer> handOff(int fd, int prelude, byte[] replay) {
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    if (!isOpen()) {
      answer.completeExceptionally(new HandOffException(Failure.NOT_SENT,
          "hand-off connection to the worker is closed"));
      return answer;
    }
    long sequence = nextSequence;
    try {
      if (((Socket) ((EpollDomainSocketChannel) fds).fd()).sendFd(fd) <= 0) {
        // A worker that lets its fd socket fill up is stuck: better another one.
        answer.completeExceptionally(new HandOffException(Failure.NOT_SENT,
            "the worker's fd socket is full"));
        return answer;
      }
    } catch (IOException e) {
      answer.completeExceptionally(new HandOffException(Failure.NOT_SENT,
          "sending the socket failed: " + e.getMessage()));
      return answer;
    }
    nextSequence++;
    pending.put(sequence, new Pending(answer, System.nanoTime() + answerTimeout.toNanos()));
    ByteBuf note = notes.alloc().directBuffer(4 + 9 + replay.length)
        .writeInt(9 + replay.length).writeLong(sequence).writeByte(prelude).writeBytes(replay);
    try {
      if (notesQueued == 0) {
        int written = ((EpollDomainSocketChannel) notes).fd()
            .write(note.nioBuffer(), 0, note.readableBytes());
        note.skipBytes(written);
      }
    } catch (IOException e) {
      note.release();
      // The fd has left: the worker drops it unpaired. Its fate here: the worker is gone.
      fail(sequence, Failure.WORKER_GONE, "sending the note failed: " + e.getMessage());
      return answer;
    }
    if (note.isReadable()) {
      notesQueued++;
      notes.writeAndFlush(note).addListener(written -> {
        synchronized (this) {
          notesQueued--;
        }
        if (!written.isSuccess()) {
          fail(sequence, Failure.WORKER_GONE, "sending the note failed: " + written.cause());
        }
      });
    } else {
      note.release();
    }
    return answer;
  }

  private void expire() {
    long now = System.nanoTime();
    pending.forEach((sequence, waiting) -> {
      if (now - waiting.deadlineNanos() > 0) {
        fail(sequence, Failure.NO_ANSWER, "the worker did not answer within " + answerTimeout);
      }
    });
  }

  private void fail(long sequence, Failure failure, String message) {
    Pending waiting = pending.remove(sequence);
    if (waiting != null) {
      waiting.answer().completeExceptionally(new HandOffException(failure, message));
    }
  }

  private void answered(long sequence, byte status, int connections) {
    Pending waiting = pending.remove(sequence);
    if (waiting == null) {
      return; // Already failed (timed out); the worker's late answer changes nothing here.
    }
    CompletableFuture<Integer> answer = waiting.answer();
    if (status == FdReceiver.ADOPTED) {
      answer.complete(connections);
    } else {
      answer.completeExceptionally(
          new HandOffException(Failure.REFUSED, "the worker refused the connection"));
    }
  }

  @Override
  public void close() {
    fds.close();
    notes.close();
    for (Long sequence : pending.keySet()) {
      fail(sequence, Failure.WORKER_GONE, "the hand-off connection to the worker closed");
    }
  }

  private static final class StreamIdReader extends SimpleChannelInboundHandler<ByteBuf> {
    private final CompletableFuture<Long> streamId;
    private final ByteBuf pending = io.netty.buffer.Unpooled.buffer(8);

    StreamIdReader(CompletableFuture<Long> streamId) {
      this.streamId = streamId;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf message) {
      if (streamId.isDone()) {
        return; // The worker sends nothing else.
      }
      pending.writeBytes(message, Math.min(message.readableBytes(), pending.writableBytes()));
      if (pending.readableBytes() == 8) {
        streamId.complete(pending.readLong());
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      streamId.completeExceptionally(new IOException("worker closed the fd socket"));
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      streamId.completeExceptionally(cause);
      ctx.close();
    }
  }

  /** int64 sequence | int8 status | int32 connections, one per note. */
  private static final class AckReader extends SimpleChannelInboundHandler<ByteBuf> {
    private volatile FdSender sender;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf ack) {
      FdSender target = sender;
      if (target != null) {
        target.answered(ack.readLong(), ack.readByte(), ack.readInt());
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** For tests: waits for a hand-off's answer. */
  static int await(CompletableFuture<Integer> answer, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }
}
