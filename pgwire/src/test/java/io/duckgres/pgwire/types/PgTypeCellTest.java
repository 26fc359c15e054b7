package io.duckgres.pgwire.types;

import static io.duckgres.pgwire.types.Wire.assertPgError;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The null-aware, length-prefixed entry points used for DataRow columns and Bind parameters, and
 * the engine-value conversions they go through.
 */
class PgTypeCellTest {
  private final ByteBuf buffer = Unpooled.buffer();

  @AfterEach
  void release() {
    assertThat(buffer.release()).isTrue();
  }

  @Test
  void writeCellPrefixesTheLength() {
    IntegerType.INSTANCE.writeCell(12345, false, buffer, FormatOptions.DEFAULT);
    IntegerType.INSTANCE.writeCell(12345, true, buffer, FormatOptions.DEFAULT);
    IntegerType.INSTANCE.writeCell(null, true, buffer, FormatOptions.DEFAULT);
    BigIntType.INSTANCE.writeCell(7, false, buffer, FormatOptions.DEFAULT); // Integer widened
    assertThat(ByteBufUtil.hexDump(buffer))
        .isEqualTo("00000005" + "3132333435" + "00000004" + "00003039" + "ffffffff" + "00000001" + "37");
  }

  @Test
  void writeCellUsesTheSessionTimeZone() {
    FormatOptions kolkata = FormatOptions.of(ZoneId.of("Asia/Kolkata"));
    TimestampTzType.INSTANCE.writeCell(
        OffsetDateTime.parse("2024-01-02T03:04:05Z"), false, buffer, kolkata);
    assertThat(buffer.readInt()).isEqualTo(25);
    assertThat(buffer.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("2024-01-02 08:34:05+05:30");
  }

  @Test
  void readParameterHandlesNullAndBothFormats() {
    buffer.writeBytes(Wire.hex("0000002a")).writeBytes(Wire.utf8(" 42 ")).writeByte(0xEE);
    assertThat(IntegerType.INSTANCE.readParameter(buffer, -1, true, FormatOptions.DEFAULT)).isNull();
    assertThat(IntegerType.INSTANCE.readParameter(buffer, 4, true, FormatOptions.DEFAULT))
        .isEqualTo(42);
    assertThat(IntegerType.INSTANCE.readParameter(buffer, 4, false, FormatOptions.DEFAULT))
        .isEqualTo(42);
    assertThat(buffer.readableBytes()).isEqualTo(1);
  }

  @Test
  void readParameterRejectsValuesThatDoNotFillTheirLength() {
    buffer.writeBytes(Wire.hex("0000002a"));
    assertPgError(
        () -> TextType.TEXT.readParameter(buffer, 8, true, FormatOptions.DEFAULT),
        SqlState.PROTOCOL_VIOLATION,
        "insufficient data left in message");
    assertPgError(
        () -> IntegerType.INSTANCE.readParameter(buffer, 3, true, FormatOptions.DEFAULT),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
  }

  @Test
  void castFailureIsAServerSideTypeMismatch() {
    assertPgError(
        () -> DateType.INSTANCE.writeCell("2024-01-01", false, buffer, FormatOptions.DEFAULT),
        SqlState.DATATYPE_MISMATCH,
        "cannot send a value of Java class java.lang.String as type date");
  }

  @Test
  void tabulatedZoneOffsetsAgreeWithZoneRules() {
    java.util.Random random = new java.util.Random(3);
    for (String zone :
        new String[] {"America/New_York", "Europe/Paris", "Australia/Lord_Howe", "Asia/Kolkata",
          "Pacific/Apia", "America/St_Johns", "Africa/Casablanca"}) {
      FormatOptions options = FormatOptions.of(ZoneId.of(zone));
      java.time.zone.ZoneRules rules = ZoneId.of(zone).getRules();
      for (int i = 0; i < 20_000; i++) {
        long second = -8_000_000_000L + (long) (random.nextDouble() * 18_000_000_000L);
        assertThat(options.offsetSecondsAt(second))
            .as("%s at %d", zone, second)
            .isEqualTo(rules.getOffset(java.time.Instant.ofEpochSecond(second)).getTotalSeconds());
      }
      for (java.time.zone.ZoneOffsetTransition t : rules.getTransitions()) {
        long at = t.toEpochSecond();
        assertThat(options.offsetSecondsAt(at)).isEqualTo(t.getOffsetAfter().getTotalSeconds());
        assertThat(options.offsetSecondsAt(at - 1)).isEqualTo(t.getOffsetBefore().getTotalSeconds());
      }
    }
  }

  @Test
  void formatOptions() {
    assertThat(FormatOptions.of(java.time.ZoneOffset.UTC)).isSameAs(FormatOptions.DEFAULT);
    assertThat(FormatOptions.of(ZoneId.of("Europe/Paris")))
        .isEqualTo(FormatOptions.of(ZoneId.of("Europe/Paris")));
    assertThat(FormatOptions.DEFAULT.timeZone()).isEqualTo(java.time.ZoneOffset.UTC);
  }
}
