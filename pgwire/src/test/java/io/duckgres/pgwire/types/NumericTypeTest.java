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

/**
 * numeric. The binary fixtures are PostgreSQL 15's numeric_send output for the same literal
 * ({@code select numeric_send(12345.6789)}): ndigits, weight, sign, dscale, base-10000 digits.
 */
class NumericTypeTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0000 0000 0000 0000",
    "0.00, 0000 0000 0000 0002",
    "1, 0001 0000 0000 0000 0001",
    "-1.5, 0002 0000 4000 0001 0001 1388",
    "1.50, 0002 0000 0000 0002 0001 1388",
    "12345.6789, 0003 0001 0000 0004 0001 0929 1a85",
    "0.0001, 0001 ffff 0000 0004 0001",
    "1E+20, 0001 0005 0000 0000 0001",
    "100000000, 0001 0002 0000 0000 0001",
    "0.00000001, 0001 fffe 0000 0008 0001",
    "-0.001, 0001 ffff 4000 0003 000a",
    "9999.9999, 0002 0000 0000 0004 270f 270f",
  })
  void binaryMatchesNumericSend(String literal, String expectedHex) {
    BigDecimal value = new BigDecimal(literal);
    String hex = expectedHex.replace(" ", "");
    assertThat(binaryHex(NumericType.INSTANCE, value)).isEqualTo(hex);
    assertThat(readBinary(NumericType.INSTANCE, hex)).isEqualTo(value.setScale(Math.max(0, value.scale())));
  }

  @Test
  void specialValuesInBinary() {
    assertThat(binaryHex(NumericType.INSTANCE, NumericType.NAN)).isEqualTo("00000000c0000000");
    assertThat(binaryHex(NumericType.INSTANCE, NumericType.POSITIVE_INFINITY))
        .isEqualTo("00000000d0000020");
    assertThat(binaryHex(NumericType.INSTANCE, NumericType.NEGATIVE_INFINITY))
        .isEqualTo("00000000f0000020");
    assertThat(readBinary(NumericType.INSTANCE, "00000000c0000000")).isEqualTo(Double.NaN);
    assertThat(readBinary(NumericType.INSTANCE, "00000000d0000000"))
        .isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(readBinary(NumericType.INSTANCE, "00000000f0000020"))
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void largeValuesTakeTheBigIntegerPath() {
    BigDecimal value = new BigDecimal("-123456789012345678901234567890.123456789");
    String hex = binaryHex(NumericType.INSTANCE, value);
    // 12 3456 7890 1234 5678 9012 3456 7890 . 1234 5678 9000: 11 digits, weight 7, dscale 9
    assertThat(hex)
        .isEqualTo("000b000740000009000c0d801ed204d2162e23340d801ed204d2162e2328");
    assertThat(readBinary(NumericType.INSTANCE, hex)).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "1.50, 1.50",
    "-1.5, -1.5",
    "1E+20, 100000000000000000000",
    "1E-20, 0.00000000000000000001",
    "12345678901234567890.123, 12345678901234567890.123",
    "0.00, 0.00",
  })
  void textKeepsTheScale(String literal, String expected) {
    assertThat(text(NumericType.INSTANCE, new BigDecimal(literal))).isEqualTo(expected);
  }

  @Test
  void textOfSpecialsAndOtherNumbers() {
    assertThat(text(NumericType.INSTANCE, NumericType.NAN)).isEqualTo("NaN");
    assertThat(text(NumericType.INSTANCE, NumericType.POSITIVE_INFINITY)).isEqualTo("Infinity");
    assertThat(text(NumericType.INSTANCE, NumericType.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(text(NumericType.INSTANCE, 42L)).isEqualTo("42");
    assertThat(text(NumericType.INSTANCE, BigInteger.TEN.pow(30))).isEqualTo("1" + "0".repeat(30));
    assertThat(text(NumericType.INSTANCE, 0.1)).isEqualTo("0.1");
    assertThat(binaryHex(NumericType.INSTANCE, 1)).isEqualTo("0001000000000000" + "0001");
    assertThat(NumericType.INSTANCE.cast(7)).isEqualTo(BigDecimal.valueOf(7));
    assertThat(NumericType.INSTANCE.cast(Double.NaN)).isEqualTo(Double.NaN);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "' 1.5e3 '|1500", "1.000e-2|0.01000", ".5|0.5", "5.|5", "-0.00|0.00", "1e20|100000000000000000000",
        "+7|7", "NaN|NaN", "nan|NaN", "Infinity|Infinity", "+inf|Infinity", "-Infinity|-Infinity",
        "-inf|-Infinity",
      })
  void textInput(String input, String expectedOutput) {
    assertThat(text(NumericType.INSTANCE, readText(NumericType.INSTANCE, input)))
        .isEqualTo(expectedOutput);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "1,5", "1e", "", ".", "1__0", "١", "0x10", "1.2.3"})
  void invalidTextIs22P02(String input) {
    assertPgError(
        () -> readText(NumericType.INSTANCE, input),
        SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type numeric: \"" + input + "\"");
  }

  @Test
  void hugeExponentIsOutOfRange() {
    assertPgError(
        () -> readText(NumericType.INSTANCE, "1e1000000"),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "value overflows numeric format");
    assertPgError(
        () -> readText(NumericType.INSTANCE, "1e99999999999"),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "value overflows numeric format");
  }

  @Test
  void malformedBinaryIs22P03() {
    assertPgError(
        () -> readBinary(NumericType.INSTANCE, "0001 0000 0000"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
    assertPgError(
        () -> readBinary(NumericType.INSTANCE, "0002 0000 0000 0000 0001"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
    assertPgError(
        () -> readBinary(NumericType.INSTANCE, "0001 0000 1234 0000 0001"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "invalid sign in external \"numeric\" value");
    assertPgError(
        () -> readBinary(NumericType.INSTANCE, "0001 0000 0000 0000 2710"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "invalid digit in external \"numeric\" value");
    assertPgError(
        () -> readBinary(NumericType.INSTANCE, "0000 0000 0000 c000"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "invalid scale in external \"numeric\" value");
  }

  @Test
  void binaryInputTruncatesDigitsHiddenByTheScale() {
    // 1.2345 sent with dscale 2, as numeric_recv's trunc_var does: 1.23
    assertThat(readBinary(NumericType.INSTANCE, "0002 0000 0000 0002 0001 0929"))
        .isEqualTo(new BigDecimal("1.23"));
  }

  @Test
  void typeModifierAndIdentity() {
    assertThat(NumericType.typeModifier(10, 2)).isEqualTo((10 << 16 | 2) + 4);
    assertThat(NumericType.typeModifier(18, 3)).isEqualTo(1179655);
    assertThat(NumericType.INSTANCE.oid()).isEqualTo(1700);
    assertThat(NumericType.INSTANCE.typeLength()).isEqualTo((short) -1);
    assertThat(NumericType.INSTANCE.arrayOid()).isEqualTo(1231);
  }
}
