package io.duckgres.controlplane.connection;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The replay bytes of a relayed session (see the proto's {@code RELAYED_STARTUP}): who the client
 * is, then what it sent inside TLS so far.
 *
 * <pre>
 * int8 address length | UTF-8 "host:port" (host as an IP literal) | startup packet, pipelined bytes
 * </pre>
 *
 * @param address the client's address as the control plane saw it
 * @param startup the startup packet and what the client pipelined after it
 */
public record RelayedClient(InetSocketAddress address, byte[] startup) {

  public byte[] encode() {
    byte[] host = (address.getAddress().getHostAddress() + ":" + address.getPort())
        .getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + host.length + startup.length)
        .put((byte) host.length).put(host).put(startup).array();
  }

  /** @throws IllegalStateException when the bytes are not a relayed client's note */
  public static RelayedClient decode(byte[] replay) {
    if (replay.length < 1 || replay.length < 1 + (replay[0] & 0xFF)) {
      throw new IllegalStateException("relayed connection without the client's address");
    }
    int length = replay[0] & 0xFF;
    String text = new String(replay, 1, length, StandardCharsets.UTF_8);
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalStateException("relayed connection with a malformed client address");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = Integer.parseInt(text.substring(colon + 1));
    // An IP literal: no name lookup happens here.
    InetSocketAddress address = new InetSocketAddress(host, port);
    return new RelayedClient(address, Arrays.copyOfRange(replay, 1 + length, replay.length));
  }
}
