package io.duckgres.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The frame decoder in a Netty pipeline ({@link EmbeddedChannel}): whole input, input cut at every
 * byte boundary and in random chunks, the startup phase, and the length caps, which must be
 * decided from the length field alone so a client cannot make the server wait for (or buffer) a
 * body it was never going to accept. Every input buffer must be released in the end.
 */
class FrameDecoderTest {
  private static final int SMALL_LIMIT = 64;

  /** One frame as decoded: type (0 in the startup phase) and body as hex. */
  record Decoded(int type, String body) {
    static Decoded startup(String body) {
      return new Decoded(0, Hex.canonical(body));
    }

    static Decoded typed(char type, String body) {
      return new Decoded(type, Hex.canonical(body));
    }
  }

  /**
   * A client's opening: SSLRequest (answered 'N' by a server without TLS), StartupMessage, then
   * typed messages, some without body. {@link #BOUNDARIES} marks where each packet ends.
   */
  private static final String[] PACKETS = {
    "00000008 04d2162f",
    "00000020 00030000 'user' 00 'alice' 00 'database' 00 'db' 00 00",
    "51 0000000d 'select 1' 00",
    "50 00000010 00 'select 1' 00 0000",
    "53 00000004",
    "58 00000004",
  };
  private static final Decoded[] FRAMES = {
    Decoded.startup("04d2162f"),
    Decoded.startup("00030000 'user' 00 'alice' 00 'database' 00 'db' 00 00"),
    Decoded.typed('Q', "'select 1' 00"),
    Decoded.typed('P', "00 'select 1' 00 0000"),
    Decoded.typed('S', ""),
    Decoded.typed('X', ""),
  };
  private static final byte[] STREAM = Hex.bytes(String.join(" ", PACKETS));
  private static final int[] BOUNDARIES = boundaries();

  private final List<ByteBuf> inputs = new ArrayList<>();
  private EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(SMALL_LIMIT));
  private boolean violated;

  private static int[] boundaries() {
    int[] ends = new int[PACKETS.length];
    int end = 0;
    for (int i = 0; i < PACKETS.length; i++) {
      end += Hex.bytes(PACKETS[i]).length;
      ends[i] = end;
    }
    return ends;
  }

  @AfterEach
  void nothingLeaks() {
    closeChannel();
    for (ByteBuf input : inputs) {
      assertThat(input.refCnt()).as("input buffer released").isZero();
    }
  }

  private void useDecoder(FrameDecoder decoder) {
    closeChannel();
    channel = new EmbeddedChannel(decoder);
  }

  /**
   * Closes the channel. After a violation the offending bytes are still buffered, and Netty
   * decodes them once more when the channel closes, raising the same violation again; the
   * connection handler is already closing by then and ignores it.
   */
  private void closeChannel() {
    try {
      channel.finishAndReleaseAll();
    } catch (DecoderException e) {
      assertThat(violated).as("unexpected failure on close: %s", e).isTrue();
      assertThat(e.getCause()).isInstanceOf(FrameDecoder.ProtocolViolation.class);
    }
    violated = false;
  }

  private FrameDecoder decoder() {
    return channel.pipeline().get(FrameDecoder.class);
  }

  private void feed(byte[] bytes, int from, int to) {
    ByteBuf input = Unpooled.buffer(to - from);
    input.writeBytes(bytes, from, to - from);
    inputs.add(input);
    channel.writeInbound(input);
  }

  private void feed(String spec) {
    byte[] bytes = Hex.bytes(spec);
    feed(bytes, 0, bytes.length);
  }

  /** Frames decoded so far, each released once read. */
  private List<Decoded> frames() {
    List<Decoded> decoded = new ArrayList<>();
    Object message;
    while ((message = channel.readInbound()) != null) {
      assertThat(message).isInstanceOf(Frame.class);
      Frame frame = (Frame) message;
      decoded.add(new Decoded(frame.type(), Hex.of(frame.body())));
      assertThat(frame.release()).as("frame holds the only reference").isTrue();
    }
    return decoded;
  }

  /** The frames wholly contained in the first {@code length} bytes of {@link #STREAM}. */
  private static List<Decoded> framesWithin(int length) {
    int count = 0;
    while (count < BOUNDARIES.length && BOUNDARIES[count] <= length) {
      count++;
    }
    return Arrays.asList(FRAMES).subList(0, count);
  }

  private void assertViolation(Runnable feeding, String message) {
    violated = true;
    assertThatThrownBy(feeding::run)
        .isInstanceOf(DecoderException.class)
        .cause()
        .isInstanceOfSatisfying(FrameDecoder.ProtocolViolation.class, violation -> {
          assertThat(violation.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
          assertThat(violation.severity()).isEqualTo(PgException.Severity.FATAL);
          assertThat(violation.getMessage()).isEqualTo(message);
        });
    assertThat(frames()).isEmpty();
  }

  // Splitting

  @Test
  void wholeStreamInOneBuffer() {
    feed(STREAM, 0, STREAM.length);

    assertThat(frames()).containsExactly(FRAMES);
    assertThat(decoder().bufferedBytes()).isZero();
  }

  @Test
  void oneByteAtATimeEmitsEachFrameExactlyWhenItsLastByteArrives() {
    List<Decoded> seen = new ArrayList<>();
    for (int i = 0; i < STREAM.length; i++) {
      feed(STREAM, i, i + 1);
      seen.addAll(frames());
      assertThat(seen).as("after %d bytes", i + 1).isEqualTo(framesWithin(i + 1));
    }
    assertThat(seen).containsExactly(FRAMES);
  }

  static IntStream splitPoints() {
    return IntStream.range(1, STREAM.length);
  }

  @ParameterizedTest
  @MethodSource("splitPoints")
  void splitAtEveryByteBoundary(int split) {
    feed(STREAM, 0, split);
    assertThat(frames()).isEqualTo(framesWithin(split));

    feed(STREAM, split, STREAM.length);
    List<Decoded> rest = frames();

    List<Decoded> all = new ArrayList<>(framesWithin(split));
    all.addAll(rest);
    assertThat(all).containsExactly(FRAMES);
  }

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomChunks(long seed) {
    Random random = new Random(seed);
    List<Decoded> seen = new ArrayList<>();
    int at = 0;
    while (at < STREAM.length) {
      int end = Math.min(STREAM.length, at + 1 + random.nextInt(random.nextBoolean() ? 4 : 40));
      feed(STREAM, at, end);
      seen.addAll(frames());
      assertThat(seen).as("seed %d after %d bytes", seed, end).isEqualTo(framesWithin(end));
      at = end;
    }
    assertThat(seen).containsExactly(FRAMES);
  }

  @Test
  void partialHeaderWaitsAndCountsAsBuffered() {
    feed("000000");
    assertThat(frames()).isEmpty();
    assertThat(decoder().bufferedBytes()).isEqualTo(3);

    feed("08 04d2162f");
    assertThat(frames()).containsExactly(Decoded.startup("04d2162f"));

    feed("00000008 0003"); // a StartupMessage whose body is incomplete
    assertThat(frames()).isEmpty();
    assertThat(decoder().bufferedBytes()).isEqualTo(6);
  }

  // Startup phase

  @Test
  void startupPacketsAreUntypedUntilTheStartupMessage() {
    assertThat(decoder().inStartupPhase()).isTrue();

    feed("00000008 04d2162f"); // SSLRequest
    assertThat(decoder().inStartupPhase()).as("SSLRequest keeps the startup phase").isTrue();
    feed("00000008 04d21630"); // GSSENCRequest
    assertThat(decoder().inStartupPhase()).as("GSSENCRequest keeps the startup phase").isTrue();
    feed("0000000d 00030000 00 00 00 00 00"); // StartupMessage
    assertThat(decoder().inStartupPhase()).isFalse();
    feed("53 00000004");

    assertThat(frames()).containsExactly(
        Decoded.startup("04d2162f"),
        Decoded.startup("04d21630"),
        Decoded.startup("00030000 00 00 00 00 00"),
        Decoded.typed('S', ""));
  }

  @Test
  void cancelRequestKeepsTheStartupPhase() {
    feed("00000010 04d2162e 000004d2 deadbeef");

    assertThat(decoder().inStartupPhase()).isTrue();
    assertThat(frames()).containsExactly(Decoded.startup("04d2162e 000004d2 deadbeef"));
  }

  @Test
  void sslRequestAndStartupMessageInOneBufferAreCutApart() {
    feed("00000008 04d2162f 00000008 00030000");

    assertThat(frames()).containsExactly(
        Decoded.startup("04d2162f"), Decoded.startup("00030000"));
    assertThat(decoder().inStartupPhase()).isFalse();
  }

  @Test
  void typedMessageWhereTheStartupPacketBelongsIsRefused() {
    // 'Q' then length 0x0000000d reads as an untyped length of 0x5100_0000.
    assertViolation(() -> feed("51 0000000d 'select 1' 00"),
        "invalid length of startup packet: 1358954496");
  }

  // Length caps

  @Test
  void startupPacketOfExactlyTheLimitIsAccepted() {
    byte[] packet = new byte[FrameDecoder.MAX_STARTUP_PACKET_LENGTH];
    Unpooled.wrappedBuffer(packet).setInt(0, packet.length).setInt(4, FrontendMessage.PROTOCOL_3_0);

    feed(packet, 0, packet.length);

    List<Decoded> frames = frames();
    assertThat(frames).hasSize(1);
    assertThat(frames.get(0).body()).hasSize(2 * (FrameDecoder.MAX_STARTUP_PACKET_LENGTH - 4));
  }

  @Test
  void startupPacketOverTheLimitIsRefusedOnItsLengthAlone() {
    assertViolation(() -> feed("00002711"), "invalid length of startup packet: 10001");
  }

  @Test
  void hugeStartupPacketIsRefusedOnItsLengthAlone() {
    assertViolation(() -> feed("40000000"), "invalid length of startup packet: 1073741824");
  }

  @ParameterizedTest
  @ValueSource(strings = {"00000007", "00000004", "00000000", "ffffffff", "80000000"})
  void startupPacketShorterThanItsCodeIsRefused(String length) {
    assertViolation(() -> feed(length),
        "invalid length of startup packet: " + (int) Long.parseLong(length, 16));
  }

  @Test
  void shortestStartupPacketIsAccepted() {
    feed("00000008 04d2162f");

    assertThat(frames()).containsExactly(Decoded.startup("04d2162f"));
  }

  /** The startup packet, then a successful login: the configured limit applies. */
  private void leaveStartupPhase() {
    leaveStartupPhaseUnauthenticated();
    decoder().authenticated();
  }

  private void leaveStartupPhaseUnauthenticated() {
    feed("00000008 00030000");
    assertThat(frames()).hasSize(1);
    assertThat(decoder().inStartupPhase()).isFalse();
  }

  @Test
  void typedMessageOfExactlyTheLimitIsAccepted() {
    leaveStartupPhase();
    byte[] message = new byte[1 + SMALL_LIMIT];
    Unpooled.wrappedBuffer(message).setByte(0, 'd').setInt(1, SMALL_LIMIT);

    feed(message, 0, message.length);

    List<Decoded> frames = frames();
    assertThat(frames).hasSize(1);
    assertThat(frames.get(0).type()).isEqualTo('d');
    assertThat(frames.get(0).body()).hasSize(2 * (SMALL_LIMIT - 4));
  }

  @Test
  void typedMessageOverTheLimitIsRefusedOnItsHeaderAlone() {
    leaveStartupPhase();

    assertViolation(() -> feed("64 00000041"),
        "message of type 'd' is too long: 65 bytes (limit 64)");
  }

  @Test
  void beforeAuthenticationMessagesAreCappedAtPostgresAuthenticationLimit() {
    useDecoder(new FrameDecoder(256 * 1024 * 1024));
    leaveStartupPhaseUnauthenticated();

    assertViolation(() -> feed("70 00010000"),
        "message of type 'p' is too long: 65536 bytes (limit 65535 before authentication)");
  }

  @Test
  void afterAuthenticationTheConfiguredLimitApplies() {
    useDecoder(new FrameDecoder(256 * 1024 * 1024));
    leaveStartupPhase();

    feed("51 00010000");
    assertThat(frames()).as("waits for the body of a 64 KiB query").isEmpty();
  }

  @Test
  void oneGigabyteMessageIsRefusedOnItsHeaderWithoutWaitingForTheBody() {
    useDecoder(new FrameDecoder(256 * 1024 * 1024));
    leaveStartupPhase();

    assertViolation(() -> feed("51 40000000"),
        "message of type 'Q' is too long: 1073741824 bytes (limit 268435456)");
  }

  @Test
  void tooLongMessageOfUnprintableTypeNamesTheTypeInHex() {
    leaveStartupPhase();

    assertViolation(() -> feed("00 7fffffff"),
        "message of type '0x00' is too long: 2147483647 bytes (limit 64)");
  }

  @Test
  void lengthIsCheckedBeforeTheBodyArrivesEvenWhenFedByteByByte() {
    leaveStartupPhase();
    byte[] header = Hex.bytes("51 00100000");
    for (int i = 0; i < 4; i++) {
      feed(header, i, i + 1);
      assertThat(frames()).isEmpty();
    }
    assertViolation(() -> feed(header, 4, 5),
        "message of type 'Q' is too long: 1048576 bytes (limit 64)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"00000003", "00000000", "ffffffff", "80000000"})
  void typedMessageShorterThanItsLengthFieldIsRefused(String length) {
    leaveStartupPhase();

    assertViolation(() -> feed("53 " + length),
        "invalid message length: " + (int) Long.parseLong(length, 16));
  }

  @Test
  void typedMessageWithEmptyBody() {
    leaveStartupPhase();
    feed("48 00000004");

    assertThat(frames()).containsExactly(Decoded.typed('H', ""));
  }

  @Test
  void incompleteTypedMessageWaitsForItsBody() {
    leaveStartupPhase();
    feed("51 0000000d 'select'");

    assertThat(frames()).isEmpty();
    assertThat(decoder().bufferedBytes()).isEqualTo(11);

    feed("' 1' 00");
    assertThat(frames()).containsExactly(Decoded.typed('Q', "'select 1' 00"));
  }

  @Test
  void largestLengthUnderAnUnlimitedCapWaitsForTheBody() {
    useDecoder(new FrameDecoder(Integer.MAX_VALUE));
    leaveStartupPhase();

    feed("64 7fffffff 00");

    assertThat(frames()).isEmpty();
    assertThat(decoder().bufferedBytes()).isEqualTo(6);
  }

  @Test
  void violationIsRaisedOnceAndLaterInputIsDiscarded() {
    leaveStartupPhase();
    assertViolation(() -> feed("51 7fffffff"),
        "message of type 'Q' is too long: 2147483647 bytes (limit 64)");
    violated = false;

    feed("53 00000004");
    assertThat(frames()).as("nothing decoded after a violation").isEmpty();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void frameReleasesItsBody() {
    ByteBuf body = Unpooled.buffer().writeBytes(Hex.bytes("'select 1' 00"));
    Frame frame = new Frame((byte) 'Q', body);

    assertThat(frame).hasToString("Frame[Q, 9 bytes]");
    assertThat(new Frame(Frame.STARTUP, Unpooled.EMPTY_BUFFER))
        .hasToString("Frame[startup, 0 bytes]");
    assertThat(frame.touch("hint")).isSameAs(frame);
    assertThat(frame.release()).isTrue();
    assertThat(body.refCnt()).isZero();
  }
}
