package io.duckgres.engine.sql.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikeEscapesTest {
  private final LikeEscapes rewrite = new LikeEscapes();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select s like 'a\\_c' from t|select s like 'a\\_c' ESCAPE '\\' AS \"?column?\" from t",
      "select s NOT ILIKE '100\\%' and t like E'x\\\\_', 1"
          + "|select s NOT ILIKE '100\\%' ESCAPE '\\' and t like E'x\\\\_' ESCAPE '\\'"
          + " AS \"?column?\", 1",
      "select 1 from t where s like 'a\\_c'|select 1 from t where s like 'a\\_c' ESCAPE '\\'",
      "select s like 'a\\_c' as m|select s like 'a\\_c' ESCAPE '\\' as m",
      // kept: no backslash, an ESCAPE of its own, a pattern that is not a constant
      "select s like 'a_c'|select s like 'a_c'",
      "select s like 'a\\_c' escape '!'|select s like 'a\\_c' escape '!'",
      "select s like p, '\\' like|select s like p, '\\' like",
  })
  void rewrites(String postgres, String duckdb) {
    assertThat(rewrite.apply(postgres)).isEqualTo(duckdb);
  }

  @Test
  void backslashEscapesAsInPostgres() throws Exception {
    assertThat(DuckDbQuery.value(rewrite.apply(
        "select ('a_c' like 'a\\_c') || ',' || ('abc' like 'a\\_c') || ','"
            + " || ('5%' ilike '5\\%')")))
        .isEqualTo("true,false,true");
  }
}
