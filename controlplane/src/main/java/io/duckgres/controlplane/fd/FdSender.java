package io.duckgres.controlplane.fd;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The control plane's end of fd passing to one worker: one Unix-socket connection to the worker's
 * {@link FdReceiver}, on which client sockets go out with SCM_RIGHTS, in order. {@link #send}
 * returns the name (stream id, sequence) under which the worker will find the fd.
 */
public final class FdSender implements AutoCloseable {
  /** Where the worker finds a sent fd: pass both to AcceptConnection. */
  public record Sent(long streamId, long sequence) {}

  private final Channel channel;
  private final long streamId;
  private long nextSequence;

  private FdSender(Channel channel, long streamId) {
    this.channel = channel;
    this.streamId = streamId;
  }

  public static FdSender connect(EventLoopGroup group, Path path, Duration timeout)
      throws IOException {
    CompletableFuture<Long> streamId = new CompletableFuture<>();
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(EpollDomainSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
        .handler(new ChannelInitializer<EpollDomainSocketChannel>() {
          @Override
          protected void initChannel(EpollDomainSocketChannel channel) {
            channel.pipeline().addLast(new StreamIdReader(streamId));
          }
        });
    Channel channel;
    try {
      ChannelFuture connected = bootstrap.connect(new DomainSocketAddress(path.toFile()));
      if (!connected.await(timeout.toMillis()) || !connected.isSuccess()) {
        connected.channel().close();
        throw new IOException("cannot connect to " + path + ": "
            + (connected.cause() == null ? "timed out" : connected.cause().getMessage()));
      }
      channel = connected.channel();
      return new FdSender(channel, streamId.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + path, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("no stream id from " + path + ": " + e, e);
    }
  }

  /** Runs {@code action} once this connection is closed, by either side. */
  public void onClose(Runnable action) {
    channel.closeFuture().addListener(closed -> action.run());
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /**
   * Sends {@code fd} (which stays open here: the caller closes its copy once the worker has taken
   * the socket) and returns the name the worker knows it by. Synchronized so that the sequence
   * numbers follow the order the fds leave in.
   */
  public synchronized Sent send(int fd, Duration timeout) throws IOException {
    if (!channel.isActive()) {
      throw new IOException("fd connection to the worker is closed");
    }
    long sequence = nextSequence++;
    ChannelFuture written = channel.writeAndFlush(new FileDescriptor(fd));
    try {
      if (!written.await(timeout.toMillis())) {
        channel.close();
        throw new IOException("sending the socket to the worker timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.close();
      throw new IOException("interrupted while sending a socket", e);
    }
    if (!written.isSuccess()) {
      channel.close();
      throw new IOException("sending the socket to the worker failed: " + written.cause(),
          written.cause());
    }
    return new Sent(streamId, sequence);
  }

  @Override
  public void close() {
    channel.close();
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
}
