package io.duckgres.pgwire.types;

import static io.duckgres.pgwire.types.Wire.assertPgError;
import static io.duckgres.pgwire.types.Wire.binaryHex;
import static io.duckgres.pgwire.types.Wire.readBinary;
import static io.duckgres.pgwire.types.Wire.readText;
import static io.duckgres.pgwire.types.Wire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.pgwire.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** int2, int4, int8 and oid; expected forms as printed by PostgreSQL 15 (int4out, int4send …). */
class IntegerTypesTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0, 00000000",
    "1, 1, 00000001",
    "-1, -1, ffffffff",
    "1234567, 1234567, 0012d687",
    "2147483647, 2147483647, 7fffffff",
    "-2147483648, -2147483648, 80000000",
  })
  void int4TextAndBinary(int value, String expectedText, String expectedHex) {
    assertThat(text(IntegerType.INSTANCE, value)).isEqualTo(expectedText);
    assertThat(binaryHex(IntegerType.INSTANCE, value)).isEqualTo(expectedHex);
    assertThat(readText(IntegerType.INSTANCE, expectedText)).isEqualTo(value);
    assertThat(readBinary(IntegerType.INSTANCE, expectedHex)).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0, 0000000000000000",
    "-42, -42, ffffffffffffffd6",
    "9223372036854775807, 9223372036854775807, 7fffffffffffffff",
    "-9223372036854775808, -9223372036854775808, 8000000000000000",
    "1000000000000, 1000000000000, 000000e8d4a51000",
  })
  void int8TextAndBinary(long value, String expectedText, String expectedHex) {
    assertThat(text(BigIntType.INSTANCE, value)).isEqualTo(expectedText);
    assertThat(binaryHex(BigIntType.INSTANCE, value)).isEqualTo(expectedHex);
    assertThat(readText(BigIntType.INSTANCE, expectedText)).isEqualTo(value);
    assertThat(readBinary(BigIntType.INSTANCE, expectedHex)).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource({"0, 0, 0000", "-1, -1, ffff", "32767, 32767, 7fff", "-32768, -32768, 8000"})
  void int2TextAndBinary(short value, String expectedText, String expectedHex) {
    assertThat(text(SmallIntType.INSTANCE, value)).isEqualTo(expectedText);
    assertThat(binaryHex(SmallIntType.INSTANCE, value)).isEqualTo(expectedHex);
    assertThat(readText(SmallIntType.INSTANCE, expectedText)).isEqualTo(value);
    assertThat(readBinary(SmallIntType.INSTANCE, expectedHex)).isEqualTo(value);
  }

  @Test
  void everyDigitCountRoundTrips() {
    long value = 1;
    for (int digits = 1; digits <= 19; digits++) {
      for (long v : new long[] {value, -value, value * 9 / 10 * 10 - 1}) {
        assertThat(text(BigIntType.INSTANCE, v)).isEqualTo(Long.toString(v));
      }
      value = digits < 19 ? value * 10 : value;
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"' 12 '|12", "'+5'|5", "'-0'|0", "'\t7\n'|7", "'-2147483648'|-2147483648"})
  void int4TextInputLikePgStrtoint(String input, int expected) {
    assertThat(readText(IntegerType.INSTANCE, input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "-", "1e5", "0x10", "1 2", "12a", " ", "١"})
  void int4InvalidTextIs22P02(String input) {
    assertPgError(
        () -> readText(IntegerType.INSTANCE, input),
        SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type integer: \"" + input + "\"");
  }

  @Test
  void outOfRangeIs22003WithPostgresWording() {
    assertPgError(
        () -> readText(IntegerType.INSTANCE, "99999999999"),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "value \"99999999999\" is out of range for type integer");
    assertPgError(
        () -> readText(IntegerType.INSTANCE, "2147483648"),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "value \"2147483648\" is out of range for type integer");
    assertPgError(
        () -> readText(SmallIntType.INSTANCE, "99999"),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "value \"99999\" is out of range for type smallint");
    assertPgError(
        () -> readText(BigIntType.INSTANCE, "9223372036854775808"),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "value \"9223372036854775808\" is out of range for type bigint");
    assertPgError(
        () -> readText(BigIntType.INSTANCE, "99999999999999999999999"),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "value \"99999999999999999999999\" is out of range for type bigint");
    assertPgError(
        () -> readText(BigIntType.INSTANCE, "x"),
        SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type bigint: \"x\"");
  }

  @Test
  void binaryOfTheWrongLengthIs22P03() {
    assertPgError(
        () -> readBinary(IntegerType.INSTANCE, "000001"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
    assertPgError(
        () -> readBinary(BigIntType.INSTANCE, "00000001"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
    assertPgError(
        () -> readBinary(SmallIntType.INSTANCE, "00"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
  }

  @Test
  void castWidensIntegralNumbersAndRejectsTheRest() {
    assertThat(IntegerType.INSTANCE.cast(5L)).isEqualTo(5);
    assertThat(IntegerType.INSTANCE.cast((short) 5)).isEqualTo(5);
    assertThat(BigIntType.INSTANCE.cast(BigInteger.TEN)).isEqualTo(10L);
    assertThat(SmallIntType.INSTANCE.cast(new BigDecimal("7.00"))).isEqualTo((short) 7);
    assertPgError(() -> IntegerType.INSTANCE.cast(1L << 40), SqlState.NUMERIC_VALUE_OUT_OF_RANGE);
    assertPgError(
        () -> BigIntType.INSTANCE.cast(BigInteger.ONE.shiftLeft(64)),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE);
    assertPgError(() -> IntegerType.INSTANCE.cast(1.5), SqlState.DATATYPE_MISMATCH);
    assertPgError(() -> IntegerType.INSTANCE.cast("1"), SqlState.DATATYPE_MISMATCH);
  }

  @ParameterizedTest
  @CsvSource({"0, 0, 00000000", "4294967295, 4294967295, ffffffff", "2147483648, 2147483648, 80000000"})
  void oidIsUnsigned(long value, String expectedText, String expectedHex) {
    assertThat(text(OidType.INSTANCE, value)).isEqualTo(expectedText);
    assertThat(binaryHex(OidType.INSTANCE, value)).isEqualTo(expectedHex);
    assertThat(readText(OidType.INSTANCE, expectedText)).isEqualTo(value);
    assertThat(readBinary(OidType.INSTANCE, expectedHex)).isEqualTo(value);
  }

  @Test
  void oidInputWrapsNegativesAndCastReadsIntegersUnsigned() {
    assertThat(readText(OidType.INSTANCE, "-1")).isEqualTo(4294967295L);
    assertThat(OidType.INSTANCE.cast(-1)).isEqualTo(4294967295L);
    assertPgError(
        () -> readText(OidType.INSTANCE, "99999999999"),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "value \"99999999999\" is out of range for type oid");
    assertPgError(
        () -> readText(OidType.INSTANCE, "x"),
        SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type oid: \"x\"");
  }

  @Test
  void typeIdentity() {
    assertThat(IntegerType.INSTANCE.oid()).isEqualTo(23);
    assertThat(IntegerType.INSTANCE.name()).isEqualTo("int4");
    assertThat(IntegerType.INSTANCE.typeLength()).isEqualTo((short) 4);
    assertThat(IntegerType.INSTANCE.arrayOid()).isEqualTo(1007);
    assertThat(BigIntType.INSTANCE.oid()).isEqualTo(20);
    assertThat(BigIntType.INSTANCE.typeLength()).isEqualTo((short) 8);
    assertThat(SmallIntType.INSTANCE.oid()).isEqualTo(21);
    assertThat(SmallIntType.INSTANCE.arrayOid()).isEqualTo(1005);
    assertThat(OidType.INSTANCE.oid()).isEqualTo(26);
    assertThat(OidType.INSTANCE.arrayOid()).isEqualTo(1028);
  }
}
