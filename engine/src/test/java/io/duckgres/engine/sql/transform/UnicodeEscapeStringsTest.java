package io.duckgres.engine.sql.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnicodeEscapeStringsTest {
  private static String translated(String sql) {
    return TreeTransforms.apply(SqlParser.parse(sql).getStmtsList(), sql);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select U&'\\0041BC'|SELECT 'ABC'",
      "select u&'d\\0061t\\+000061', 1|SELECT 'data', 1",
      "select U&'d!0061t!+000061' UESCAPE '!'|SELECT 'data'",
      "select U&'it''s \\\\ \\D83D\\DE00'|SELECT E'it''s \\\\ 😀'",
      "select U&'\\+01F600'|SELECT '😀'",
      // after other text, also text that takes more than one byte per character
      "select 'é😀', U&'\\00E9t\\00E9'|SELECT 'é😀', 'été'",
  })
  void aStatementWithEscapesIsPrintedWithTheDecodedString(String postgres, String duckdb) {
    assertThat(translated(postgres)).isEqualTo(duckdb);
  }

  @ParameterizedTest
  @ValueSource(strings = {"select 'U&''\\0041'''", "select \"U&'x'\"", "select 'a&'",
      "select 'é', 'U&x'"})
  void otherStringsLeaveTheTextAsWritten(String sql) {
    assertThat(translated(sql)).isSameAs(sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {"select U&'\\00zz'", "select U&'\\0000'", "select U&'x' UESCAPE 'ab'"})
  void malformedEscapesAreSyntaxErrorsAsInPostgres(String sql) {
    assertThatThrownBy(() -> SqlParser.parse(sql)).isInstanceOfSatisfying(PgException.class,
        e -> assertThat(e.sqlState()).isEqualTo(SqlState.SYNTAX_ERROR));
  }

  @Test
  void duckDbReadsTheDecodedValue() throws Exception {
    assertThat(DuckDbValue.row("select U&'d!0061t!+000061' UESCAPE '!', U&'\\00E9t\\00E9'"))
        .containsExactly("data", "été");
  }
}
