package io.duckgres.controlplane.unix;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Netty's epoll transport, which the control plane cannot do without: Unix domain sockets, fd
 * passing and adopting sockets by fd are Linux-native features Netty exposes only there.
 */
public final class Epoll {
  private Epoll() {}

  /** Fails with the reason when the native transport cannot load (not Linux, no native lib). */
  public static void require() {
    if (!io.netty.channel.epoll.Epoll.isAvailable()) {
      throw new IllegalStateException("control-plane and worker modes need Netty's epoll"
          + " transport (Linux x86_64): " + io.netty.channel.epoll.Epoll.unavailabilityCause());
    }
  }

  public static EventLoopGroup group(int threads, String name) {
    require();
    return new MultiThreadIoEventLoopGroup(threads, daemonThreads(name),
        EpollIoHandler.newFactory());
  }

  public static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
