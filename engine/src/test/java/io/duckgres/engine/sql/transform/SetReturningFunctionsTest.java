package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SetReturningFunctionsTest {
  private final SetReturningFunctions functions = new SetReturningFunctions();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select g from generate_series(1, 3) as g|SELECT g FROM generate_series(1, 3) g(g)",
      "select x from t, unnest(t.a) x where x > 1|SELECT x FROM t, unnest(t.a) x(x) WHERE x > 1",
      "select * from t join lateral generate_series(1, t.n) \"G\" on true"
          + "|SELECT * FROM t JOIN LATERAL generate_series(1, t.n) \"G\"(\"G\") ON true",
      "select generate_series(1, 3) as n|SELECT unnest(generate_series(1, 3)) AS n",
      "select a, generate_series(1, a) from t|SELECT a, unnest(generate_series(1, a)) FROM t",
      "select s from string_to_array('a,b', ',') s"
          + "|SELECT s FROM unnest(list_value(string_to_array('a,b', ','))) s(s)",
      // kept: column lists, ORDINALITY, no alias, multi-argument unnest, nested calls
      "select * from generate_series(1, 3) g(n)|SELECT * FROM generate_series(1, 3) g(n)",
      "select * from generate_series(1, 3) with ordinality as t|"
          + "SELECT * FROM generate_series(1, 3) WITH ORDINALITY t",
      "select * from generate_series(1, 3) where true|SELECT * FROM generate_series(1, 3) WHERE true",
      "select * from unnest(a, b) as u|SELECT * FROM unnest(a, b) u",
      "select unnest(a), sum(generate_series(1, 2))|SELECT unnest(a), sum(generate_series(1, 2))",
  })
  void rewrites(String postgres, String duckdb) {
    assertThat(transformed(functions, postgres)).isEqualTo(duckdb);
  }

  @Test
  void rowsAsInPostgres() throws Exception {
    assertThat(TranslatedQuery.column(functions, "select g * 2 from generate_series(1, 3) as g order by g"))
        .containsExactly("2", "4", "6");
    assertThat(TranslatedQuery.column(functions, "select generate_series(3, 1, -1) as g"))
        .containsExactly("3", "2", "1");
    assertThat(TranslatedQuery.column(functions, "select x from unnest(ARRAY[5, 6]) as x order by x"))
        .containsExactly("5", "6");
    assertThat(TranslatedQuery.column(functions, "select s[2] from string_to_array('a,b', ',') s"))
        .containsExactly("b");
  }
}
