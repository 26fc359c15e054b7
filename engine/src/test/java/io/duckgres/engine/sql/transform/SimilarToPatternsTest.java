package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimilarToPatternsTest {
  private final SimilarToPatterns similar = new SimilarToPatterns();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select s similar to 'a%'|SELECT s SIMILAR TO 'a.*'",
      "select 1 where s NOT SIMILAR TO '_.[%_]$'|SELECT 1 WHERE s NOT SIMILAR TO E'.\\\\.[%_]\\\\$'",
      "`select (s similar to '(a|b)\\%c') as m`|`SELECT s SIMILAR TO E'(a|b)\\\\%c' AS m`",
      // kept: an ESCAPE clause, a pattern that is not a constant
      "select s similar to 'a%' escape '#'|SELECT s SIMILAR TO 'a%' ESCAPE '#'",
      "select s similar to p|SELECT s SIMILAR TO p",
  })
  void constantPatternsBecomeRegularExpressions(String postgres, String duckdb) {
    assertThat(transformed(similar, postgres)).isEqualTo(duckdb);
  }

  @Test
  void matchesAsInPostgres() throws Exception {
    assertThat(DuckDbValue.row("select 'abc' similar to 'a%', 'abc' similar to '(a|b)c',"
        + " 'abc' similar to '_b_', 'a.c' similar to 'a.c', 'abc' similar to 'a.c',"
        + " '50%' similar to '50\\%', 'abc' not similar to 'a%'"))
        .containsExactly("true", "false", "true", "true", "false", "true", "false");
  }
}
