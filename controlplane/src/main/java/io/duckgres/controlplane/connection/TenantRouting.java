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

  private TenantRouting(TenantRouter router, SslContext tls, LoopbackPairs pairs) {
    this.router = router;
    this.tls = tls;
    this.pairs = pairs;
  }

  public static TenantRouting open(TenantRouter router, SslContext tls, EventLoopGroup group)
      throws InterruptedException {
    return new TenantRouting(router, tls, LoopbackPairs.open(group));
  }

  @Override
  public void close() {
    pairs.close();
  }
}
