package io.duckgres.engine.sql.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonbTypesTest {
  private final JsonbTypes rewrite = new JsonbTypes();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select '{}'::jsonb, x::JSONB[]|select '{}'::json, x::json[]",
      "select cast(x as jsonb)|select cast(x as json)",
      "create table t (id int, doc jsonb not null, \"d2\" jsonb, tags jsonb[])"
          + "|create table t (id int, doc json not null, \"d2\" json, tags json[])",
      "alter table t add column d jsonb|alter table t add column d json",
      "alter table t alter column d type jsonb|alter table t alter column d type json",
      // kept: names and aliases called jsonb, functions, strings
      "create table jsonb (jsonb jsonb)|create table jsonb (jsonb json)",
      "select jsonb, 1 as jsonb, jsonb_typeof(x), 'jsonb' from jsonb"
          + "|select jsonb, 1 as jsonb, jsonb_typeof(x), 'jsonb' from jsonb",
  })
  void rewrites(String postgres, String duckdb) {
    assertThat(rewrite.apply(postgres)).isEqualTo(duckdb);
  }

  @Test
  void unchangedInputIsTheSameInstance() {
    String sql = "select jsonb from t";
    assertThat(rewrite.apply(sql)).isSameAs(sql);
  }

  @Test
  void jsonbValuesAreJson() throws Exception {
    assertThat(DuckDbQuery.value(rewrite.apply("select ('{\"a\": [1, 2]}'::jsonb -> 'a') ->> 1")))
        .isEqualTo("2");
  }
}
