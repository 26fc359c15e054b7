package io.duckgres.controlplane.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.pgwire.FrontendMessage;
import io.duckgres.pgwire.StartupErrors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the control plane answers by itself, before any worker is involved, byte for byte. (The
 * hand-off paths need a real socket fd and real workers: the integration tests cover them.)
 */
class ConnectionPreludeTest {
  private final PreludeLimiter limiter = new PreludeLimiter(2);

  @Test
  void plaintextStartupIsRefusedInStandalonesWordsWhenTlsIsRequired() {
    EmbeddedChannel channel = new EmbeddedChannel(new ConnectionPrelude(null, false, limiter));
    channel.writeInbound(startup("alice"));
    Map<Character, String> error = errorResponse(channel.readOutbound());
    assertThat(error.get('S')).isEqualTo("FATAL");
    assertThat(error.get('C')).isEqualTo("28000");
    assertThat(error.get('M')).isEqualTo(StartupErrors.plaintextRefused("alice").getMessage())
        .isEqualTo("SSL/TLS is required: connect with sslmode=require (unencrypted connection"
            + " for user \"alice\" refused)");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void gssEncRequestIsDeclinedAndTheNextPacketRead() {
    EmbeddedChannel channel = new EmbeddedChannel(new ConnectionPrelude(null, false, limiter));
    ByteBuf request = Unpooled.buffer().writeInt(8).writeInt(FrontendMessage.GSSENC_REQUEST_CODE);
    channel.writeInbound(request);
    ByteBuf answer = channel.readOutbound();
    assertThat(answer.readByte()).isEqualTo((byte) 'N');
    answer.release();
    channel.writeInbound(startup("bob"));
    assertThat(errorResponse(channel.readOutbound()).get('C')).isEqualTo("28000");
  }

  @Test
  void badStartupLengthIsAProtocolViolation() {
    EmbeddedChannel channel = new EmbeddedChannel(new ConnectionPrelude(null, true, limiter));
    channel.writeInbound(Unpooled.buffer().writeInt(100_000).writeInt(0));
    Map<Character, String> error = errorResponse(channel.readOutbound());
    assertThat(error.get('C')).isEqualTo("08P01");
    assertThat(error.get('M')).isEqualTo("invalid length of startup packet: 100000");
  }

  @Test
  void bytesPipelinedAfterSslRequestAreRefused() {
    EmbeddedChannel channel = new EmbeddedChannel(new ConnectionPrelude(null, true, limiter));
    channel.writeInbound(Unpooled.buffer().writeInt(8).writeInt(FrontendMessage.SSL_REQUEST_CODE)
        .writeByte(0x16));
    Map<Character, String> error = errorResponse(channel.readOutbound());
    assertThat(error.get('C')).isEqualTo("08P01");
    assertThat(error.get('M')).isEqualTo("received unencrypted data after SSL request");
  }

  @Test
  void aStartupPacketSplitAcrossReadsIsReassembled() {
    EmbeddedChannel channel = new EmbeddedChannel(new ConnectionPrelude(null, false, limiter));
    ByteBuf whole = startup("carol");
    channel.writeInbound(whole.readRetainedSlice(3));
    assertThat((Object) channel.readOutbound()).isNull();
    channel.writeInbound(whole);
    assertThat(errorResponse(channel.readOutbound()).get('C')).isEqualTo("28000");
  }

  @Test
  void oneAddressMayHaveOnlySoManyConnectionsStartingAtOnce() {
    // EmbeddedChannel's remote address is not an InetSocketAddress: count by hand.
    java.net.InetAddress address = java.net.InetAddress.getLoopbackAddress();
    assertThat(limiter.enter(address)).isTrue();
    assertThat(limiter.enter(address)).isTrue();
    assertThat(limiter.enter(address)).isFalse();
    limiter.leave(address);
    assertThat(limiter.enter(address)).isTrue();
    limiter.leave(address);
    limiter.leave(address);
    assertThat(limiter.inPrelude(address)).isZero();
  }

  private static ByteBuf startup(String user) {
    ByteBuf body = Unpooled.buffer();
    body.writeInt(FrontendMessage.PROTOCOL_3_0);
    for (String text : new String[] {"user", user, "database", "postgres"}) {
      body.writeBytes(text.getBytes(StandardCharsets.UTF_8)).writeByte(0);
    }
    body.writeByte(0);
    ByteBuf packet = Unpooled.buffer().writeInt(body.readableBytes() + 4).writeBytes(body);
    body.release();
    return packet;
  }

  /** {@code 'E' | int32 len | (byte code | cstring value)* | 0}. */
  private static Map<Character, String> errorResponse(ByteBuf out) {
    try {
      assertThat(out.readByte()).isEqualTo((byte) 'E');
      int length = out.readInt();
      assertThat(out.readableBytes()).isEqualTo(length - 4);
      Map<Character, String> fields = new HashMap<>();
      for (byte code = out.readByte(); code != 0; code = out.readByte()) {
        int end = out.indexOf(out.readerIndex(), out.writerIndex(), (byte) 0);
        fields.put((char) code, out.readCharSequence(end - out.readerIndex(),
            StandardCharsets.UTF_8).toString());
        out.skipBytes(1);
      }
      return fields;
    } finally {
      out.release();
    }
  }
}
