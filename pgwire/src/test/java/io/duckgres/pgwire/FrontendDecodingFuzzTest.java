package io.duckgres.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Coverage-guided fuzzing of framing and decoding: any bytes, after a startup packet or not, cut
 * into frames by {@link FrameDecoder} and decoded by {@link FrontendMessageDecoder}, either give
 * messages or a {@link PgException}, never another exception, and every buffer is released.
 *
 * <p>Runs only on demand, {@code JAZZER_FUZZ=1 mvn -pl pgwire test
 * -Dtest=FrontendDecodingFuzzTest} (30 s of fuzzing, about 70,000 inputs on 2 cores): Jazzer's
 * agent costs half a minute even to replay, and bin/test already runs the mutation fuzzer over
 * real connections (it/ProtocolFuzzTest).
 */
@EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
class FrontendDecodingFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void anyBytesDecodeOrFailWithAPgException(byte[] input) {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64 * 1024));
    boolean loggedIn = input.length > 0 && (input[0] & 1) == 1;
    try {
      if (loggedIn) {
        channel.writeInbound(Unpooled.wrappedBuffer(
            new byte[] {0, 0, 0, 8, 0, 3, 0, 0}));
        channel.pipeline().get(FrameDecoder.class).authenticated();
      }
      channel.writeInbound(Unpooled.wrappedBuffer(input));
    } catch (DecoderException e) {
      assertThat(e.getCause()).isInstanceOf(PgException.class);
    }
    Object frame;
    while ((frame = channel.readInbound()) != null) {
      Frame f = (Frame) frame;
      try {
        FrontendMessageDecoder.decode(f);
      } catch (PgException expected) {
        // A refusal with a SQLSTATE is a correct answer to garbage.
      } finally {
        f.release();
      }
    }
    channel.finishAndReleaseAll();
  }
}
