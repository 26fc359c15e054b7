package io.duckgres.pgwire.types;

import static io.duckgres.pgwire.types.Wire.assertPgError;
import static io.duckgres.pgwire.types.Wire.binaryHex;
import static io.duckgres.pgwire.types.Wire.hex;
import static io.duckgres.pgwire.types.Wire.readBinary;
import static io.duckgres.pgwire.types.Wire.readText;
import static io.duckgres.pgwire.types.Wire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Arrays: array_out quoting, array_send layout, array_in parsing; fixtures from PostgreSQL 15. */
class PgArrayTypeTest {
  private static final PgArrayType INT4_ARRAY = PgTypes.arrayOf(IntegerType.INSTANCE);
  private static final PgArrayType TEXT_ARRAY = PgTypes.arrayOf(TextType.TEXT);

  @Test
  void int4ArrayWithNull() {
    List<Integer> value = Arrays.asList(1, 2, null);
    String hex =
        "00000001 00000001 00000017 00000003 00000001"
            + " 00000004 00000001 00000004 00000002 ffffffff";
    assertThat(text(INT4_ARRAY, value)).isEqualTo("{1,2,NULL}");
    assertThat(binaryHex(INT4_ARRAY, value)).isEqualTo(hex.replace(" ", ""));
    assertThat(readBinary(INT4_ARRAY, hex)).isEqualTo(value);
    assertThat(readText(INT4_ARRAY, "{1,2,NULL}")).isEqualTo(value);
  }

  @Test
  void emptyArray() {
    assertThat(text(INT4_ARRAY, List.of())).isEqualTo("{}");
    assertThat(binaryHex(INT4_ARRAY, List.of())).isEqualTo("000000000000000000000017");
    assertThat(binaryHex(TEXT_ARRAY, List.of())).isEqualTo("000000000000000000000019");
    assertThat(readBinary(INT4_ARRAY, "000000000000000000000017")).isEmpty();
    assertThat(readText(INT4_ARRAY, "{}")).isEmpty();
    assertThat(readText(INT4_ARRAY, " { } ")).isEmpty();
  }

  @Test
  void textElementsAreQuotedLikeArrayOut() {
    List<String> value =
        Arrays.asList(
            "", "a b", "NULL", "null", "x\"y", "a\\b", "{", "a,b", "plain", null, "tab\there", "é",
            "NULLx", "}", "line\nbreak");
    String expected =
        "{\"\",\"a b\",\"NULL\",\"null\",\"x\\\"y\",\"a\\\\b\",\"{\",\"a,b\",plain,NULL,"
            + "\"tab\there\",é,NULLx,\"}\",\"line\nbreak\"}";
    assertThat(text(TEXT_ARRAY, value)).isEqualTo(expected);
    assertThat(readText(TEXT_ARRAY, expected)).isEqualTo(value);
  }

  @Test
  void binaryTextArray() {
    assertThat(binaryHex(TEXT_ARRAY, List.of("a")))
        .isEqualTo("00000001000000000000001900000001000000010000000161");
    assertThat(binaryHex(TEXT_ARRAY, Arrays.asList((String) null)))
        .isEqualTo("0000000100000001000000190000000100000001ffffffff");
  }

  @Test
  void otherElementTypesUseTheirOwnTextAndQuoting() {
    assertThat(text(PgTypes.arrayOf(DoubleType.INSTANCE),
            List.of(1.5, Double.NaN, Double.NEGATIVE_INFINITY)))
        .isEqualTo("{1.5,NaN,-Infinity}");
    assertThat(text(PgTypes.arrayOf(TimestampTzType.INSTANCE),
            List.of(OffsetDateTime.parse("2024-01-01T00:00:00Z"))))
        .isEqualTo("{\"2024-01-01 00:00:00+00\"}");
    assertThat(text(PgTypes.arrayOf(IntervalType.INSTANCE),
            List.of(new PgInterval(0, 1, 7_200_000_000L))))
        .isEqualTo("{\"1 day 02:00:00\"}");
    assertThat(text(PgTypes.arrayOf(ByteaType.INSTANCE), List.of(hex("01"))))
        .isEqualTo("{\"\\\\x01\"}");
    assertThat(text(PgTypes.arrayOf(BooleanType.INSTANCE), List.of(true, false)))
        .isEqualTo("{t,f}");
    assertThat(text(PgTypes.arrayOf(JsonType.JSON), List.of("{\"a\":1}")))
        .isEqualTo("{\"{\\\"a\\\":1}\"}");
    assertThat(text(PgTypes.arrayOf(DateType.INSTANCE), List.of(LocalDate.of(2024, 1, 2))))
        .isEqualTo("{2024-01-02}");
    assertThat(binaryHex(PgTypes.arrayOf(NumericType.INSTANCE), List.of(new BigDecimal("1.5"))))
        .isEqualTo("0000000100000000000006a400000001000000010000000c000200000000000100011388");
  }

  @Test
  void multidimensionalLists() {
    List<List<Integer>> value = List.of(List.of(1, 2), List.of(3, 4));
    String hex =
        "00000002000000000000001700000002000000010000000200000001"
            + "00000004000000010000000400000002000000040000000300000004" + "00000004";
    assertThat(text(INT4_ARRAY, value)).isEqualTo("{{1,2},{3,4}}");
    assertThat(binaryHex(INT4_ARRAY, value)).isEqualTo(hex);
    assertThat(readBinary(INT4_ARRAY, hex)).isEqualTo(value);
    assertThat(readText(INT4_ARRAY, "{{1,2},{3,4}}")).isEqualTo(value);
    assertPgError(
        () -> binaryHex(INT4_ARRAY, List.of(List.of(1, 2), List.of(3))), SqlState.DATA_EXCEPTION);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'{\"1\",NULL, \"NULL\"}'|{1,NULL,\"NULL\"}", "{a b}|{\"a b\"}", "'{ a b }'|{\"a b\"}",
        "'{a\\,b}'|{\"a,b\"}", "'{a\\ }'|{\"a \"}", "'{NULL,\"NULL\",null,NULLx}'|{NULL,\"NULL\",NULL,NULLx}",
        "{\"\"}|{\"\"}", "'{\"a\\\"b\",\"c\\\\d\"}'|{\"a\\\"b\",\"c\\\\d\"}", "{\\N}|{N}",
        "{\"{}\"}|{\"{}\"}", "'{ \"x\" , y }'|{x,y}", "[1:2]={a,b}|{a,b}",
      })
  void textArrayInput(String input, String expectedOutput) {
    assertThat(text(TEXT_ARRAY, readText(TEXT_ARRAY, input))).isEqualTo(expectedOutput);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{1,2|Unexpected end of input.",
        "x|Array value must start with \"{\" or dimension information.",
        "{1,,2}|Unexpected \",\" character.",
        "{,1}|Unexpected \",\" character.",
        "{1,}|Unexpected \"}\" character.",
        "{1} x|Junk after closing right brace.",
        "{\"a\"b}|Unexpected array element.",
        "{a\"b}|Unexpected array element.",
        "{{1,2},{3}}|Multidimensional arrays must have sub-arrays with matching dimensions.",
        "{{1},NULL}|Unexpected array element.",
        "{1,{2}}|Unexpected \"{\" character.",
        "{{}}|Unexpected \"}\" character.",
        "{a{b}|Unexpected \"{\" character.",
        "''|Array value must start with \"{\" or dimension information.",
      })
  void malformedArrayLiteral(String input, String detail) {
    assertPgError(
        () -> readText(TEXT_ARRAY, input),
        SqlState.INVALID_TEXT_REPRESENTATION,
        "malformed array literal: \"" + input + "\"");
    try {
      readText(TEXT_ARRAY, input);
    } catch (PgException e) {
      assertThat(e.detail()).isEqualTo(detail);
    }
  }

  @Test
  void elementErrorsComeFromTheElementType() {
    assertPgError(
        () -> readText(INT4_ARRAY, "{a}"),
        SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type integer: \"a\"");
  }

  @Test
  void malformedBinary() {
    assertPgError(
        () -> readBinary(INT4_ARRAY, "00000001 00000000 00000019 00000001 00000001 00000001 61"),
        SqlState.DATATYPE_MISMATCH,
        "binary data has array element type 25 instead of expected 23 (int4)");
    assertPgError(
        () -> readBinary(INT4_ARRAY, "ffffffff 00000000 00000017"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "invalid number of dimensions: -1");
    assertPgError(
        () -> readBinary(INT4_ARRAY, "00000007 00000000 00000017"),
        SqlState.PROGRAM_LIMIT_EXCEEDED,
        "number of array dimensions (7) exceeds the maximum allowed (6)");
    assertPgError(
        () -> readBinary(INT4_ARRAY, "00000001 00000002 00000017 00000001 00000001 ffffffff"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "invalid array flags");
    assertPgError(
        () -> readBinary(INT4_ARRAY, "00000001 00000000 00000017 00000002 00000001 00000004 00000001"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "insufficient data left in message");
    assertPgError(
        () -> readBinary(INT4_ARRAY, "00000001 00000000 00000017 00000001 00000001 00000003 000001"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
    assertPgError(
        () -> readBinary(INT4_ARRAY, "00000001 00000000 00000017 7fffffff 00000001 00000004 00000001"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "insufficient data left in message");
    assertPgError(() -> readBinary(INT4_ARRAY, "0000"), SqlState.INVALID_BINARY_REPRESENTATION);
  }

  @Test
  void castAcceptsArraysAndCollections() {
    assertThat(INT4_ARRAY.cast(new Integer[] {1, null})).isEqualTo(Arrays.asList(1, null));
    assertThat(INT4_ARRAY.cast(new int[] {1, 2})).isEqualTo(List.of(1, 2));
    assertThat(INT4_ARRAY.cast(new java.util.LinkedHashSet<>(List.of(3)))).isEqualTo(List.of(3));
    assertThat(text(INT4_ARRAY, INT4_ARRAY.cast(new long[] {5L}))).isEqualTo("{5}");
  }

  @Test
  void identity() {
    assertThat(INT4_ARRAY.oid()).isEqualTo(1007);
    assertThat(INT4_ARRAY.name()).isEqualTo("_int4");
    assertThat(INT4_ARRAY.typeLength()).isEqualTo((short) -1);
    assertThat(INT4_ARRAY.arrayOid()).isZero();
    assertThat(INT4_ARRAY.elementType()).isSameAs(IntegerType.INSTANCE);
  }
}
