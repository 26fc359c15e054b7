package io.duckgres.engine.sql.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.engine.sql.parse.SqlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikeEscapesTest {
  private static String translated(String sql) {
    return TreeTransforms.apply(SqlParser.parse(sql).getStmtsList(), sql);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select s like 'a\\_c' from t"
          + "|SELECT like_escape(s, E'a\\\\_c', E'\\\\') AS \"?column?\" FROM t",
      "select s NOT ILIKE '100\\%' and t like E'x\\\\_', 1"
          + "|SELECT not_ilike_escape(s, E'100\\\\%', E'\\\\') AND like_escape(t, E'x\\\\_', E'\\\\'), 1",
      "select 1 from t where s like $$a\\_c$$|SELECT 1 FROM t WHERE like_escape(s, E'a\\\\_c', E'\\\\')",
      "select s like 'a\\_c' as m|SELECT like_escape(s, E'a\\\\_c', E'\\\\') AS m",
  })
  void aBackslashInAConstantPatternIsAnExplicitEscape(String postgres, String duckdb) {
    assertThat(translated(postgres)).isEqualTo(duckdb);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // no backslash, an ESCAPE of its own, a pattern that is not a constant
      "select s like 'a_c'|select s like 'a_c'",
      "select s like p, '\\' like s|select s like p, '\\' like s",
  })
  void otherPatternsStayAsWritten(String postgres, String duckdb) {
    assertThat(translated(postgres)).isEqualTo(duckdb);
  }

  @Test
  void anEscapeOfItsOwnIsKept() {
    assertThat(translated("select s like 'a\\_c' escape '!'"))
        .isEqualTo("SELECT like_escape(s, E'a\\\\_c', '!')");
  }

  @Test
  void backslashEscapesAsInPostgres() throws Exception {
    assertThat(DuckDbValue.row("select 'a_c' like 'a\\_c', 'abc' like 'a\\_c',"
        + " '5%' ilike '5\\%', 'a\\b' like 'a\\\\b', 'ab' not like 'a\\b'"))
        .containsExactly("true", "false", "true", "true", "false");
  }
}
