package io.duckgres.controlplane.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.Test;

/** ClientHellos written by a real TLS client (Netty's), cut the way TCP may cut them. */
class ClientHelloReaderTest {

  @Test
  void findsTheServerNameHoweverTheBytesArrive() throws Exception {
    byte[] hello = clientHello("Acme.duckgres.localhost");
    for (int cut = 1; cut < hello.length; cut++) {
      ByteBuf partial = Unpooled.wrappedBuffer(hello, 0, cut);
      assertThat(ClientHelloReader.read(partial)).isInstanceOf(ClientHelloReader.NeedMore.class);
    }
    ByteBuf whole = Unpooled.wrappedBuffer(hello);
    ClientHelloReader.Result result = ClientHelloReader.read(whole);
    assertThat(result).isEqualTo(new ClientHelloReader.Hello("acme.duckgres.localhost",
        hello.length));
    assertThat(whole.readerIndex()).isZero();
  }

  @Test
  void aClientThatConnectsByAddressSendsNoServerName() throws Exception {
    byte[] hello = clientHello(null);
    assertThat(ClientHelloReader.read(Unpooled.wrappedBuffer(hello)))
        .isEqualTo(new ClientHelloReader.Hello(null, hello.length));
  }

  @Test
  void aClientHelloSplitOverTwoRecordsIsReassembled() throws Exception {
    byte[] hello = clientHello("globex.duckgres.localhost");
    int fragment = (hello[3] & 0xFF) << 8 | (hello[4] & 0xFF);
    int first = fragment / 2;
    ByteBuf split = Unpooled.buffer()
        .writeBytes(hello, 0, 3).writeShort(first).writeBytes(hello, 5, first)
        .writeBytes(hello, 0, 3).writeShort(fragment - first).writeBytes(hello, 5 + first,
            fragment - first);
    int total = split.readableBytes();
    assertThat(ClientHelloReader.read(split.slice(0, total - 1)))
        .isInstanceOf(ClientHelloReader.NeedMore.class);
    assertThat(ClientHelloReader.read(split))
        .isEqualTo(new ClientHelloReader.Hello("globex.duckgres.localhost", total));
  }

  @Test
  void somethingElseIsRefusedWithTheReason() {
    ByteBuf startup = Unpooled.buffer().writeInt(8).writeInt(80877103);
    assertThat(ClientHelloReader.read(startup))
        .isEqualTo(new ClientHelloReader.NotAClientHello("the first TLS record is not a handshake"));
  }

  @Test
  void anOversizedClientHelloIsRefusedBeforeItArrives() {
    ByteBuf header = Unpooled.buffer()
        .writeByte(22).writeShort(0x0301).writeShort(16384)
        .writeByte(1).writeMedium(ClientHelloReader.MAX_CLIENT_HELLO);
    assertThat(ClientHelloReader.read(header))
        .isInstanceOf(ClientHelloReader.NotAClientHello.class);
  }

  @Test
  void truncatedFieldsInsideAWholeMessageAreRefused() {
    ByteBuf bogus = Unpooled.buffer()
        .writeByte(22).writeShort(0x0301).writeShort(8)
        .writeByte(1).writeMedium(4).writeShort(0x0303).writeShort(0);
    assertThat(ClientHelloReader.read(bogus))
        .isEqualTo(new ClientHelloReader.NotAClientHello("malformed ClientHello"));
  }

  /** The first flight of a real TLS client, with SNI {@code host} (none when null). */
  private static byte[] clientHello(String host) throws Exception {
    SslContext context = SslContextBuilder.forClient()
        .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast(host == null
        ? context.newHandler(channel.alloc())
        : context.newHandler(channel.alloc(), host, 5432));
    ByteBuf out = Unpooled.buffer();
    for (Object written = channel.readOutbound(); written != null;
        written = channel.readOutbound()) {
      ByteBuf bytes = (ByteBuf) written;
      out.writeBytes(bytes);
      bytes.release();
    }
    channel.finishAndReleaseAll();
    byte[] hello = new byte[out.readableBytes()];
    out.readBytes(hello);
    return hello;
  }
}
