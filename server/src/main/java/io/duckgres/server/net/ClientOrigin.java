package io.duckgres.server.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;

/**
 * Where a connection really comes from when the socket is not the client's own: a session the
 * control plane relays after terminating the client's TLS arrives on a loopback socket. The
 * control plane passes the client's address along, and the connection counts as encrypted (it
 * is, up to the control plane, which runs on this host). Logs, the authentication-failure limiter
 * and {@code inet_client_addr()} then see the client, not the loopback address.
 */
public final class ClientOrigin {
  private static final AttributeKey<InetSocketAddress> ADDRESS =
      AttributeKey.valueOf("duckgres.client.address");
  private static final AttributeKey<Boolean> ENCRYPTED_UPSTREAM =
      AttributeKey.valueOf("duckgres.client.encrypted-upstream");

  private ClientOrigin() {}

  /** Marks {@code channel} as relayed for a TLS client at {@code address}. */
  public static void relayed(Channel channel, InetSocketAddress address) {
    channel.attr(ADDRESS).set(address);
    channel.attr(ENCRYPTED_UPSTREAM).set(Boolean.TRUE);
  }

  /** The client's address: the one passed along for a relayed connection, else the peer's. */
  static InetSocketAddress address(Channel channel) {
    InetSocketAddress relayed = channel.attr(ADDRESS).get();
    if (relayed != null) {
      return relayed;
    }
    return channel.remoteAddress() instanceof InetSocketAddress address ? address : null;
  }

  static boolean encryptedUpstream(Channel channel) {
    return Boolean.TRUE.equals(channel.attr(ENCRYPTED_UPSTREAM).get());
  }
}
