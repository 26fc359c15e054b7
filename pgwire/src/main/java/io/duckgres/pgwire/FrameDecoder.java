package io.duckgres.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the byte stream into {@link Frame}s and knows nothing else. Before the StartupMessage
 * packets are untyped ({@code int32 len | body}); afterwards every message is {@code byte type |
 * int32 len | body}. Every length is checked against a cap before anything is allocated, so a
 * client that claims a huge length costs nothing: the connection fails with 08P01 instead.
 *
 * <p>The decoder leaves the startup phase by itself after a packet that is not SSLRequest,
 * GSSENCRequest or CancelRequest, since those are the only ones a client may follow with another
 * startup packet.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  /** PostgreSQL's own limit for the startup packet (MAX_STARTUP_PACKET_LENGTH). */
  public static final int MAX_STARTUP_PACKET_LENGTH = 10_000;
  /**
   * PostgreSQL's limit for messages before authentication completes (PG_MAX_AUTH_TOKEN_LENGTH):
   * a client that has not logged in cannot make the server buffer more than this.
   */
  public static final int MAX_AUTHENTICATION_MESSAGE_LENGTH = 65_535;

  private final int maxMessageLength;
  private boolean startupPhase = true;
  private boolean authenticated;
  /** Set by the first violation: the stream is unframeable from there on, so the rest is dropped. */
  private boolean violated;

  public FrameDecoder(int maxMessageLength) {
    this.maxMessageLength = maxMessageLength;
  }

  public boolean inStartupPhase() {
    return startupPhase;
  }

  /** The client has logged in: from now on messages may be as long as the configured limit. */
  public void authenticated() {
    authenticated = true;
  }

  /** Bytes received but not yet cut into frames (used to refuse data pipelined before TLS). */
  public int bufferedBytes() {
    return actualReadableBytes();
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (violated) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      if (startupPhase) {
        decodeStartupPacket(in, out);
      } else {
        decodeMessage(in, out);
      }
    } catch (ProtocolViolation e) {
      // Raised once: the offending bytes and whatever follows are discarded, so decodeLast at
      // channel close does not find them again.
      violated = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }

  private void decodeStartupPacket(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 4) {
      return;
    }
    int length = in.getInt(in.readerIndex());
    if (length < 8 || length > MAX_STARTUP_PACKET_LENGTH) {
      throw new ProtocolViolation("invalid length of startup packet: " + length);
    }
    if (in.readableBytes() < length) {
      return;
    }
    in.skipBytes(4);
    ByteBuf body = in.readRetainedSlice(length - 4);
    int code = body.getInt(body.readerIndex());
    if (code != FrontendMessage.SSL_REQUEST_CODE
        && code != FrontendMessage.GSSENC_REQUEST_CODE
        && code != FrontendMessage.CANCEL_REQUEST_CODE) {
      startupPhase = false;
    }
    out.add(new Frame(Frame.STARTUP, body));
  }

  private void decodeMessage(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 5) {
      return;
    }
    int start = in.readerIndex();
    byte type = in.getByte(start);
    int length = in.getInt(start + 1);
    if (length < 4) {
      throw new ProtocolViolation("invalid message length: " + length);
    }
    int limit = authenticated
        ? maxMessageLength : Math.min(maxMessageLength, MAX_AUTHENTICATION_MESSAGE_LENGTH);
    if (length > limit) {
      throw new ProtocolViolation(
          "message of type '" + printable(type) + "' is too long: " + length
              + " bytes (limit " + limit + (authenticated ? "" : " before authentication") + ")");
    }
    // Written as a subtraction: length + 1 overflows when the cap allows Integer.MAX_VALUE.
    if (in.readableBytes() - 1 < length) {
      return;
    }
    in.skipBytes(5);
    out.add(Frame.typed(type, in.readRetainedSlice(length - 4)));
  }

  static String printable(byte type) {
    return type >= 0x20 && type < 0x7f ? String.valueOf((char) type) : String.format("0x%02x", type);
  }

  /** A framing error: the connection is ended with FATAL 08P01. */
  public static final class ProtocolViolation extends PgException {
    private static final long serialVersionUID = 1L;

    public ProtocolViolation(String message) {
      super(Severity.FATAL, SqlState.PROTOCOL_VIOLATION, message, null, null, 0, null);
    }
  }
}
