package io.duckgres.controlplane.handover;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A strictly turn-taking conversation over a Unix socket, in blocking style for the handover
 * protocol: length-prefixed frames ({@code int32 length | bytes}) and, in between, file
 * descriptors with SCM_RIGHTS. Netty reads a domain socket either as bytes or as fds; the side
 * about to receive an fd switches with {@link #expectFileDescriptor()} before it asks for it, so
 * nothing is in flight while the mode changes.
 */
final class UnixConversation implements AutoCloseable {
  private static final Object CLOSED = new Object();
  private static final int MAX_FRAME = 16 * 1024 * 1024;

  private final Channel channel;
  private final BlockingQueue<Object> inbound;
  private final ByteBuf pending = Unpooled.buffer();

  private UnixConversation(Channel channel, BlockingQueue<Object> inbound) {
    this.channel = channel;
    this.inbound = inbound;
  }

  /** A handler that feeds a conversation; put it in the pipeline of an accepted channel. */
  static final class Feed extends ChannelInboundHandlerAdapter {
    final BlockingQueue<Object> inbound = new LinkedBlockingQueue<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (message instanceof ByteBuf) {
        ByteBuf bytes = (ByteBuf) message;
        byte[] copy = new byte[bytes.readableBytes()];
        bytes.readBytes(copy);
        bytes.release();
        inbound.add(copy);
      } else if (message instanceof FileDescriptor) {
        inbound.add(message);
      } else {
        ReferenceCountUtil.release(message);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      inbound.add(CLOSED);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      inbound.add(cause);
      ctx.close();
    }

    UnixConversation conversation(Channel channel) {
      return new UnixConversation(channel, inbound);
    }
  }

  /** Connects to {@code path}; fails fast when nobody listens there. */
  static UnixConversation connect(EventLoopGroup group, Path path, Duration timeout)
      throws IOException {
    Feed feed = new Feed();
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(EpollDomainSocketChannel.class)
        .handler(new ChannelInitializer<EpollDomainSocketChannel>() {
          @Override
          protected void initChannel(EpollDomainSocketChannel channel) {
            channel.pipeline().addLast(feed);
          }
        });
    ChannelFuture connected = bootstrap.connect(new DomainSocketAddress(path.toFile()));
    try {
      if (!connected.await(timeout.toMillis()) || !connected.isSuccess()) {
        connected.channel().close();
        throw new IOException(connected.cause() == null ? "timed out"
            : String.valueOf(connected.cause().getMessage()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return feed.conversation(connected.channel());
  }

  void send(byte[] frame) throws IOException {
    ByteBuf out = channel.alloc().buffer(4 + frame.length).writeInt(frame.length).writeBytes(frame);
    await(channel.writeAndFlush(out));
  }

  void sendFileDescriptor(int fd) throws IOException {
    await(channel.writeAndFlush(new FileDescriptor(fd)));
  }

  byte[] receive(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (pending.readableBytes() >= 4) {
        int length = pending.getInt(pending.readerIndex());
        if (length < 0 || length > MAX_FRAME) {
          throw new IOException("bad frame length " + length);
        }
        if (pending.readableBytes() >= 4 + length) {
          pending.skipBytes(4);
          byte[] frame = new byte[length];
          pending.readBytes(frame);
          pending.discardReadBytes();
          return frame;
        }
      }
      Object next = next(deadline);
      if (!(next instanceof byte[])) {
        throw new IOException("expected bytes, got " + next);
      }
      pending.writeBytes((byte[]) next);
    }
  }

  /** Switches this side to reading fds; call before telling the peer to send one. */
  void expectFileDescriptor() throws IOException {
    setReadMode(DomainSocketReadMode.FILE_DESCRIPTORS);
  }

  int receiveFileDescriptor(Duration timeout) throws IOException {
    Object next = next(System.nanoTime() + timeout.toNanos());
    if (!(next instanceof FileDescriptor)) {
      throw new IOException("expected a file descriptor, got " + next);
    }
    setReadMode(DomainSocketReadMode.BYTES);
    return ((FileDescriptor) next).intValue();
  }

  private void setReadMode(DomainSocketReadMode mode) throws IOException {
    EpollDomainSocketChannel domain = (EpollDomainSocketChannel) channel;
    try {
      channel.eventLoop().submit(() -> domain.config().setReadMode(mode)).sync();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private Object next(long deadlineNanos) throws IOException {
    Object next;
    try {
      next = inbound.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (next == null) {
      throw new IOException("timed out waiting for the other control plane");
    }
    if (next == CLOSED) {
      throw new IOException("the other control plane closed the connection");
    }
    if (next instanceof Throwable) {
      throw new IOException("handover connection failed: " + next, (Throwable) next);
    }
    return next;
  }

  private static void await(ChannelFuture future) throws IOException {
    try {
      if (!future.await(10_000) || !future.isSuccess()) {
        throw new IOException("write failed: " + future.cause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    channel.close();
  }
}
