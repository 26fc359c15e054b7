package io.duckgres.pgwire.types;

import static io.duckgres.pgwire.types.Wire.assertPgError;
import static io.duckgres.pgwire.types.Wire.binaryHex;
import static io.duckgres.pgwire.types.Wire.readBinary;
import static io.duckgres.pgwire.types.Wire.readText;
import static io.duckgres.pgwire.types.Wire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.pgwire.SqlState;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * interval with IntervalStyle postgres. Output and input cases were run through PostgreSQL 15
 * (interval_out, interval_in, interval_send) and give the same text here.
 */
class IntervalTypeTest {

  @ParameterizedTest
  @CsvSource({
    "14, 3, 14706789000, 1 year 2 mons 3 days 04:05:06.789",
    "0, 0, -1000000, -00:00:01",
    "0, 0, 0, 00:00:00",
    "-14, 3, -14706000000, -1 years -2 mons +3 days -04:05:06",
    "0, 1, -3600000000, 1 day -01:00:00",
    "0, 0, 360000000000, 100:00:00",
    "-1, 0, 0, -1 mons",
    "1, -1, 0, 1 mon -1 days",
    "0, -1, 3600000000, -1 days +01:00:00",
    "0, 1, 43200000000, 1 day 12:00:00",
    "12, 0, 0, 1 year",
    "0, 0, 1, 00:00:00.000001",
    "0, 0, 1100, 00:00:00.0011",
    "-2147483648, 0, 0, -178956970 years -8 mons",
    "2147483647, 2147483647, 9223372036854775807, 178956970 years 7 mons 2147483647 days 2562047788:00:54.775807",
    "-2147483648, -2147483648, -9223372036854775807, -178956970 years -8 mons -2147483648 days -2562047788:00:54.775807",
  })
  void textOutput(int months, int days, long micros, String expected) {
    PgInterval value = new PgInterval(months, days, micros);
    assertThat(text(IntervalType.INSTANCE, value)).isEqualTo(expected);
    assertThat(readText(IntervalType.INSTANCE, expected)).isEqualTo(value);
  }

  @Test
  void binaryIsMicrosDaysMonths() {
    PgInterval value = new PgInterval(14, 3, 14706789000L);
    assertThat(binaryHex(IntervalType.INSTANCE, value))
        .isEqualTo("000000036c97ca88" + "00000003" + "0000000e");
    assertThat(readBinary(IntervalType.INSTANCE, "000000036c97ca88000000030000000e"))
        .isEqualTo(value);
    assertPgError(
        () -> readBinary(IntervalType.INSTANCE, "000000036c97ca8800000003"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.5 days|1 day 12:00:00", "1.5 months|1 mon 15 days", "@ 1 hour ago|-01:00:00",
        "P1Y2M3DT4H5M6S|1 year 2 mons 3 days 04:05:06", "1.5 years|1 year 6 mons",
        "1.5 weeks|10 days 12:00:00", "-1.5 days|-1 days -12:00:00", "10|00:00:10",
        "1:2|01:02:00", "1:2:3.5|01:02:03.5", "1 day 1:2|1 day 01:02:00",
        "2 hours 30 minutes|02:30:00", "1 d 2 h 3 m 4 s|1 day 02:03:04", "1y 2mon|1 year 2 mons",
        "3 millennium 1 century 1 decade|3110 years", "1 ms 2 us|00:00:00.001002",
        "P1.5Y|1 year 6 mons", "PT1.5S|00:00:01.5", "P1W|7 days",
        "P0001-02-03T04:05:06|1 year 2 mons 3 days 04:05:06", "1-2|1 year 2 mons",
        "1 hour -30 minutes|00:30:00", "-1 day -02:03:04|-1 days -02:03:04",
        "1 day ago|-1 days", "1 day 2 hours ago|-1 days -02:00:00",
        "2147483647 days|2147483647 days", "2562047788 hours|2562047788:00:00",
        "-2147483648 months|-178956970 years -8 mons", "0.5 mon|15 days",
        "1.000001 sec|00:00:01.000001", "0.0000005 sec|00:00:00", "1.1 ms|00:00:00.0011",
        "-1:30|-01:30:00", "1:2.5|00:01:02.5", "1 week 2 days|9 days", "P1DT2H|1 day 02:00:00",
        "PT36H|36:00:00", "P-1D|-1 days", "1 microsecond|00:00:00.000001",
        "-0.5 days|-12:00:00", "1 yr 2 hrs|1 year 02:00:00", "5 mins 3 secs|00:05:03",
        "' 1 day '|1 day", "12:34:56.789012|12:34:56.789012",
        "1 day 2 hours 3 minutes 4.5 seconds|1 day 02:03:04.5", "2 weeks|14 days",
        "3 MONS 2 DAYS|3 mons 2 days", "1 day ago ago|-1 days", "ago 1 day|-1 days",
        "1 day ago 2 hours|-1 days -02:00:00",
      })
  void textInputMatchesPostgres(String input, String expectedOutput) {
    assertThat(text(IntervalType.INSTANCE, readText(IntervalType.INSTANCE, input)))
        .isEqualTo(expectedOutput);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"x", "1 fortnight", "1 year 1 year", "1 hour 1 hour", "ago", "", "+1 -2 day",
        "1 day 1:2 1:3", "P1X", "1 ago"})
  void invalidTextIs22007(String input) {
    assertPgError(
        () -> readText(IntervalType.INSTANCE, input),
        SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type interval: \"" + input + "\"");
  }

  @Test
  void fieldOverflow() {
    // PostgreSQL reports 22015 (interval_field_overflow), which SqlState does not list yet.
    assertPgError(
        () -> readText(IntervalType.INSTANCE, "2147483648 days"),
        SqlState.DATETIME_FIELD_OVERFLOW,
        "interval field value out of range: \"2147483648 days\"");
    assertPgError(
        () -> readText(IntervalType.INSTANCE, "9223372036854775807 hours"),
        SqlState.DATETIME_FIELD_OVERFLOW,
        "interval field value out of range: \"9223372036854775807 hours\"");
  }

  @Test
  void pgIntervalDurationHelpers() {
    PgInterval value = PgInterval.of(1, 2, Duration.ofMillis(-1500));
    assertThat(value).isEqualTo(new PgInterval(1, 2, -1_500_000));
    assertThat(value.time()).isEqualTo(Duration.ofMillis(-1500));
    assertThat(IntervalType.INSTANCE.oid()).isEqualTo(1186);
    assertThat(IntervalType.INSTANCE.typeLength()).isEqualTo((short) 16);
    assertThat(IntervalType.INSTANCE.arrayOid()).isEqualTo(1187);
  }
}
