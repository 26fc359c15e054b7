package io.duckgres.engine.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnNamesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "count_star()|count",
      "sum(x)|sum",
      "upper(\"name\")|upper",
      "main.lower(x)|lower",
      "(1 + 1)|?column?",
      "'a'|?column?",
      "42|?column?",
      "CAST(1 AS INTEGER)|int4",
      "CAST(x AS VARCHAR)|x",
      "CAST('[1]' AS INTEGER[])|_int4",
      "CASE  WHEN (true) THEN (1) ELSE NULL END|case",
      "id|id",
      "my_alias|my_alias",
      "MixedCase|MixedCase",
      "my col|my col",
      "Access method|Access method",
      "s COLLATE nocase|?column?",
      "sum(a) + sum(b)|?column?",
  })
  void postgresNames(String duckdb, String postgres) {
    assertThat(ColumnNames.postgres(duckdb)).isEqualTo(postgres);
  }
}
