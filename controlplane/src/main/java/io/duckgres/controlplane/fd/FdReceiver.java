package io.duckgres.controlplane.fd;

import io.netty.bootstrap.ServerBootstrap;
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
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's end of fd passing: a Unix socket on which control planes send client sockets with
 * SCM_RIGHTS (Netty epoll in {@link DomainSocketReadMode#FILE_DESCRIPTORS} mode).
 *
 * <p>An fd carries no name of its own, so each connection to this socket gets a stream id, which
 * the worker writes to the control plane as 8 bytes on connect; the n-th fd received on that
 * connection is then (stream id, n). The control plane names it so in AcceptConnection, which may
 * arrive before or after the fd itself: {@link #take} waits. An fd no call claims within {@link
 * #UNCLAIMED_FD_LIFETIME} is closed, so a control plane that died between sending and calling
 * leaks nothing.
 */
public final class FdReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FdReceiver.class);
  static final Duration UNCLAIMED_FD_LIFETIME = Duration.ofSeconds(30);

  private record Key(long streamId, long sequence) {}

  private final Map<Key, CompletableFuture<Integer>> arrivals = new ConcurrentHashMap<>();
  private final AtomicLong nextStreamId = new AtomicLong(new SecureRandom().nextInt() & 0xFFFFFFL);
  private final Path path;
  private Channel server;

  private FdReceiver(Path path) {
    this.path = path;
  }

  /** Binds the socket (replacing a stale socket file left by a dead process). */
  public static FdReceiver bind(EventLoopGroup group, Path path) throws IOException {
    Files.deleteIfExists(path);
    FdReceiver receiver = new FdReceiver(path);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(EpollServerDomainSocketChannel.class)
        .childOption(EpollChannelOption.DOMAIN_SOCKET_READ_MODE,
            DomainSocketReadMode.FILE_DESCRIPTORS)
        .childHandler(new ChannelInitializer<EpollDomainSocketChannel>() {
          @Override
          protected void initChannel(EpollDomainSocketChannel channel) {
            channel.pipeline().addLast(receiver.new Stream());
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

  /**
   * The fd sent as (streamId, sequence), waiting for it up to {@code timeout}. The caller owns the
   * returned fd and must close it if it does not use it.
   */
  public int take(long streamId, long sequence, Duration timeout)
      throws TimeoutException, InterruptedException {
    Key key = new Key(streamId, sequence);
    CompletableFuture<Integer> arrival = arrivals.computeIfAbsent(key, k -> new CompletableFuture<>());
    int fd;
    try {
      fd = arrival.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | InterruptedException e) {
      // Whoever removes the entry owns the fd: here it has not arrived, or is closed right away.
      if (arrivals.remove(key, arrival) && arrival.isDone()) {
        closeQuietly(arrival.join());
      }
      throw e;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    if (!arrivals.remove(key, arrival)) {
      throw new TimeoutException("fd " + key + " expired before it was claimed");
    }
    return fd;
  }

  private void arrived(Key key, int fd, Channel channel) {
    CompletableFuture<Integer> arrival = arrivals.computeIfAbsent(key, k -> new CompletableFuture<>());
    if (!arrival.complete(fd)) {
      LOG.warn("fd {} arrived twice; closing the second", key);
      closeQuietly(fd);
      return;
    }
    channel.eventLoop().schedule(() -> {
      if (arrivals.remove(key, arrival)) {
        LOG.warn("no AcceptConnection claimed fd {} within {}; closed it", key,
            UNCLAIMED_FD_LIFETIME);
        closeQuietly(fd);
      }
    }, UNCLAIMED_FD_LIFETIME.toMillis(), TimeUnit.MILLISECONDS);
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
    arrivals.forEach((key, arrival) -> {
      if (arrivals.remove(key, arrival) && arrival.isDone()) {
        closeQuietly(arrival.join());
      }
    });
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.debug("removing {}: {}", path, e.toString());
    }
  }

  /** One control plane's connection: announces its stream id, then receives fds in order. */
  private final class Stream extends ChannelInboundHandlerAdapter {
    private final long streamId = nextStreamId.incrementAndGet();
    private long sequence;

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      ctx.writeAndFlush(ctx.alloc().buffer(8).writeLong(streamId));
      super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (message instanceof FileDescriptor) {
        arrived(new Key(streamId, sequence++), ((FileDescriptor) message).intValue(),
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
}
