package io.duckgres.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each frontend message decoded from exact bytes (PostgreSQL docs, "Message Formats"), and every
 * malformed body refused as FATAL 08P01, the way PostgreSQL answers a message that does not match
 * its layout. Fixtures are frame bodies: type byte and length are already cut off by the {@link
 * FrameDecoder}. The decoder must never release or retain the frame; the test releases it.
 */
class FrontendMessageDecoderTest {
  private final List<Frame> frames = new ArrayList<>();

  @AfterEach
  void everyFrameReleasedOnce() {
    for (Frame frame : frames) {
      assertThat(frame.refCnt()).as("decoder must not retain or release %s", frame).isEqualTo(1);
      assertThat(frame.release()).isTrue();
      assertThat(frame.body().refCnt()).isZero();
    }
  }

  private Frame frame(byte type, String body) {
    ByteBuf buffer = Unpooled.buffer();
    buffer.writeBytes(Hex.bytes(body));
    Frame frame = new Frame(type, buffer);
    frames.add(frame);
    return frame;
  }

  private FrontendMessage decode(char type, String body) {
    Frame frame = frame((byte) type, body);
    FrontendMessage message = FrontendMessageDecoder.decode(frame);
    assertThat(frame.body().isReadable()).as("whole body consumed").isFalse();
    return message;
  }

  private FrontendMessage decodeStartup(String body) {
    return FrontendMessageDecoder.decode(frame(Frame.STARTUP, body));
  }

  /**
   * A well-framed message of a known type with bad content: an ERROR the session sends before it
   * skips to Sync, as PostgreSQL raises it, not the end of the connection.
   */
  private void assertViolation(char type, String body, String message) {
    assertRefused(type, body, SqlState.PROTOCOL_VIOLATION, message);
  }

  private void assertRefused(char type, String body, SqlState state, String message) {
    FrontendMessage decoded = FrontendMessageDecoder.decode(frame((byte) type, body));
    assertThat(decoded).isInstanceOfSatisfying(FrontendMessage.Undecodable.class, bad -> {
      assertThat(bad.type()).isEqualTo((byte) type);
      assertThat(bad.error().sqlState()).isEqualTo(state);
      assertThat(bad.error().severity()).isEqualTo(PgException.Severity.ERROR);
      assertThat(bad.error().getMessage()).isEqualTo(message);
    });
  }

  private static void assertViolation(Frame frame, String message) {
    assertThatThrownBy(() -> FrontendMessageDecoder.decode(frame))
        .isInstanceOfSatisfying(PgException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
          assertThat(e.severity()).isEqualTo(PgException.Severity.FATAL);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  // Startup-phase packets (untyped): int32 code | ...

  @Test
  void startupMessageWithParametersInOrder() {
    FrontendMessage message = decodeStartup("00030000"
        + " 'user' 00 'alice' 00"
        + " 'database' 00 'db1' 00"
        + " 'application_name' 00 'psql' 00"
        + " 00");

    assertThat(message).isInstanceOfSatisfying(FrontendMessage.StartupMessage.class, startup -> {
      assertThat(startup.protocolVersion()).isEqualTo(FrontendMessage.PROTOCOL_3_0);
      assertThat(startup.majorVersion()).isEqualTo(3);
      assertThat(startup.minorVersion()).isZero();
      assertThat(startup.parameters()).containsExactly(
          entry("user", "alice"), entry("database", "db1"), entry("application_name", "psql"));
    });
  }

  @Test
  void startupMessageWithEmptyValueAndUtf8() {
    FrontendMessage message = decodeStartup("00030000 'user' 00 c3a9 00 'options' 00 00 00");

    assertThat(((FrontendMessage.StartupMessage) message).parameters())
        .containsExactly(entry("user", "\u00e9"), entry("options", ""));
  }

  @Test
  void startupMessageOfProtocol32WithProtocolOption() {
    FrontendMessage.StartupMessage startup = (FrontendMessage.StartupMessage)
        decodeStartup("00030002 'user' 00 'bob' 00 '_pq_.cool' 00 'on' 00 00");

    assertThat(startup.majorVersion()).isEqualTo(3);
    assertThat(startup.minorVersion()).isEqualTo(2);
    assertThat(startup.parameters()).containsKey("_pq_.cool");
  }

  @Test
  void startupMessageOfAnOldProtocolIsDecodedForTheServerToRefuse() {
    // Protocol 2.0 has a fixed-size layout; it is skipped, the version decides the answer.
    Frame frame = frame(Frame.STARTUP, "00020000 'postgres' 00000000 00000000");
    FrontendMessage.StartupMessage startup =
        (FrontendMessage.StartupMessage) FrontendMessageDecoder.decode(frame);

    assertThat(startup.majorVersion()).isEqualTo(2);
    assertThat(startup.parameters()).isEmpty();
    assertThat(frame.body().isReadable()).isFalse();
  }

  @Test
  void startupMessageWithoutFinalTerminatorIsRefused() {
    assertViolation(frame(Frame.STARTUP, "00030000 'user' 00 'alice' 00"),
        "invalid string in message");
  }

  @Test
  void startupMessageWithNameButNoValueIsRefused() {
    assertViolation(frame(Frame.STARTUP, "00030000 'user' 00 'alice'"),
        "invalid string in message");
  }

  @Test
  void startupMessageWithBytesAfterTerminatorIsRefused() {
    assertViolation(frame(Frame.STARTUP, "00030000 'user' 00 'alice' 00 00 ff"),
        "invalid message format: 1 unexpected bytes after message '0x00'");
  }

  @Test
  void sslRequest() {
    assertThat(decodeStartup("04d2162f")).isEqualTo(new FrontendMessage.SslRequest());
  }

  @Test
  void gssEncRequest() {
    assertThat(decodeStartup("04d21630")).isEqualTo(new FrontendMessage.GssEncRequest());
  }

  @Test
  void sslRequestWithTrailingBytesIsRefused() {
    assertViolation(frame(Frame.STARTUP, "04d2162f 00"),
        "invalid message format: 1 unexpected bytes after message '0x00'");
  }

  @Test
  void cancelRequest() {
    assertThat(decodeStartup("04d2162e 000004d2 deadbeef"))
        .isEqualTo(new FrontendMessage.CancelRequest(1234, 0xdeadbeef));
  }

  @Test
  void cancelRequestWithLongerKeyOfProtocol32KeepsItsFirstFourBytes() {
    Frame frame = frame(Frame.STARTUP, "04d2162e 000004d2 deadbeef 01020304 05060708");

    assertThat(FrontendMessageDecoder.decode(frame))
        .isEqualTo(new FrontendMessage.CancelRequest(1234, 0xdeadbeef));
    assertThat(frame.body().isReadable()).isFalse();
  }

  @Test
  void truncatedCancelRequestIsRefused() {
    assertViolation(frame(Frame.STARTUP, "04d2162e 000004d2"), "invalid length of cancel request");
    assertViolation(frame(Frame.STARTUP, "04d2162e 000004d2 dead"),
        "invalid length of cancel request");
  }

  // Typed messages: byte type | int32 len | body.

  @Test
  void query() {
    assertThat(decode('Q', "'select 1' 00")).isEqualTo(new FrontendMessage.Query("select 1"));
    assertThat(decode('Q', "00")).isEqualTo(new FrontendMessage.Query(""));
    assertThat(decode('Q', "'select ' 27 c3a9 27 00"))
        .isEqualTo(new FrontendMessage.Query("select '\u00e9'"));
  }

  @Test
  void queryWithInvalidUtf8BecomesAnErrorForTheSession() {
    FrontendMessage message = decode('Q', "'select ' 27 ff 27 00");

    assertThat(message).isInstanceOfSatisfying(FrontendMessage.Undecodable.class, bad -> {
      assertThat(bad.type()).isEqualTo((byte) 'Q');
      assertThat(bad.error().sqlState()).isEqualTo(SqlState.CHARACTER_NOT_IN_REPERTOIRE);
      assertThat(bad.error().severity()).isEqualTo(PgException.Severity.ERROR);
      assertThat(bad.error().getMessage())
          .isEqualTo("invalid byte sequence for encoding \"UTF8\": 0xff");
    });
  }

  @Test
  void truncatedMultiByteSequenceIsNamedByItsBytes() {
    FrontendMessage message = decode('P', "00 'select ' c3 00 0000");

    assertThat(message).isInstanceOfSatisfying(FrontendMessage.Undecodable.class, bad ->
        assertThat(bad.error().getMessage())
            .isEqualTo("invalid byte sequence for encoding \"UTF8\": 0xc3"));
  }

  @Test
  void overlongEncodingIsRefused() {
    // 0xc0 0xaf is an overlong '/', which lenient decoders have been tricked by.
    assertThat(decode('Q', "'a' c0af 00")).isInstanceOf(FrontendMessage.Undecodable.class);
  }

  @Test
  void invalidUtf8InTheStartupPacketEndsTheConnection() {
    Frame frame = new Frame(Frame.STARTUP, Unpooled.wrappedBuffer(
        Hex.bytes("00030000 'user' 00 'x' ff 00 00")));

    assertThatThrownBy(() -> FrontendMessageDecoder.decode(frame))
        .isInstanceOfSatisfying(PgException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(SqlState.CHARACTER_NOT_IN_REPERTOIRE);
          assertThat(e.isFatal()).isTrue();
        });
  }

  @Test
  void copyFailMessageIsReadLeniently() {
    assertThat(decode('f', "'bad ' ff 00")).isEqualTo(new FrontendMessage.CopyFail("bad \ufffd"));
  }

  @Test
  void queryWithoutTerminatorIsRefused() {
    assertViolation('Q', "'select 1'", "invalid string in message");
    assertViolation('Q', "", "invalid string in message");
  }

  @Test
  void queryWithBytesAfterTerminatorIsRefused() {
    assertViolation('Q', "'select 1' 00 'x' 00",
        "invalid message format: 2 unexpected bytes after message 'Q'");
  }

  @Test
  void parseWithParameterTypes() {
    FrontendMessage.Parse parse = (FrontendMessage.Parse)
        decode('P', "'s1' 00 'select $1, $2' 00 0002 00000017 00000019");

    assertThat(parse.name()).isEqualTo("s1");
    assertThat(parse.sql()).isEqualTo("select $1, $2");
    assertThat(parse.parameterTypes()).containsExactly(23, 25);
  }

  @Test
  void parseOfUnnamedStatementWithoutTypesAndWithUnspecifiedType() {
    FrontendMessage.Parse none = (FrontendMessage.Parse) decode('P', "00 'select 1' 00 0000");
    FrontendMessage.Parse unspecified =
        (FrontendMessage.Parse) decode('P', "00 'select $1' 00 0001 00000000");

    assertThat(none.name()).isEmpty();
    assertThat(none.parameterTypes()).isEmpty();
    assertThat(unspecified.parameterTypes()).containsExactly(0);
  }

  @Test
  void parseWithTruncatedTypesIsRefused() {
    assertViolation('P', "00 'select 1' 00", "insufficient data left in message");
    assertViolation('P', "00 'select 1' 00 00", "insufficient data left in message");
    assertViolation('P', "00 'select $1, $2' 00 0002 00000017",
        "insufficient data left in message");
    assertViolation('P', "00 'select $1' 00 0001 000000", "insufficient data left in message");
  }

  @Test
  void parseWithHugeCountIsRefusedBeforeAllocating() {
    assertViolation('P', "00 'select 1' 00 ffff", "insufficient data left in message");
  }

  @Test
  void parseWithoutStatementTerminatorIsRefused() {
    assertViolation('P', "'s1' 00 'select 1'", "invalid string in message");
    assertViolation('P', "'s1'", "invalid string in message");
  }

  @Test
  void parseWithTrailingBytesIsRefused() {
    assertViolation('P', "00 'select 1' 00 0000 00",
        "invalid message format: 1 unexpected bytes after message 'P'");
  }

  @Test
  void bindWithNullTextAndBinaryParametersAndResultFormats() {
    FrontendMessage.Bind bind = (FrontendMessage.Bind) decode('B', "'p1' 00 's1' 00"
        + " 0003 0000 0000 0001" // parameter formats: text, text, binary
        + " 0003"
        + " ffffffff" // NULL
        + " 00000002 '42'" // text
        + " 00000004 0000002a" // binary int4 42
        + " 0002 0001 0000"); // result formats: binary, text

    assertThat(bind.portal()).isEqualTo("p1");
    assertThat(bind.statement()).isEqualTo("s1");
    assertThat(bind.parameterFormats()).containsExactly((short) 0, (short) 0, (short) 1);
    assertThat(bind.parameters()).hasSize(3);
    assertThat(bind.parameters().get(0)).isNull();
    assertThat(bind.parameters().get(1)).containsExactly(Hex.bytes("'42'"));
    assertThat(bind.parameters().get(2)).containsExactly(0, 0, 0, 42);
    assertThat(bind.resultFormats()).containsExactly((short) 1, (short) 0);
  }

  @Test
  void bindOfUnnamedPortalAndStatementWithNothing() {
    FrontendMessage.Bind bind = (FrontendMessage.Bind) decode('B', "00 00 0000 0000 0000");

    assertThat(bind.portal()).isEmpty();
    assertThat(bind.statement()).isEmpty();
    assertThat(bind.parameterFormats()).isEmpty();
    assertThat(bind.parameters()).isEmpty();
    assertThat(bind.resultFormats()).isEmpty();
  }

  @Test
  void bindTellsEmptyValueFromNull() {
    FrontendMessage.Bind bind =
        (FrontendMessage.Bind) decode('B', "00 00 0000 0002 00000000 ffffffff 0000");

    assertThat(bind.parameters().get(0)).isEmpty();
    assertThat(bind.parameters().get(1)).isNull();
  }

  @Test
  void bindParametersAreCopiedOutOfTheFrame() {
    Frame frame = frame((byte) 'B', "00 00 0000 0001 00000002 '42' 0000");
    FrontendMessage.Bind bind = (FrontendMessage.Bind) FrontendMessageDecoder.decode(frame);

    frame.body().setByte(13, 'x');

    assertThat(bind.parameters().get(0)).containsExactly(Hex.bytes("'42'"));
  }

  @Test
  void bindWithUnsupportedParameterFormatIsRefused() {
    assertRefused('B', "00 00 0001 0002 0000 0000", SqlState.INVALID_PARAMETER_VALUE,
        "unsupported format code: 2");
    assertRefused('B', "00 00 0001 ffff 0000 0000", SqlState.INVALID_PARAMETER_VALUE,
        "unsupported format code: -1");
  }

  @Test
  void bindWithUnsupportedResultFormatIsRefused() {
    assertRefused('B', "00 00 0000 0000 0001 0002", SqlState.INVALID_PARAMETER_VALUE,
        "unsupported format code: 2");
  }

  @Test
  void bindWithParameterLongerThanTheMessageIsRefused() {
    assertViolation('B', "00 00 0000 0001 00000005 '42' 0000", "insufficient data left in message");
    assertViolation('B', "00 00 0000 0001 7fffffff", "insufficient data left in message");
  }

  @Test
  void bindWithNegativeParameterLengthOtherThanNullIsRefused() {
    assertViolation('B', "00 00 0000 0001 fffffffe 0000", "insufficient data left in message");
  }

  @Test
  void bindWithTruncatedCountsIsRefused() {
    assertViolation('B', "00 00", "insufficient data left in message");
    assertViolation('B', "00 00 0002 0000", "insufficient data left in message");
    assertViolation('B', "00 00 0000", "insufficient data left in message");
    assertViolation('B', "00 00 0000 0002 00000000", "insufficient data left in message");
    assertViolation('B', "00 00 0000 0001 0000", "insufficient data left in message");
    assertViolation('B', "00 00 0000 0000", "insufficient data left in message");
    assertViolation('B', "00 00 0000 0000 0001", "insufficient data left in message");
  }

  @Test
  void bindWithoutNameTerminatorsIsRefused() {
    assertViolation('B', "'p1'", "invalid string in message");
    assertViolation('B', "00 's1'", "invalid string in message");
  }

  @Test
  void bindWithTrailingBytesIsRefused() {
    assertViolation('B', "00 00 0000 0000 0000 00",
        "invalid message format: 1 unexpected bytes after message 'B'");
  }

  @Test
  void describeStatementAndPortal() {
    assertThat(decode('D', "53 's1' 00")).isEqualTo(new FrontendMessage.Describe('S', "s1"));
    assertThat(decode('D', "50 00")).isEqualTo(new FrontendMessage.Describe('P', ""));
  }

  @Test
  void describeWithBadKindIsRefused() {
    assertViolation('D', "58 00", "invalid DESCRIBE message subtype 88");
    assertViolation('D', "73 00", "invalid DESCRIBE message subtype 115");
  }

  @Test
  void describeWithoutKindOrNameIsRefused() {
    assertViolation('D', "", "insufficient data left in message");
    assertViolation('D', "53", "invalid string in message");
  }

  @Test
  void execute() {
    assertThat(decode('E', "'p1' 00 00000064")).isEqualTo(new FrontendMessage.Execute("p1", 100));
    assertThat(decode('E', "00 00000000")).isEqualTo(new FrontendMessage.Execute("", 0));
  }

  @Test
  void executeWithTruncatedRowLimitIsRefused() {
    assertViolation('E', "00", "insufficient data left in message");
    assertViolation('E', "00 000000", "insufficient data left in message");
  }

  @Test
  void closeStatementAndPortal() {
    assertThat(decode('C', "53 's1' 00")).isEqualTo(new FrontendMessage.Close('S', "s1"));
    assertThat(decode('C', "50 00")).isEqualTo(new FrontendMessage.Close('P', ""));
  }

  @Test
  void closeWithBadKindIsRefused() {
    assertViolation('C', "51 00", "invalid CLOSE message subtype 81");
    assertViolation('C', "", "insufficient data left in message");
  }

  @Test
  void messagesWithoutBody() {
    assertThat(decode('S', "")).isEqualTo(new FrontendMessage.Sync());
    assertThat(decode('H', "")).isEqualTo(new FrontendMessage.Flush());
    assertThat(decode('X', "")).isEqualTo(new FrontendMessage.Terminate());
    assertThat(decode('c', "")).isEqualTo(new FrontendMessage.CopyDone());
  }

  @ParameterizedTest
  @CsvSource({"S", "H", "X", "c"})
  void messagesWithoutBodyRefuseTrailingBytes(char type) {
    assertViolation(type, "00",
        "invalid message format: 1 unexpected bytes after message '" + type + "'");
  }

  @Test
  void passwordMessagePayloadStaysRaw() {
    FrontendMessage.AuthenticationResponse password =
        (FrontendMessage.AuthenticationResponse) decode('p', "'secret' 00");

    assertThat(password.payload()).containsExactly(Hex.bytes("'secret' 00"));
  }

  @Test
  void saslInitialResponsePayloadStaysRaw() {
    String body = "'SCRAM-SHA-256' 00 00000008 'n,,n=,r='";
    FrontendMessage.AuthenticationResponse initial =
        (FrontendMessage.AuthenticationResponse) decode('p', body);

    assertThat(initial.payload()).containsExactly(Hex.bytes(body));
  }

  @Test
  void copyData() {
    FrontendMessage.CopyData data = (FrontendMessage.CopyData) decode('d', "'1\t2' 0a 00 ff");
    FrontendMessage.CopyData empty = (FrontendMessage.CopyData) decode('d', "");

    assertThat(data.data()).containsExactly(Hex.bytes("'1\t2' 0a 00 ff"));
    assertThat(empty.data()).isEmpty();
  }

  @Test
  void copyFail() {
    assertThat(decode('f', "'aborted' 00")).isEqualTo(new FrontendMessage.CopyFail("aborted"));
    assertViolation('f', "'aborted'", "invalid string in message");
  }

  @Test
  void functionCallIsDecodedOnlyToBeRefused() {
    assertThat(decode('F', "00000001 0000 0000 0000"))
        .isEqualTo(new FrontendMessage.FunctionCall());
  }

  @Test
  void unknownMessageTypeIsRefused() {
    assertViolation(frame((byte) 'Z', ""), "invalid frontend message type 90");
    assertViolation(frame((byte) 'q', "'select 1' 00"), "invalid frontend message type 113");
    // Type 0 after the startup phase is an unknown message, never a startup packet.
    assertViolation(Frame.typed((byte) 0, Unpooled.wrappedBuffer(new byte[] {0, 3, 0, 0})),
        "invalid frontend message type 0");
  }
}
