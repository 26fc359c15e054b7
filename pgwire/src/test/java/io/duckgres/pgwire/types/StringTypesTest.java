package io.duckgres.pgwire.types;

import static io.duckgres.pgwire.types.Wire.assertPgError;
import static io.duckgres.pgwire.types.Wire.binaryHex;
import static io.duckgres.pgwire.types.Wire.hex;
import static io.duckgres.pgwire.types.Wire.hexOf;
import static io.duckgres.pgwire.types.Wire.readBinary;
import static io.duckgres.pgwire.types.Wire.readText;
import static io.duckgres.pgwire.types.Wire.readTextBytes;
import static io.duckgres.pgwire.types.Wire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.pgwire.SqlState;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** text and its siblings, json/jsonb, bytea, "char" and uuid, against PostgreSQL 15's forms. */
class StringTypesTest {

  @Test
  void textIsUtf8BothWays() {
    for (TextType type :
        new TextType[] {TextType.TEXT, TextType.VARCHAR, TextType.BPCHAR, TextType.NAME,
          TextType.UNKNOWN, TextType.XML}) {
      assertThat(binaryHex(type, "é€x")).isEqualTo("c3a9e282ac78");
      assertThat(text(type, "é€x")).isEqualTo("é€x");
      assertThat(readBinary(type, "c3a9e282ac78")).isEqualTo("é€x");
      assertThat(readText(type, "")).isEmpty();
    }
  }

  @Test
  void textRejectsInvalidUtf8AndNul() {
    assertPgError(
        () -> readBinary(TextType.TEXT, "61ff62"),
        SqlState.CHARACTER_NOT_IN_REPERTOIRE,
        "invalid byte sequence for encoding \"UTF8\": 0xff");
    assertPgError(
        () -> readBinary(TextType.TEXT, "6100"),
        SqlState.CHARACTER_NOT_IN_REPERTOIRE,
        "invalid byte sequence for encoding \"UTF8\": 0x00");
    assertPgError(
        () -> readBinary(TextType.VARCHAR, "c3a900"),
        SqlState.CHARACTER_NOT_IN_REPERTOIRE,
        "invalid byte sequence for encoding \"UTF8\": 0x00");
  }

  @Test
  void textIdentities() {
    assertThat(TextType.TEXT.oid()).isEqualTo(25);
    assertThat(TextType.VARCHAR.oid()).isEqualTo(1043);
    assertThat(TextType.BPCHAR.oid()).isEqualTo(1042);
    assertThat(TextType.NAME.oid()).isEqualTo(19);
    assertThat(TextType.NAME.typeLength()).isEqualTo((short) 64);
    assertThat(TextType.UNKNOWN.oid()).isEqualTo(705);
    assertThat(TextType.UNKNOWN.typeLength()).isEqualTo((short) -2);
    assertThat(TextType.UNKNOWN.arrayOid()).isZero();
    assertThat(TextType.XML.oid()).isEqualTo(142);
    assertThat(TextType.TEXT.arrayOid()).isEqualTo(1009);
    assertThat(TextType.VARCHAR.arrayOid()).isEqualTo(1015);
    assertThat(TextType.BPCHAR.arrayOid()).isEqualTo(1014);
    assertThat(TextType.NAME.arrayOid()).isEqualTo(1003);
    assertThat(TextType.typeModifier(10)).isEqualTo(14);
    assertThat(TextType.TEXT.cast(42)).isEqualTo("42");
  }

  @Test
  void jsonAndJsonb() {
    assertThat(binaryHex(JsonType.JSON, "{\"a\":1}")).isEqualTo("7b2261223a317d");
    assertThat(binaryHex(JsonType.JSONB, "{\"a\": 1}")).isEqualTo("017b2261223a20317d");
    assertThat(text(JsonType.JSONB, "{\"a\": 1}")).isEqualTo("{\"a\": 1}");
    assertThat(readBinary(JsonType.JSONB, "017b7d")).isEqualTo("{}");
    assertThat(readBinary(JsonType.JSON, "7b7d")).isEqualTo("{}");
    assertThat(readText(JsonType.JSONB, "[1]")).isEqualTo("[1]");
    assertPgError(
        () -> readBinary(JsonType.JSONB, "027b7d"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "unsupported jsonb version number 2");
    assertPgError(() -> readBinary(JsonType.JSONB, ""), SqlState.INVALID_BINARY_REPRESENTATION);
    assertThat(JsonType.JSON.oid()).isEqualTo(114);
    assertThat(JsonType.JSON.arrayOid()).isEqualTo(199);
    assertThat(JsonType.JSONB.oid()).isEqualTo(3802);
    assertThat(JsonType.JSONB.arrayOid()).isEqualTo(3807);
  }

  @Test
  void byteaTextIsHex() {
    assertThat(text(ByteaType.INSTANCE, hex("0102ff"))).isEqualTo("\\x0102ff");
    assertThat(text(ByteaType.INSTANCE, new byte[0])).isEqualTo("\\x");
    assertThat(binaryHex(ByteaType.INSTANCE, hex("0102ff"))).isEqualTo("0102ff");
    assertThat(readBinary(ByteaType.INSTANCE, "0102ff")).isEqualTo(hex("0102ff"));
    assertThat(ByteaType.INSTANCE.cast(ByteBuffer.wrap(hex("0a0b")))).isEqualTo(hex("0a0b"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\\x0102ff|0102ff", "\\x0102FF|0102ff", "\\x01 02\t0a|01020a", "\\x|''",
        "abc|616263", "abc\\001\\\\|616263015c", "x|78", "\\377\\000|ff00", "''|''",
      })
  void byteaTextInputTakesHexAndEscapeFormats(String input, String expectedHex) {
    assertThat(hexOf(readText(ByteaType.INSTANCE, input))).isEqualTo(expectedHex);
  }

  @Test
  void byteaMalformedText() {
    assertPgError(
        () -> readText(ByteaType.INSTANCE, "\\x0"),
        SqlState.INVALID_PARAMETER_VALUE,
        "invalid hexadecimal data: odd number of digits");
    assertPgError(
        () -> readText(ByteaType.INSTANCE, "\\xzz"),
        SqlState.INVALID_PARAMETER_VALUE,
        "invalid hexadecimal digit: \"z\"");
    for (String input : new String[] {"abc\\", "abc\\9", "\\400", "\\12"}) {
      assertPgError(
          () -> readText(ByteaType.INSTANCE, input),
          SqlState.INVALID_TEXT_REPRESENTATION,
          "invalid input syntax for type bytea");
    }
  }

  @Test
  void singleByteChar() {
    assertThat(text(CharType.INSTANCE, (byte) 'a')).isEqualTo("a");
    assertThat(text(CharType.INSTANCE, (byte) 0)).isEmpty();
    assertThat(text(CharType.INSTANCE, (byte) 0x81)).isEqualTo("\\201");
    assertThat(binaryHex(CharType.INSTANCE, (byte) 'a')).isEqualTo("61");
    assertThat(readText(CharType.INSTANCE, "ab")).isEqualTo((byte) 'a');
    assertThat(readText(CharType.INSTANCE, "")).isEqualTo((byte) 0);
    assertThat(readText(CharType.INSTANCE, "\\201")).isEqualTo((byte) 0x81);
    assertThat(readText(CharType.INSTANCE, "\\\\201")).isEqualTo((byte) '\\');
    assertThat(readBinary(CharType.INSTANCE, "72")).isEqualTo((byte) 'r');
    assertThat(CharType.INSTANCE.cast("r")).isEqualTo((byte) 'r');
    assertThat(CharType.INSTANCE.oid()).isEqualTo(18);
    assertThat(CharType.INSTANCE.arrayOid()).isEqualTo(1002);
  }

  private static final UUID SAMPLE = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");

  @Test
  void uuidTextAndBinary() {
    assertThat(text(UuidType.INSTANCE, SAMPLE)).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    assertThat(text(UuidType.INSTANCE, new UUID(0, 1)))
        .isEqualTo("00000000-0000-0000-0000-000000000001");
    assertThat(binaryHex(UuidType.INSTANCE, SAMPLE)).isEqualTo("a0eebc999c0b4ef8bb6d6bb9bd380a11");
    assertThat(readBinary(UuidType.INSTANCE, "a0eebc999c0b4ef8bb6d6bb9bd380a11")).isEqualTo(SAMPLE);
    assertThat(UuidType.INSTANCE.oid()).isEqualTo(2950);
    assertThat(UuidType.INSTANCE.arrayOid()).isEqualTo(2951);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
        "{a0eebc999c0b4ef8bb6d6bb9bd380a11}",
        "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11",
        "a0eebc999c0b4ef8bb6d6bb9bd380a11",
      })
  void uuidTextInputVariants(String input) {
    assertThat(readText(UuidType.INSTANCE, input)).isEqualTo(SAMPLE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-",
        "{a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0eebc999c0b4ef8bb6d6bb9bd380a11}",
        " a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11", "",
      })
  void uuidInvalidTextIs22P02(String input) {
    assertPgError(
        () -> readText(UuidType.INSTANCE, input),
        SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type uuid: \"" + input + "\"");
  }

  @Test
  void uuidWrongBinaryLength() {
    assertPgError(
        () -> readBinary(UuidType.INSTANCE, "a0ee"),
        SqlState.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format");
  }

  @Test
  void readersUseOnlyTheirLengthOfABiggerBuffer() {
    assertThat(readTextBytes(TextType.TEXT, new byte[] {'a', 'b'}, FormatOptions.DEFAULT))
        .isEqualTo("ab");
  }
}
