package io.duckgres.pgwire.types;

import static io.duckgres.pgwire.types.Wire.assertPgError;
import static io.duckgres.pgwire.types.Wire.binaryHex;
import static io.duckgres.pgwire.types.Wire.readBinary;
import static io.duckgres.pgwire.types.Wire.readText;
import static io.duckgres.pgwire.types.Wire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.pgwire.SqlState;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * float4 and float8. Every expected text below is what PostgreSQL 15 printed for the value
 * (extra_float_digits = 1, the default); the formatter was also compared with PostgreSQL on
 * 500,000 random, subnormal, power-of-two and power-of-ten values without a difference.
 */
class FloatTypesTest {

  @ParameterizedTest
  @CsvSource({
    "1e10, 10000000000",
    "1.0, 1",
    "1.5e-7, 1.5e-07",
    "1e15, 1e+15",
    "1e14, 100000000000000",
    "123456789012345678, 1.2345678901234568e+17",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "0.30000000000000004, 0.30000000000000004",
    "1e100, 1e+100",
    "1e-100, 1e-100",
    "4.9e-324, 5e-324",
    "1e-323, 1e-323",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "1e23, 9.999999999999999e+22",
    "-48726281932648956000, -4.8726281932648956e+19",
    "4503599627370496, 4.503599627370496e+15",
    "0.1, 0.1",
    "-2.5, -2.5",
    "123.456, 123.456",
    "0, 0",
    "-0.0, -0",
  })
  void float8TextIsShortestRoundTripLikePostgres(double value, String expected) {
    assertThat(text(DoubleType.INSTANCE, value)).isEqualTo(expected);
    assertThat(readText(DoubleType.INSTANCE, expected)).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource({
    "1e5, 100000",
    "1e6, 1e+06",
    "123456, 123456",
    "1234567, 1.234567e+06",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "1.4e-45, 1e-45",
    "2.8e-45, 3e-45",
    "8.4e-45, 8e-45",
    "1.12e-44, 1.1e-44",
    "3.4028235e38, 3.4028235e+38",
    "0.1, 0.1",
    "16777216, 1.6777216e+07",
    "1.1, 1.1",
    "-0.0, -0",
  })
  void float4TextIsShortestRoundTripLikePostgres(float value, String expected) {
    assertThat(text(RealType.INSTANCE, value)).isEqualTo(expected);
    assertThat(readText(RealType.INSTANCE, expected)).isEqualTo(value);
  }

  @Test
  void specialValues() {
    assertThat(text(DoubleType.INSTANCE, Double.NaN)).isEqualTo("NaN");
    assertThat(text(DoubleType.INSTANCE, Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    assertThat(text(DoubleType.INSTANCE, Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(text(RealType.INSTANCE, Float.NaN)).isEqualTo("NaN");
    assertThat(text(RealType.INSTANCE, Float.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(binaryHex(DoubleType.INSTANCE, Double.POSITIVE_INFINITY))
        .isEqualTo("7ff0000000000000");
    assertThat(binaryHex(RealType.INSTANCE, Float.NEGATIVE_INFINITY)).isEqualTo("ff800000");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "NaN|NaN", "' nan '|NaN", "Infinity|Infinity", "+Infinity|Infinity", "inf|Infinity",
        "+inf|Infinity", "-inf|-Infinity", "' -Infinity '|-Infinity", "INFINITY|Infinity",
        "1.|1", ".5|0.5", "1e-310|1e-310", "-0|-0", "' 12.5e1 '|125",
      })
  void float8TextInput(String input, String expectedOutput) {
    assertThat(text(DoubleType.INSTANCE, readText(DoubleType.INSTANCE, input)))
        .isEqualTo(expectedOutput);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", ".", "1 e5", "1e", "1d", "0x1p3", "", "--1", "1e5.5", "nan1"})
  void float8InvalidTextIs22P02(String input) {
    assertPgError(
        () -> readText(DoubleType.INSTANCE, input),
        SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type double precision: \"" + input + "\"");
  }

  @Test
  void overflowAndUnderflowAre22003() {
    assertPgError(
        () -> readText(DoubleType.INSTANCE, "1e400"),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "\"1e400\" is out of range for type double precision");
    assertPgError(
        () -> readText(DoubleType.INSTANCE, "1e-400"),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "\"1e-400\" is out of range for type double precision");
    assertPgError(
        () -> readText(RealType.INSTANCE, "1e40"),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "\"1e40\" is out of range for type real");
    assertPgError(
        () -> readText(RealType.INSTANCE, "1e-46"),
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "\"1e-46\" is out of range for type real");
    assertPgError(
        () -> readText(RealType.INSTANCE, "x"),
        SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type real: \"x\"");
    assertThat(readText(RealType.INSTANCE, "1e-40")).isEqualTo(1e-40f);
  }

  @Test
  void binaryIsIeeeBitsBigEndian() {
    assertThat(binaryHex(DoubleType.INSTANCE, 1.5)).isEqualTo("3ff8000000000000");
    assertThat(binaryHex(RealType.INSTANCE, 1.5f)).isEqualTo("3fc00000");
    assertThat(readBinary(DoubleType.INSTANCE, "3ff8000000000000")).isEqualTo(1.5);
    assertThat(readBinary(RealType.INSTANCE, "3fc00000")).isEqualTo(1.5f);
    assertPgError(
        () -> readBinary(DoubleType.INSTANCE, "3fc00000"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
  }

  @Test
  void randomDoublesRoundTripThroughTheShortestText() {
    Random random = new Random(1);
    for (int i = 0; i < 50_000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(value)) {
        continue;
      }
      String printed = text(DoubleType.INSTANCE, value);
      assertThat(Double.parseDouble(printed)).as(printed).isEqualTo(value);
      assertThat(significantDigits(printed))
          .as(printed)
          .isLessThanOrEqualTo(significantDigits(Double.toString(value)));
    }
  }

  @Test
  void randomFloatsRoundTripThroughTheShortestText() {
    Random random = new Random(2);
    for (int i = 0; i < 50_000; i++) {
      float value = Float.intBitsToFloat(random.nextInt());
      if (Float.isNaN(value)) {
        continue;
      }
      String printed = text(RealType.INSTANCE, value);
      assertThat(Float.parseFloat(printed)).as(printed).isEqualTo(value);
    }
  }

  private static int significantDigits(String printed) {
    String mantissa = printed.split("[eE]")[0].replace("-", "").replace(".", "");
    return mantissa.replaceAll("^0+", "").replaceAll("0+$", "").length();
  }

  @Test
  void floorLogarithmApproximationsAreExact() {
    for (int e = -2000; e <= 2000; e++) {
      assertThat(FloatText.floorLog10Pow2(e)).as("e=%d", e)
          .isEqualTo(floorLog10(java.math.BigDecimal.valueOf(2).pow(e, java.math.MathContext.DECIMAL128)));
      assertThat(FloatText.floorLog10ThreeQuartersPow2(e)).as("e=%d", e)
          .isEqualTo(floorLog10(java.math.BigDecimal.valueOf(2).pow(e, java.math.MathContext.DECIMAL128)
              .multiply(new java.math.BigDecimal("0.75"))));
      assertThat(FloatText.floorLog2Pow10(e)).as("e=%d", e)
          .isEqualTo((int) Math.floor(e * (Math.log(10) / Math.log(2))));
    }
  }

  private static int floorLog10(java.math.BigDecimal value) {
    return value.precision() - value.scale() - 1;
  }

  @Test
  void typeIdentity() {
    assertThat(DoubleType.INSTANCE.oid()).isEqualTo(701);
    assertThat(DoubleType.INSTANCE.name()).isEqualTo("float8");
    assertThat(DoubleType.INSTANCE.arrayOid()).isEqualTo(1022);
    assertThat(RealType.INSTANCE.oid()).isEqualTo(700);
    assertThat(RealType.INSTANCE.typeLength()).isEqualTo((short) 4);
    assertThat(RealType.INSTANCE.arrayOid()).isEqualTo(1021);
    assertThat(DoubleType.INSTANCE.cast(3)).isEqualTo(3.0);
    assertThat(RealType.INSTANCE.cast(2.5)).isEqualTo(2.5f);
  }
}
