package io.duckgres.engine.sql.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SetReturningFunctionsTest {
  private final SetReturningFunctions rewrite = new SetReturningFunctions();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select g from generate_series(1, 3) as g|select g from generate_series(1, 3) as g(g)",
      "select x from t, unnest(t.a) x where x > 1|select x from t, unnest(t.a) x(x) where x > 1",
      "select * from t join lateral generate_series(1, t.n) \"G\" on true"
          + "|select * from t join lateral generate_series(1, t.n) \"G\"(\"G\") on true",
      "select generate_series(1, 3) as n|select unnest(generate_series(1, 3)) as n",
      "select a, generate_series(1, a) from t"
          + "|select a, unnest(generate_series(1, a)) AS \"generate_series\" from t",
      // kept: column lists, ORDINALITY, no alias, multi-argument unnest, nested calls
      "select * from generate_series(1, 3) g(n)|select * from generate_series(1, 3) g(n)",
      "select * from generate_series(1, 3) with ordinality as t(v, n)"
          + "|select * from generate_series(1, 3) with ordinality as t(v, n)",
      "select * from generate_series(1, 3) where true"
          + "|select * from generate_series(1, 3) where true",
      "select * from unnest(a, b) as u|select * from unnest(a, b) as u",
      "select unnest(a), sum(generate_series(1, 2))|select unnest(a), sum(generate_series(1, 2))",
  })
  void rewrites(String postgres, String duckdb) {
    assertThat(rewrite.apply(postgres)).isEqualTo(duckdb);
  }

  @Test
  void rowsAsInPostgres() throws Exception {
    assertThat(DuckDbQuery.column(rewrite.apply(
        "select g * 2 from generate_series(1, 3) as g order by g")))
        .containsExactly("2", "4", "6");
    assertThat(DuckDbQuery.column(rewrite.apply("select generate_series(3, 1, -1) as g")))
        .containsExactly("3", "2", "1");
    assertThat(DuckDbQuery.column(rewrite.apply(
        "select x from unnest([5, 6]) as x order by x"))).containsExactly("5", "6");
  }
}
