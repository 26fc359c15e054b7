package io.duckgres.engine.sql.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimilarToPatternsTest {
  private final SimilarToPatterns rewrite = new SimilarToPatterns();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select s similar to 'a%'|select s similar to 'a.*' AS \"?column?\"",
      "select 1 where s NOT SIMILAR TO '_.[%_]$'|select 1 where s NOT SIMILAR TO '.\\.[%_]\\$'",
      "`select (s similar to '(a|b)\\%c') as m`|`select (s similar to '(a|b)\\%c') as m`",
      // kept: an ESCAPE clause, a pattern that is not a constant
      "select s similar to 'a%' escape '#'|select s similar to 'a%' escape '#'",
      "select s similar to p|select s similar to p",
  })
  void rewrites(String postgres, String duckdb) {
    assertThat(rewrite.apply(postgres)).isEqualTo(duckdb);
  }

  @Test
  void matchesAsInPostgres() throws Exception {
    assertThat(DuckDbQuery.value(rewrite.apply("select concat_ws(',', 'abc' similar to 'a%',"
        + " 'abc' similar to '(a|b)c', 'abc' similar to '_b_', 'a.c' similar to 'a.c',"
        + " 'abc' similar to 'a.c', '50%' similar to '50\\%')")))
        .isEqualTo("true,false,true,true,false,true");
  }
}
