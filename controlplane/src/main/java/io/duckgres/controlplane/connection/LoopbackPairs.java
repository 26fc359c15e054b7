package io.duckgres.controlplane.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairs of connected TCP sockets on loopback, made by this process for relayed sessions: one end
 * stays here and relays, the other goes to a worker like any client socket (the worker's session
 * code adopts TCP sockets; Java has no socketpair). A private listener on {@code 127.0.0.1:0}
 * accepts the far ends; each is matched to its near end by the near end's port. A connection
 * that matches nothing (another local process found the port) is closed at once.
 */
final class LoopbackPairs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoopbackPairs.class);
  private static final long PAIRING_TIMEOUT_MILLIS = 5_000;

  /** The near end (relays here) and the far end (goes to a worker, not reading here). */
  record Pair(Channel near, Channel far) {}

  private final Map<Integer, CompletableFuture<Channel>> farEnds = new ConcurrentHashMap<>();
  private final Channel listener;

  private LoopbackPairs(Channel listener) {
    this.listener = listener;
  }

  static LoopbackPairs open(EventLoopGroup group) throws InterruptedException {
    LoopbackPairs[] self = new LoopbackPairs[1];
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(EpollServerSocketChannel.class)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<EpollSocketChannel>() {
          @Override
          protected void initChannel(EpollSocketChannel far) {
            self[0].accepted(far);
          }
        });
    Channel listener = bootstrap
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    self[0] = new LoopbackPairs(listener);
    return self[0];
  }

  private void accepted(EpollSocketChannel far) {
    int port = far.remoteAddress().getPort();
    if (!far.remoteAddress().getAddress().isLoopbackAddress()) {
      far.close();
      return;
    }
    farEnds.computeIfAbsent(port, p -> new CompletableFuture<>()).complete(far);
    far.eventLoop().schedule(() -> {
      if (farEnds.remove(port) != null) {
        LOG.warn("a loopback connection from port {} matched no relay; closed", port);
        far.close();
      }
    }, PAIRING_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Connects a new pair; the near end runs on {@code loop} with {@code nearHandler}. Completes
   * once both ends exist.
   */
  CompletableFuture<Pair> connect(EventLoop loop, ChannelHandler nearHandler) {
    CompletableFuture<Pair> pair = new CompletableFuture<>();
    new Bootstrap().group(loop).channel(EpollSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.AUTO_READ, false)
        .handler(nearHandler)
        .connect(listener.localAddress())
        .addListener(connected -> {
          if (!connected.isSuccess()) {
            pair.completeExceptionally(connected.cause());
            return;
          }
          Channel near = ((io.netty.channel.ChannelFuture) connected).channel();
          int port = ((InetSocketAddress) near.localAddress()).getPort();
          farEnds.computeIfAbsent(port, p -> new CompletableFuture<>())
              .orTimeout(PAIRING_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
              .whenComplete((far, failed) -> {
                farEnds.remove(port);
                if (failed != null) {
                  near.close();
                  pair.completeExceptionally(failed);
                } else {
                  pair.complete(new Pair(near, far));
                }
              });
        });
    return pair;
  }

  @Override
  public void close() {
    listener.close();
  }
}
