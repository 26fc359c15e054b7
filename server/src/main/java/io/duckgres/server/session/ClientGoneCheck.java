package io.duckgres.server.session;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * While a session runs a statement on its connection's own loop, nothing reads the socket, so a
 * client that disconnects is only noticed when the statement ends. This check looks at the
 * socket's TCP state once a second from another thread (without reading from it) and cancels the
 * running statement once the client has closed its side or reset the connection, as PostgreSQL
 * does with {@code client_connection_check_interval}. Only epoll sockets can be asked; for others
 * there is no check.
 */
final class ClientGoneCheck {
  private static final long INTERVAL_MILLIS = 1000;
  /** Linux's TCP_ESTABLISHED: any other state of a served connection means the client left. */
  private static final int ESTABLISHED = 1;
  private static final ScheduledExecutorService CHECKS =
      Executors.newSingleThreadScheduledExecutor(
          new DefaultThreadFactory("duckgres-client-check", true));

  private ClientGoneCheck() {}

  /**
   * Starts checking {@code channel} while {@code busy} says a statement runs; calls {@code cancel}
   * once when the client has gone. Returns the check to stop when the session closes, or null.
   */
  static ScheduledFuture<?> start(Channel channel, BooleanSupplier busy, Runnable cancel) {
    if (!(channel instanceof EpollSocketChannel socket)) {
      return null;
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    return CHECKS.scheduleWithFixedDelay(() -> {
      if (!busy.getAsBoolean() || cancelled.get() || !socket.isOpen()) {
        return;
      }
      int state;
      try {
        state = socket.tcpInfo().state();
      } catch (RuntimeException closedMeanwhile) {
        return;
      }
      if (state != ESTABLISHED && cancelled.compareAndSet(false, true)) {
        cancel.run();
      }
    }, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }
}
