package io.duckgres.controlplane.fd;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's end of the hand-off: a Unix socket on which a control plane sends client sockets
 * (SCM_RIGHTS) and, for each, a note saying how far it got with the connection. The worker adopts
 * the socket as soon as both are in and acknowledges on the note connection; no gRPC call and no
 * thread other than the event loops is on this path.
 *
 * <p>Netty's epoll transport sends an fd with a one-byte payload and, in {@link
 * DomainSocketReadMode#FILE_DESCRIPTORS} mode, reads fds only; a plain read of a stream socket
 * would consume (and the kernel close) an fd queued behind ordinary bytes. So fds and notes travel
 * on two connections from the same control plane:
 *
 * <pre>
 * fd connection:   CP: 'F'                      W: int64 stream id; from here FILE_DESCRIPTORS
 *                  CP: fd, fd, ...              (the n-th fd on the stream is sequence n)
 * note connection: CP: 'N' | int32 8 | int64 stream id
 *                  CP: int32 len | int64 sequence | int8 prelude | replay bytes   (one per fd)
 *                  W:  int64 sequence | int8 status | int32 connections          (one per note)
 * </pre>
 *
 * The control plane sends nothing after 'F' until it has read the stream id, so no fd can arrive
 * while the connection still reads bytes. The fd and its note may arrive in either order (two
 * sockets, possibly two event loops); whichever comes second completes the pair. An fd or note
 * left unpaired for {@link #UNPAIRED_LIFETIME} is dropped (the fd closed), so a control plane that
 * died between the two leaks nothing.
 */
public final class FdReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FdReceiver.class);
  static final Duration UNPAIRED_LIFETIME = Duration.ofSeconds(30);
  static final byte FD_STREAM = 'F';
  static final byte NOTE_STREAM = 'N';
  /** Ack status: the worker took the socket; it is its own from now on. */
  static final byte ADOPTED = 0;
  /** Ack status: refused untouched (not configured, draining); the sender may try elsewhere. */
  static final byte REFUSED = 1;
  static final int ACK_LENGTH = 8 + 1 + 4;
  /** Startup packet, anything pipelined behind it, and the header: generous, but bounded. */
  static final int MAX_NOTE_LENGTH = 1 << 20;

  /** What the worker does with a socket: returns its connection count, or throws if refused. */
  @FunctionalInterface
  public interface Adopter {
    /**
     * @throws IllegalStateException when refused; the fd is then untouched and closed here
     */
    int adopt(int fd, int prelude, byte[] replay);
  }

  private record Key(long streamId, long sequence) {}

  /** Half of a pair: an fd that came first, or a note that came first. */
  private record Half(int fd, Note note) {}

  private record Note(int prelude, byte[] replay, Channel ackTo) {}

  private final Map<Key, Half> unpaired = new ConcurrentHashMap<>();
  private final AtomicLong nextStreamId = new AtomicLong(new SecureRandom().nextInt() & 0xFFFFFFL);
  private final Path path;
  private final Adopter adopter;
  private Channel server;

  private FdReceiver(Path path, Adopter adopter) {
    this.path = path;
    this.adopter = adopter;
  }

  /** Binds the socket (replacing a stale socket file left by a dead process). */
  public static FdReceiver bind(EventLoopGroup group, Path path, Adopter adopter)
      throws IOException {
    Files.deleteIfExists(path);
    FdReceiver receiver = new FdReceiver(path, adopter);
    // Every hand-off connection on one event loop: an fd and its note, which travel on two
    // connections, are then paired on one thread without waking another.
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group, group.next())
        .channel(EpollServerDomainSocketChannel.class)
        .childHandler(new ChannelInitializer<EpollDomainSocketChannel>() {
          @Override
          protected void initChannel(EpollDomainSocketChannel channel) {
            channel.pipeline().addLast("kind", receiver.new StreamKind());
          }
        });
    try {
      receiver.server = bootstrap.bind(new DomainSocketAddress(path.toFile())).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while binding " + path, e);
    } catch (Exception e) {
      throw new IOException("cannot listen on " + path + ": " + e.getMessage(), e);
    }
    return receiver;
  }

  private void fdArrived(Key key, int fd, Channel channel) {
    Half other = unpaired.remove(key);
    if (other != null && other.note() != null) {
      adopt(key, fd, other.note());
      return;
    }
    if (other != null) {
      LOG.warn("fd {} arrived twice; closing the second", key);
      unpaired.put(key, other);
      closeQuietly(fd);
      return;
    }
    Half mine = new Half(fd, null);
    Half raced = unpaired.putIfAbsent(key, mine);
    if (raced != null) {
      // The note came in between, from the other event loop.
      unpaired.remove(key, raced);
      adopt(key, fd, raced.note());
      return;
    }
    expire(key, mine, channel);
  }

  private void noteArrived(Key key, Note note, Channel channel) {
    Half mine = new Half(-1, note);
    Half other = unpaired.putIfAbsent(key, mine);
    if (other == null) {
      expire(key, mine, channel);
      return;
    }
    if (other.note() != null) {
      LOG.warn("note {} arrived twice; ignoring the second", key);
      return;
    }
    if (unpaired.remove(key, other)) {
      adopt(key, other.fd(), note);
    }
  }

  private void adopt(Key key, int fd, Note note) {
    byte status = ADOPTED;
    int connections = 0;
    try {
      connections = adopter.adopt(fd, note.prelude(), note.replay());
    } catch (IllegalStateException refused) {
      LOG.debug("refused connection {}: {}", key, refused.getMessage());
      closeQuietly(fd);
      status = REFUSED;
    } catch (RuntimeException e) {
      LOG.warn("adopting connection {} failed: {}", key, e.toString());
      closeQuietly(fd);
      status = REFUSED;
    }
    ByteBuf ack = note.ackTo().alloc().buffer(ACK_LENGTH)
        .writeLong(key.sequence()).writeByte(status).writeInt(connections);
    note.ackTo().writeAndFlush(ack);
  }

  private void expire(Key key, Half half, Channel channel) {
    channel.eventLoop().schedule(() -> {
      if (unpaired.remove(key, half)) {
        LOG.warn("{} {} was never paired within {}; dropped it", half.note() == null ? "fd" : "note",
            key, UNPAIRED_LIFETIME);
        if (half.note() == null) {
          closeQuietly(half.fd());
        }
      }
    }, UNPAIRED_LIFETIME.toMillis(), TimeUnit.MILLISECONDS);
  }

  public static void closeQuietly(int fd) {
    try {
      new FileDescriptor(fd).close();
    } catch (IOException e) {
      LOG.debug("closing fd {}: {}", fd, e.toString());
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    unpaired.forEach((key, half) -> {
      if (unpaired.remove(key, half) && half.note() == null) {
        closeQuietly(half.fd());
      }
    });
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.debug("removing {}: {}", path, e.toString());
    }
  }

  /** The first byte says what the connection carries; the handler then replaces itself. */
  private final class StreamKind extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      ByteBuf bytes = (ByteBuf) message;
      try {
        if (!bytes.isReadable()) {
          return;
        }
        byte kind = bytes.readByte();
        if (kind == FD_STREAM) {
          long streamId = nextStreamId.incrementAndGet();
          // Before the stream id goes out: the control plane sends its first fd only after it.
          ctx.channel().config().setOption(EpollChannelOption.DOMAIN_SOCKET_READ_MODE,
              DomainSocketReadMode.FILE_DESCRIPTORS);
          ctx.pipeline().replace(this, "fds", new FdStream(streamId));
          ctx.writeAndFlush(ctx.alloc().buffer(8).writeLong(streamId));
        } else if (kind == NOTE_STREAM) {
          ctx.pipeline().replace(this, "notes",
              new LengthFieldBasedFrameDecoder(MAX_NOTE_LENGTH + 4, 0, 4, 0, 4));
          ctx.pipeline().addLast(new NoteStream());
          if (bytes.isReadable()) {
            ctx.pipeline().fireChannelRead(bytes.retain());
          }
        } else {
          LOG.warn("unknown stream kind {} on {}; closing", kind, path);
          ctx.close();
        }
      } finally {
        bytes.release();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.warn("hand-off connection failed: {}", cause.toString());
      ctx.close();
    }
  }

  /** One control plane's fd connection: fds in order, the n-th named (stream id, n). */
  private final class FdStream extends ChannelInboundHandlerAdapter {
    private final long streamId;
    private long sequence;

    FdStream(long streamId) {
      this.streamId = streamId;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (message instanceof FileDescriptor) {
        fdArrived(new Key(streamId, sequence++), ((FileDescriptor) message).intValue(),
            ctx.channel());
      } else {
        ReferenceCountUtil.release(message);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.warn("fd stream {} failed: {}", streamId, cause.toString());
      ctx.close();
    }
  }

  /** One control plane's note connection: the stream id it belongs to, then one note per fd. */
  private final class NoteStream extends ChannelInboundHandlerAdapter {
    private long streamId = -1;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      ByteBuf frame = (ByteBuf) message;
      try {
        if (streamId < 0) {
          // The first frame names the fd stream: int32 8 | int64 stream id.
          streamId = frame.readLong();
          return;
        }
        long sequence = frame.readLong();
        int prelude = frame.readByte();
        byte[] replay = new byte[frame.readableBytes()];
        frame.readBytes(replay);
        noteArrived(new Key(streamId, sequence), new Note(prelude, replay, ctx.channel()),
            ctx.channel());
      } finally {
        frame.release();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.warn("note stream {} failed: {}", streamId, cause.toString());
      ctx.close();
    }
  }
}
