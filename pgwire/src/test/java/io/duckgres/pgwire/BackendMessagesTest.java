package io.duckgres.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every backend message writer against hand-written bytes from the PostgreSQL documentation,
 * "Message Formats" (protocol-message-formats.html). Lengths in the fixtures were counted by hand
 * from the documented layouts, not computed by the code under test. Each message is written into a
 * pooled buffer of capacity 1, so the writers also survive reallocation, and every buffer must be
 * released afterwards.
 */
class BackendMessagesTest {

  /** Writes into a fresh pooled buffer, returns its hex, and checks the buffer is released. */
  private static String written(Consumer<ByteBuf> writer) {
    ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer(1);
    try {
      writer.accept(out);
      assertThat(out.readerIndex()).as("writers never read").isZero();
      return Hex.of(out);
    } finally {
      assertThat(out.release()).as("buffer released").isTrue();
      assertThat(out.refCnt()).isZero();
    }
  }

  private static void assertWrites(Consumer<ByteBuf> writer, String expected) {
    assertThat(written(writer)).isEqualTo(Hex.canonical(expected));
  }

  // Authentication: 'R' | int32 len | int32 code | code-specific data.

  @Test
  void authenticationOk() {
    assertWrites(BackendMessages::authenticationOk, "52 00000008 00000000");
  }

  @Test
  void authenticationCleartextPassword() {
    assertWrites(BackendMessages::authenticationCleartextPassword, "52 00000008 00000003");
  }

  @Test
  void authenticationSaslListsMechanismsEndedByAnEmptyString() {
    // 4 (len) + 4 (code 10) + 14 ('SCRAM-SHA-256' NUL) + 1 (list terminator) = 23
    assertWrites(out -> BackendMessages.authenticationSasl(out, List.of("SCRAM-SHA-256")),
        "52 00000017 0000000a 'SCRAM-SHA-256' 00 00");
    // 4 + 4 + 19 + 14 + 1 = 42
    assertWrites(
        out -> BackendMessages.authenticationSasl(out,
            List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")),
        "52 0000002a 0000000a 'SCRAM-SHA-256-PLUS' 00 'SCRAM-SHA-256' 00 00");
    assertWrites(out -> BackendMessages.authenticationSasl(out, List.of()),
        "52 00000009 0000000a 00");
  }

  @Test
  void authenticationSaslContinueCarriesServerFirstMessageUnterminated() {
    // 4 + 4 + 25 bytes of data, no NUL: the length delimits SASL data.
    assertWrites(out -> BackendMessages.authenticationSaslContinue(out,
            Hex.bytes("'r=nonce,s=c2FsdA==,i=4096'")),
        "52 00000021 0000000b 'r=nonce,s=c2FsdA==,i=4096'");
  }

  @Test
  void authenticationSaslFinalCarriesServerFinalMessageUnterminated() {
    assertWrites(out -> BackendMessages.authenticationSaslFinal(out,
            Hex.bytes("'v=c2lnbmF0dXJl'")),
        "52 00000016 0000000c 'v=c2lnbmF0dXJl'");
  }

  @Test
  void parameterStatus() {
    // 4 + 16 ('client_encoding' NUL) + 5 ('UTF8' NUL) = 25
    assertWrites(out -> BackendMessages.parameterStatus(out, "client_encoding", "UTF8"),
        "53 00000019 'client_encoding' 00 'UTF8' 00");
    assertWrites(out -> BackendMessages.parameterStatus(out, "application_name", ""),
        "53 00000016 'application_name' 00 00");
  }

  @Test
  void backendKeyData() {
    assertWrites(out -> BackendMessages.backendKeyData(out, 1234, 0xdeadbeef),
        "4b 0000000c 000004d2 deadbeef");
  }

  @Test
  void negotiateProtocolVersion() {
    // 4 + 4 (newest minor) + 4 (count) + 9 ('_pq_.foo' NUL) = 21
    assertWrites(out -> BackendMessages.negotiateProtocolVersion(out, 0, List.of("_pq_.foo")),
        "76 00000015 00000000 00000001 '_pq_.foo' 00");
    assertWrites(out -> BackendMessages.negotiateProtocolVersion(out, 0, List.of()),
        "76 0000000c 00000000 00000000");
  }

  @Test
  void readyForQueryInEachTransactionStatus() {
    assertWrites(out -> BackendMessages.readyForQuery(out, 'I'), "5a 00000005 49");
    assertWrites(out -> BackendMessages.readyForQuery(out, 'T'), "5a 00000005 54");
    assertWrites(out -> BackendMessages.readyForQuery(out, 'E'), "5a 00000005 45");
  }

  @Test
  void commandComplete() {
    assertWrites(out -> BackendMessages.commandComplete(out, "SELECT 1"),
        "43 0000000d 'SELECT 1' 00");
    assertWrites(out -> BackendMessages.commandComplete(out, "INSERT 0 5"),
        "43 0000000f 'INSERT 0 5' 00");
  }

  @Test
  void messagesWithoutBody() {
    assertWrites(BackendMessages::emptyQueryResponse, "49 00000004");
    assertWrites(BackendMessages::parseComplete, "31 00000004");
    assertWrites(BackendMessages::bindComplete, "32 00000004");
    assertWrites(BackendMessages::closeComplete, "33 00000004");
    assertWrites(BackendMessages::noData, "6e 00000004");
    assertWrites(BackendMessages::portalSuspended, "73 00000004");
    assertWrites(BackendMessages::copyDone, "63 00000004");
  }

  @Test
  void parameterDescription() {
    assertWrites(out -> BackendMessages.parameterDescription(out, new int[] {23, 25}),
        "74 0000000e 0002 00000017 00000019");
    assertWrites(out -> BackendMessages.parameterDescription(out, new int[0]),
        "74 00000006 0000");
  }

  @Test
  void rowDescriptionOfAnExpressionColumn() {
    // 4 + 2 (count) + 9 ('?column?' NUL) + 4 + 2 + 4 + 2 + 4 + 2 = 33
    ColumnDescription column =
        new ColumnDescription("?column?", 0, (short) 0, 23, (short) 4, -1, (short) 0);
    assertWrites(out -> BackendMessages.rowDescription(out, List.of(column)),
        "54 00000021 0001"
            + " '?column?' 00 00000000 0000 00000017 0004 ffffffff 0000");
  }

  @Test
  void rowDescriptionOfTableColumnsWithTypmodAndFormats() {
    // 4 + 2 + (3 + 18) + (5 + 18) = 50
    ColumnDescription id =
        new ColumnDescription("id", 16384, (short) 1, 20, (short) 8, -1, (short) 1);
    ColumnDescription name =
        new ColumnDescription("name", 16384, (short) 2, 1043, (short) -1, 68, (short) 0);
    assertWrites(out -> BackendMessages.rowDescription(out, List.of(id, name)),
        "54 00000032 0002"
            + " 'id' 00 00004000 0001 00000014 0008 ffffffff 0001"
            + " 'name' 00 00004000 0002 00000413 ffff 00000044 0000");
  }

  @Test
  void rowDescriptionWithoutColumns() {
    assertWrites(out -> BackendMessages.rowDescription(out, List.of()), "54 00000006 0000");
  }

  @Test
  void rowDescriptionCountsNameLengthInUtf8Bytes() {
    // 'é' is two bytes in UTF-8: 4 + 2 + (2 + 1) + 18 = 27
    ColumnDescription column =
        new ColumnDescription("\u00e9", 0, (short) 0, 25, (short) -1, -1, (short) 0);
    assertWrites(out -> BackendMessages.rowDescription(out, List.of(column)),
        "54 0000001b 0001 c3a9 00 00000000 0000 00000019 ffff ffffffff 0000");
  }

  @Test
  void copyInResponseText() {
    // 4 + 1 (overall format) + 2 (count) + 2 * 2 (column formats) = 11
    assertWrites(out -> BackendMessages.copyResponse(out, 'G', false, 2),
        "47 0000000b 00 0002 0000 0000");
  }

  @Test
  void copyOutResponseBinary() {
    assertWrites(out -> BackendMessages.copyResponse(out, 'H', true, 3),
        "48 0000000d 01 0003 0001 0001 0001");
    assertWrites(out -> BackendMessages.copyResponse(out, 'H', false, 0), "48 00000007 00 0000");
  }

  @Test
  void errorResponseWithEveryField() {
    // Fields in the order PostgreSQL sends them; each is one code byte and a NUL-terminated
    // string; a single NUL ends the list. 7 + 7 + 7 + 5 + 5 + 5 + 4 + 6 + 1 = 47, + 4 = 51.
    PgException error = new PgException(PgException.Severity.ERROR, SqlState.SYNTAX_ERROR, "bad",
        "why", "fix", 12, null).withContext("here");
    assertWrites(out -> BackendMessages.errorResponse(out, error),
        "45 00000033"
            + " 53 'ERROR' 00" // S: severity (localized)
            + " 56 'ERROR' 00" // V: severity (never localized)
            + " 43 '42601' 00" // C: SQLSTATE
            + " 4d 'bad' 00" // M: message
            + " 44 'why' 00" // D: detail
            + " 48 'fix' 00" // H: hint
            + " 50 '12' 00" // P: position, decimal ASCII, 1-based
            + " 57 'here' 00" // W: where (context)
            + " 00");
  }

  @Test
  void errorResponseWithOnlyTheRequiredFields() {
    assertWrites(out -> BackendMessages.errorResponse(out,
            new PgException(SqlState.SYNTAX_ERROR, "bad")),
        "45 0000001f 53 'ERROR' 00 56 'ERROR' 00 43 '42601' 00 4d 'bad' 00 00");
  }

  @Test
  void fatalErrorResponse() {
    assertWrites(out -> BackendMessages.errorResponse(out,
            PgException.fatal(SqlState.PROTOCOL_VIOLATION, "bad")),
        "45 0000001f 53 'FATAL' 00 56 'FATAL' 00 43 '08P01' 00 4d 'bad' 00 00");
  }

  @Test
  void errorResponseWithoutMessageStillSendsTheRequiredMessageField() {
    assertWrites(out -> BackendMessages.errorResponse(out,
            new PgException(SqlState.INTERNAL_ERROR, null)),
        "45 0000001c 53 'ERROR' 00 56 'ERROR' 00 43 'XX000' 00 4d 00 00");
  }

  @Test
  void errorResponseCountsUtf8Bytes() {
    assertWrites(out -> BackendMessages.errorResponse(out,
            new PgException(SqlState.DATA_EXCEPTION, "\u00e9")),
        "45 0000001e 53 'ERROR' 00 56 'ERROR' 00 43 '22000' 00 4d c3a9 00 00");
  }

  @Test
  void errorResponseOmitsUnknownPosition() {
    PgException zero =
        new PgException(PgException.Severity.ERROR, SqlState.SYNTAX_ERROR, "bad", null, null, 0,
            null);
    PgException negative =
        new PgException(PgException.Severity.ERROR, SqlState.SYNTAX_ERROR, "bad", null, null, -3,
            null);
    String expected = "45 0000001f 53 'ERROR' 00 56 'ERROR' 00 43 '42601' 00 4d 'bad' 00 00";
    assertWrites(out -> BackendMessages.errorResponse(out, zero), expected);
    assertWrites(out -> BackendMessages.errorResponse(out, negative), expected);
  }

  @Test
  void errorResponseSendsShiftedPosition() {
    // A statement at offset 10 of a multi-statement Query: position 3 within it is 13 overall.
    PgException error = new PgException(PgException.Severity.ERROR, SqlState.SYNTAX_ERROR, "bad",
        null, null, 3, null).withPositionOffset(10);
    assertWrites(out -> BackendMessages.errorResponse(out, error),
        "45 00000023 53 'ERROR' 00 56 'ERROR' 00 43 '42601' 00 4d 'bad' 00 50 '13' 00 00");
  }

  @Test
  void noticeResponse() {
    // 9 + 9 + 7 + 9 + 1 = 35, + 4 = 39
    assertWrites(out -> BackendMessages.noticeResponse(out, "WARNING", SqlState.WARNING,
            "careful"),
        "4e 00000027 53 'WARNING' 00 56 'WARNING' 00 43 '01000' 00 4d 'careful' 00 00");
    assertWrites(out -> BackendMessages.noticeResponse(out, "NOTICE",
            SqlState.SUCCESSFUL_COMPLETION, "hi"),
        "4e 00000020 53 'NOTICE' 00 56 'NOTICE' 00 43 '00000' 00 4d 'hi' 00 00");
  }

  @Test
  void beginAndEndFrameACustomBodyAfterEarlierMessages() {
    // The length is back-patched relative to where the message starts, not to the buffer start.
    assertWrites(out -> {
      BackendMessages.commandComplete(out, "SELECT 1");
      int at = BackendMessages.begin(out, 'D');
      out.writeShort(1).writeInt(1).writeByte('1');
      BackendMessages.end(out, at);
      BackendMessages.readyForQuery(out, 'I');
    }, "43 0000000d 'SELECT 1' 00"
        + " 44 0000000b 0001 00000001 31"
        + " 5a 00000005 49");
  }

  @Test
  void writeCStringAppendsTerminator() {
    assertWrites(out -> BackendMessages.writeCString(out, "ab"), "'ab' 00");
    assertWrites(out -> BackendMessages.writeCString(out, ""), "00");
  }
}
