package io.duckgres.pgwire.types;

import static io.duckgres.pgwire.types.Wire.assertPgError;
import static io.duckgres.pgwire.types.Wire.binaryHex;
import static io.duckgres.pgwire.types.Wire.readBinary;
import static io.duckgres.pgwire.types.Wire.readText;
import static io.duckgres.pgwire.types.Wire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.pgwire.SqlState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * date, time, timetz, timestamp and timestamptz. Expected text and bytes are PostgreSQL 15's
 * (DateStyle ISO, date_send / timestamp_send …) for the same values.
 */
class DateTimeTypesTest {
  private static final FormatOptions KOLKATA = FormatOptions.of(ZoneId.of("Asia/Kolkata"));
  private static final FormatOptions NEW_YORK = FormatOptions.of(ZoneId.of("America/New_York"));

  @ParameterizedTest
  @CsvSource({
    "2024-01-02, 2024-01-02, 0000223f",
    "2000-01-01, 2000-01-01, 00000000",
    "-0043-03-15, 0044-03-15 BC, fff49d7b",
    "0000-01-01, 0001-01-01 BC, fff4da8b",
    "+10000-01-01, 10000-01-01, 002c95d4",
    "1970-01-01, 1970-01-01, ffffd533",
  })
  void date(String iso, String expectedText, String expectedHex) {
    LocalDate value = LocalDate.parse(iso);
    assertThat(text(DateType.INSTANCE, value)).isEqualTo(expectedText);
    assertThat(binaryHex(DateType.INSTANCE, value)).isEqualTo(expectedHex);
    assertThat(readText(DateType.INSTANCE, expectedText)).isEqualTo(value);
    assertThat(readBinary(DateType.INSTANCE, expectedHex)).isEqualTo(value);
  }

  @Test
  void dateInfinities() {
    assertThat(text(DateType.INSTANCE, LocalDate.MAX)).isEqualTo("infinity");
    assertThat(text(DateType.INSTANCE, LocalDate.MIN)).isEqualTo("-infinity");
    assertThat(binaryHex(DateType.INSTANCE, LocalDate.MAX)).isEqualTo("7fffffff");
    assertThat(binaryHex(DateType.INSTANCE, LocalDate.MIN)).isEqualTo("80000000");
    assertThat(readBinary(DateType.INSTANCE, "7fffffff")).isEqualTo(LocalDate.MAX);
    assertThat(readBinary(DateType.INSTANCE, "80000000")).isEqualTo(LocalDate.MIN);
    assertThat(readText(DateType.INSTANCE, "Infinity")).isEqualTo(LocalDate.MAX);
    assertThat(readText(DateType.INSTANCE, " -infinity ")).isEqualTo(LocalDate.MIN);
    assertThat(readText(DateType.INSTANCE, "epoch")).isEqualTo(LocalDate.EPOCH);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "' 2024-01-02 '|2024-01-02", "2024-1-2|2024-01-02", "20240102|2024-01-02",
        "2024-01-02 03:04:05|2024-01-02", "2024-01-02T03:04:05Z|2024-01-02",
        "2024-01-02 AD|2024-01-02", "2024-02-29|2024-02-29", "4714-11-24 BC|4714-11-24 BC",
        "5874897-12-31|5874897-12-31",
      })
  void dateTextInput(String input, String expectedOutput) {
    assertThat(text(DateType.INSTANCE, readText(DateType.INSTANCE, input)))
        .isEqualTo(expectedOutput);
  }

  @Test
  void dateTextErrors() {
    assertPgError(
        () -> readText(DateType.INSTANCE, "x"),
        SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type date: \"x\"");
    assertPgError(
        () -> readText(DateType.INSTANCE, "+infinity"),
        SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type date: \"+infinity\"");
    for (String input : new String[] {"2024-13-01", "2024-02-30", "2023-02-29", "0000-01-01"}) {
      assertPgError(
          () -> readText(DateType.INSTANCE, input),
          SqlState.DATETIME_FIELD_OVERFLOW,
          "date/time field value out of range: \"" + input + "\"");
    }
    assertPgError(
        () -> readText(DateType.INSTANCE, "5874898-01-01"),
        SqlState.DATETIME_FIELD_OVERFLOW,
        "date out of range: \"5874898-01-01\"");
    assertPgError(
        () -> readText(DateType.INSTANCE, "4714-11-23 BC"),
        SqlState.DATETIME_FIELD_OVERFLOW,
        "date out of range: \"4714-11-23 BC\"");
    assertPgError(
        () -> readBinary(DateType.INSTANCE, "0000223f00"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
  }

  @ParameterizedTest
  @CsvSource({
    "2024-01-02T03:04:05.123456, 2024-01-02 03:04:05.123456, 0002b0ec8517d580",
    "2024-01-02T03:04:05.120, 2024-01-02 03:04:05.12, 0002b0ec8517c800",
    "2024-01-02T03:04:05, 2024-01-02 03:04:05, 0002b0ec8515f340",
    "2000-01-01T00:00, 2000-01-01 00:00:00, 0000000000000000",
    "-0043-03-15T12:00, 0044-03-15 12:00:00 BC, ff1af9e8fb46d000",
  })
  void timestamp(String iso, String expectedText, String expectedHex) {
    LocalDateTime value = LocalDateTime.parse(iso);
    assertThat(text(TimestampType.INSTANCE, value)).isEqualTo(expectedText);
    assertThat(binaryHex(TimestampType.INSTANCE, value)).isEqualTo(expectedHex);
    assertThat(readText(TimestampType.INSTANCE, expectedText)).isEqualTo(value);
    assertThat(readBinary(TimestampType.INSTANCE, expectedHex)).isEqualTo(value);
  }

  @Test
  void timestampInfinitiesAndNanoseconds() {
    assertThat(text(TimestampType.INSTANCE, LocalDateTime.MAX)).isEqualTo("infinity");
    assertThat(text(TimestampType.INSTANCE, LocalDateTime.MIN)).isEqualTo("-infinity");
    assertThat(binaryHex(TimestampType.INSTANCE, LocalDateTime.MAX)).isEqualTo("7fffffffffffffff");
    assertThat(binaryHex(TimestampType.INSTANCE, LocalDateTime.MIN)).isEqualTo("8000000000000000");
    assertThat(readBinary(TimestampType.INSTANCE, "7fffffffffffffff")).isEqualTo(LocalDateTime.MAX);
    assertThat(readBinary(TimestampType.INSTANCE, "8000000000000000")).isEqualTo(LocalDateTime.MIN);
    assertThat(readText(TimestampType.INSTANCE, "-infinity")).isEqualTo(LocalDateTime.MIN);
    LocalDateTime nanos = LocalDateTime.parse("2024-01-02T03:04:05.123456789");
    assertThat(text(TimestampType.INSTANCE, nanos)).isEqualTo("2024-01-02 03:04:05.123456");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-01-02 03:04:05.1234567|2024-01-02 03:04:05.123457",
        "2024-01-02 03:04:05.9999999|2024-01-02 03:04:06",
        "2024-01-02T03:04:05Z|2024-01-02 03:04:05",
        "2024-01-02 03:04|2024-01-02 03:04:00",
        "2024-01-02|2024-01-02 00:00:00",
        "epoch|1970-01-01 00:00:00",
        "2024-01-02 24:00:00|2024-01-03 00:00:00",
        "2024-01-02 23:59:60|2024-01-03 00:00:00",
        "2024-01-02 03:04:05+05|2024-01-02 03:04:05",
        "294276-12-31 23:59:59.999999|294276-12-31 23:59:59.999999",
      })
  void timestampTextInput(String input, String expectedOutput) {
    assertThat(text(TimestampType.INSTANCE, readText(TimestampType.INSTANCE, input)))
        .isEqualTo(expectedOutput);
  }

  @Test
  void timestampTextErrors() {
    assertPgError(
        () -> readText(TimestampType.INSTANCE, "x"),
        SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type timestamp: \"x\"");
    assertPgError(
        () -> readText(TimestampType.INSTANCE, "03:04:05"),
        SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type timestamp: \"03:04:05\"");
    for (String input : new String[] {"2024-01-02 25:00", "2024-01-02 03:60", "2024-01-02 24:00:01"}) {
      assertPgError(
          () -> readText(TimestampType.INSTANCE, input),
          SqlState.DATETIME_FIELD_OVERFLOW,
          "date/time field value out of range: \"" + input + "\"");
    }
    assertPgError(
        () -> readText(TimestampType.INSTANCE, "294277-01-01"),
        SqlState.DATETIME_FIELD_OVERFLOW,
        "timestamp out of range: \"294277-01-01\"");
    assertPgError(
        () -> readBinary(TimestampType.INSTANCE, "7ffffffffffffffe"),
        SqlState.DATETIME_FIELD_OVERFLOW,
        "timestamp out of range");
    assertPgError(
        () -> binaryHex(TimestampType.INSTANCE, LocalDateTime.of(300_000, 1, 1, 0, 0)),
        SqlState.DATETIME_FIELD_OVERFLOW,
        "timestamp out of range");
  }

  @Test
  void timestamptzTextIsInTheSessionTimeZone() {
    OffsetDateTime utc = OffsetDateTime.parse("2024-01-02T03:04:05.123456Z");
    assertThat(text(TimestampTzType.INSTANCE, utc)).isEqualTo("2024-01-02 03:04:05.123456+00");
    assertThat(binaryHex(TimestampTzType.INSTANCE, utc)).isEqualTo("0002b0ec8517d580");
    assertThat(binaryHex(TimestampTzType.INSTANCE, utc.withOffsetSameInstant(ZoneOffset.ofHours(3))))
        .isEqualTo("0002b0ec8517d580");
    assertThat(text(TimestampTzType.INSTANCE, OffsetDateTime.parse("2024-01-02T03:04:05.5Z"), KOLKATA))
        .isEqualTo("2024-01-02 08:34:05.5+05:30");
    assertThat(text(TimestampTzType.INSTANCE, OffsetDateTime.parse("2024-07-02T03:04:05Z"), NEW_YORK))
        .isEqualTo("2024-07-01 23:04:05-04");
    OffsetDateTime lmt = LocalDateTime.of(1800, 3, 15, 12, 0).atZone(ZoneId.of("America/New_York"))
        .toOffsetDateTime();
    assertThat(text(TimestampTzType.INSTANCE, lmt, NEW_YORK)).isEqualTo("1800-03-15 12:00:00-04:56:02");
    OffsetDateTime bc = LocalDateTime.of(-43, 3, 15, 12, 0).atZone(ZoneId.of("Asia/Kolkata"))
        .toOffsetDateTime();
    assertThat(text(TimestampTzType.INSTANCE, bc, KOLKATA)).isEqualTo("0044-03-15 12:00:00+05:53:28 BC");
    assertThat(readBinary(TimestampTzType.INSTANCE, "0002b0ec8517d580")).isEqualTo(utc);
  }

  @Test
  void timestamptzInfinities() {
    assertThat(text(TimestampTzType.INSTANCE, OffsetDateTime.MAX)).isEqualTo("infinity");
    assertThat(text(TimestampTzType.INSTANCE, OffsetDateTime.MIN, KOLKATA)).isEqualTo("-infinity");
    assertThat(binaryHex(TimestampTzType.INSTANCE, OffsetDateTime.MAX)).isEqualTo("7fffffffffffffff");
    assertThat(binaryHex(TimestampTzType.INSTANCE, OffsetDateTime.MIN)).isEqualTo("8000000000000000");
    assertThat(readBinary(TimestampTzType.INSTANCE, "7fffffffffffffff")).isEqualTo(OffsetDateTime.MAX);
    assertThat(readText(TimestampTzType.INSTANCE, "infinity")).isEqualTo(OffsetDateTime.MAX);
    assertThat(readText(TimestampTzType.INSTANCE, "-infinity")).isEqualTo(OffsetDateTime.MIN);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-01-02 03:04:05+05:30|2024-01-01T21:34:05Z",
        "2024-01-02 03:04:05 +05|2024-01-01T22:04:05Z",
        "2024-01-02T03:04:05Z|2024-01-02T03:04:05Z",
        "2024-01-02 03:04:05 UTC|2024-01-02T03:04:05Z",
        "2024-01-02 03:04:05-0800|2024-01-02T11:04:05Z",
        "2024-01-02 03:04:05+05:30:15|2024-01-01T21:33:50Z",
        "2024-01-02 03:04:05 Europe/Paris|2024-01-02T02:04:05Z",
        "2024-01-02 03:04:05|2024-01-01T21:34:05Z",
        "2024-01-02 03:04:05.5-02:30|2024-01-02T05:34:05.500Z",
        "0044-03-15 12:00:00+00 BC|-0043-03-15T12:00:00Z",
      })
  void timestamptzTextInputUsesTheSessionZoneWhenNoneIsGiven(String input, String instant) {
    assertThat(readText(TimestampTzType.INSTANCE, input, KOLKATA).toInstant())
        .isEqualTo(Instant.parse(instant));
  }

  @Test
  void timestamptzTextErrors() {
    assertPgError(
        () -> readText(TimestampTzType.INSTANCE, "x"),
        SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type timestamp with time zone: \"x\"");
    assertPgError(
        () -> readText(TimestampTzType.INSTANCE, "2024-01-02 03:04:05 Mars/Base"),
        SqlState.INVALID_PARAMETER_VALUE,
        "time zone \"mars/base\" not recognized");
  }

  @Test
  void time() {
    LocalTime value = LocalTime.parse("03:04:05.5");
    assertThat(text(TimeType.INSTANCE, value)).isEqualTo("03:04:05.5");
    assertThat(binaryHex(TimeType.INSTANCE, value)).isEqualTo("00000002925cf460");
    assertThat(readBinary(TimeType.INSTANCE, "00000002925cf460")).isEqualTo(value);
    assertThat(text(TimeType.INSTANCE, LocalTime.MIDNIGHT)).isEqualTo("00:00:00");
    assertThat(text(TimeType.INSTANCE, LocalTime.MAX)).isEqualTo("24:00:00");
    assertThat(binaryHex(TimeType.INSTANCE, LocalTime.MAX)).isEqualTo("000000141dd76000");
    assertThat(readBinary(TimeType.INSTANCE, "000000141dd76000")).isEqualTo(LocalTime.MAX);
    assertThat(readText(TimeType.INSTANCE, "24:00")).isEqualTo(LocalTime.MAX);
    assertThat(readText(TimeType.INSTANCE, "3:4")).isEqualTo(LocalTime.of(3, 4));
    assertThat(readText(TimeType.INSTANCE, "03:04:05+05")).isEqualTo(LocalTime.of(3, 4, 5));
    assertThat(readText(TimeType.INSTANCE, "2024-01-02 03:04:05")).isEqualTo(LocalTime.of(3, 4, 5));
    assertThat(readText(TimeType.INSTANCE, "allballs")).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(text(TimeType.INSTANCE, readText(TimeType.INSTANCE, "23:59:59.9999999")))
        .isEqualTo("24:00:00");
    assertPgError(
        () -> readText(TimeType.INSTANCE, "25:00"),
        SqlState.DATETIME_FIELD_OVERFLOW,
        "date/time field value out of range: \"25:00\"");
    assertPgError(
        () -> readText(TimeType.INSTANCE, "x"),
        SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type time: \"x\"");
    assertPgError(
        () -> readBinary(TimeType.INSTANCE, "000000141dd76001"), SqlState.DATETIME_FIELD_OVERFLOW);
  }

  @ParameterizedTest
  @CsvSource({
    "03:04:05.5+05:30, 03:04:05.5+05:30, 00000002925cf460ffffb2a8",
    "03:04:05-08:00, 03:04:05-08, 000000029255534000007080",
    "03:04:05+05:30:15, 03:04:05+05:30:15, 0000000292555340ffffb299",
    "00:00Z, 00:00:00+00, 000000000000000000000000",
  })
  void timetz(String iso, String expectedText, String expectedHex) {
    OffsetTime value = OffsetTime.parse(iso);
    assertThat(text(TimeTzType.INSTANCE, value)).isEqualTo(expectedText);
    assertThat(binaryHex(TimeTzType.INSTANCE, value)).isEqualTo(expectedHex);
    assertThat(readText(TimeTzType.INSTANCE, expectedText)).isEqualTo(value);
    assertThat(readBinary(TimeTzType.INSTANCE, expectedHex)).isEqualTo(value);
  }

  @Test
  void timetzInputForms() {
    assertThat(readText(TimeTzType.INSTANCE, "03:04:05.123 -07:00"))
        .isEqualTo(OffsetTime.parse("03:04:05.123-07:00"));
    assertThat(readText(TimeTzType.INSTANCE, "03:04:05Z")).isEqualTo(OffsetTime.parse("03:04:05Z"));
    assertThat(readText(TimeTzType.INSTANCE, "03:04:05", KOLKATA))
        .isEqualTo(OffsetTime.parse("03:04:05+05:30"));
    assertPgError(
        () -> readText(TimeTzType.INSTANCE, "x"),
        SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type time with time zone: \"x\"");
  }

  @Test
  void identities() {
    assertThat(DateType.INSTANCE.oid()).isEqualTo(1082);
    assertThat(DateType.INSTANCE.arrayOid()).isEqualTo(1182);
    assertThat(TimeType.INSTANCE.oid()).isEqualTo(1083);
    assertThat(TimeType.INSTANCE.arrayOid()).isEqualTo(1183);
    assertThat(TimeTzType.INSTANCE.oid()).isEqualTo(1266);
    assertThat(TimeTzType.INSTANCE.typeLength()).isEqualTo((short) 12);
    assertThat(TimestampType.INSTANCE.oid()).isEqualTo(1114);
    assertThat(TimestampType.INSTANCE.arrayOid()).isEqualTo(1115);
    assertThat(TimestampTzType.INSTANCE.oid()).isEqualTo(1184);
    assertThat(TimestampTzType.INSTANCE.arrayOid()).isEqualTo(1185);
    assertThat(TimestampTzType.INSTANCE.cast(Instant.EPOCH).toInstant()).isEqualTo(Instant.EPOCH);
  }
}
