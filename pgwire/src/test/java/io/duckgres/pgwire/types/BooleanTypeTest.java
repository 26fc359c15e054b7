package io.duckgres.pgwire.types;

import static io.duckgres.pgwire.types.Wire.assertPgError;
import static io.duckgres.pgwire.types.Wire.binaryHex;
import static io.duckgres.pgwire.types.Wire.readBinary;
import static io.duckgres.pgwire.types.Wire.readText;
import static io.duckgres.pgwire.types.Wire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.pgwire.SqlState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** bool: boolout / boolsend / boolin / boolrecv, compared with PostgreSQL 15. */
class BooleanTypeTest {

  @Test
  void textAndBinaryOutput() {
    assertThat(text(BooleanType.INSTANCE, true)).isEqualTo("t");
    assertThat(text(BooleanType.INSTANCE, false)).isEqualTo("f");
    assertThat(binaryHex(BooleanType.INSTANCE, true)).isEqualTo("01");
    assertThat(binaryHex(BooleanType.INSTANCE, false)).isEqualTo("00");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "t|true", "true|true", "TRUE|true", "' TRUE '|true", "tr|true", "y|true", "yes|true",
        "ye|true", "on|true", "ON|true", "1|true", "f|false", "false|false", "fa|false", "n|false",
        "no|false", "off|false", "of|false", "0|false", "'\tf\n'|false",
      })
  void textInputAcceptsPostgresSpellings(String input, boolean expected) {
    assertThat(readText(BooleanType.INSTANCE, input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "", "o", "2", "truex", "yess", "10", "of f", "nope"})
  void otherTextIs22P02(String input) {
    assertPgError(
        () -> readText(BooleanType.INSTANCE, input),
        SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type boolean: \"" + input + "\"");
  }

  @Test
  void binaryInputTreatsAnyNonZeroByteAsTrue() {
    assertThat(readBinary(BooleanType.INSTANCE, "01")).isTrue();
    assertThat(readBinary(BooleanType.INSTANCE, "ff")).isTrue();
    assertThat(readBinary(BooleanType.INSTANCE, "00")).isFalse();
    assertPgError(
        () -> readBinary(BooleanType.INSTANCE, "0001"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
    assertPgError(
        () -> readBinary(BooleanType.INSTANCE, ""),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
  }

  @Test
  void typeIdentity() {
    assertThat(BooleanType.INSTANCE.oid()).isEqualTo(16);
    assertThat(BooleanType.INSTANCE.name()).isEqualTo("bool");
    assertThat(BooleanType.INSTANCE.typeLength()).isEqualTo((short) 1);
    assertThat(BooleanType.INSTANCE.arrayOid()).isEqualTo(1000);
  }
}
