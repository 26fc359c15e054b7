package io.duckgres.engine.sql.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnicodeEscapeStringsTest {
  private final UnicodeEscapeStrings rewrite = new UnicodeEscapeStrings();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select U&'\\0041BC'|select 'ABC'",
      "select u&'d\\0061t\\+000061', 1|select 'data', 1",
      "select U&'d!0061t!+000061' UESCAPE '!'|select 'data'",
      "select U&'it''s \\\\ \\D83D\\DE00'|select 'it''s \\ 😀'",
      "select U&'\\+01F600'|select '😀'",
  })
  void decodesTheEscapes(String postgres, String duckdb) {
    assertThat(rewrite.apply(postgres)).isEqualTo(duckdb);
  }

  @ParameterizedTest
  @ValueSource(strings = {"select 'U&''\\0041'''", "select U&'\\00zz'", "select U&'\\0000'",
      "select \"U&'x'\"", "select 'a&'"})
  void leavesOtherTextAndMalformedEscapesAlone(String sql) {
    assertThat(rewrite.apply(sql)).isSameAs(sql);
  }
}
