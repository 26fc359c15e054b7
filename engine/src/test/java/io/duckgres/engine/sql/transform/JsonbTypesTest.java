package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.engine.sql.parse.SqlParser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonbTypesTest {
  private final JsonbTypes jsonb = new JsonbTypes();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select x::JSONB[], cast(x as pg_catalog.jsonb)|SELECT x::json[], x::json",
      "create table t (id int, doc jsonb not null, \"d2\" jsonb, tags jsonb[])"
          + "|CREATE TABLE t (id int, doc json NOT NULL, d2 json, tags json[])",
      "alter table t add column d jsonb|ALTER TABLE t ADD COLUMN d json",
      "alter table t alter column d type jsonb|ALTER TABLE t ALTER COLUMN d TYPE json",
      "prepare p(jsonb, int) as select $1|PREPARE p(json, int) AS SELECT $1",
      // kept: names and aliases called jsonb, functions, strings, a type of another schema
      "create table jsonb (jsonb jsonb)|CREATE TABLE jsonb (jsonb json)",
      "select jsonb, 1 as jsonb, jsonb_typeof(x), 'jsonb', x::other.jsonb from jsonb"
          + "|SELECT jsonb, 1 AS jsonb, jsonb_typeof(x), 'jsonb', x::other.jsonb FROM jsonb",
  })
  void jsonbNamesJsonWhereItIsAType(String postgres, String duckdb) {
    assertThat(transformed(jsonb, postgres)).isEqualTo(duckdb);
  }

  @Test
  void castsWrappedForJsonbTextAndParameterCastsAreJson() {
    String sql = "select '{\"b\":1}'::jsonb, $1::jsonb ? 'a'";
    assertThat(TreeTransforms.apply(SqlParser.parse(sql).getStmtsList(), sql))
        .isEqualTo("SELECT duckgres_jsonb('{\"b\":1}'::json),"
            + " duckgres_jsonb_exists($1::json, 'a')");
  }

  @Test
  void jsonbColumnsAndCastsAreJsonInDuckDb() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (String sql : List.of("create table t (doc jsonb, docs jsonb[])",
          "insert into t values ('{\"a\": [1, 2]}', ARRAY['[3]'::jsonb])")) {
        s.execute(transformed(jsonb, sql));
      }
      try (ResultSet rows = s.executeQuery(
          "select typeof(doc), typeof(docs), doc->'a'->>1 from t")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("JSON");
        assertThat(rows.getString(2)).isEqualTo("JSON[]");
        assertThat(rows.getString(3)).isEqualTo("2");
      }
    }
  }
}
