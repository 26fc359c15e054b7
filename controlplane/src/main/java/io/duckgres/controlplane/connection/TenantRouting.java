package io.duckgres.controlplane.connection;

import io.duckgres.controlplane.tenant.TenantRouter;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;

/**
 * What the prelude needs to route connections to their org's workers: the router (server name or
 * database to org), the TLS context to terminate TLS for clients that name no org in their
 * ClientHello, and the loopback pairs their sessions are relayed over.
 */
public final class TenantRouting implements AutoCloseable {
  final TenantRouter router;
  final SslContext tls;
  final LoopbackPairs pairs;
  private final java.util.concurrent.atomic.AtomicInteger relays =
      new java.util.concurrent.atomic.AtomicInteger();

  private TenantRouting(TenantRouter router, SslContext tls, LoopbackPairs pairs) {
    this.router = router;
    this.tls = tls;
    this.pairs = pairs;
  }

  public static TenantRouting open(TenantRouter router, SslContext tls, EventLoopGroup group)
      throws InterruptedException {
    return new TenantRouting(router, tls, LoopbackPairs.open(group));
  }

  /** Counts a relayed session until {@code client} closes. */
  void relaying(io.netty.channel.Channel client) {
    relays.incrementAndGet();
    client.closeFuture().addListener(closed -> relays.decrementAndGet());
  }

  /**
   * Sessions relayed by this process now. They live here, not in a worker: after a handover
   * this process stays until they end.
   */
  public int activeRelays() {
    return relays.get();
  }

  @Override
  public void close() {
    pairs.close();
  }
}
