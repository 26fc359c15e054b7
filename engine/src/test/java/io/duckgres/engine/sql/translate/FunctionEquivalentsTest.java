package io.duckgres.engine.sql.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionEquivalentsTest {
  private final FunctionEquivalents rewrite = new FunctionEquivalents();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select every(x > 1) from t|select bool_and(x > 1) AS \"every\" from t",
      "select btrim('xxaxx', 'x')|select trim('xxaxx', 'x') AS \"btrim\"",
      "select date_bin(i, ts, o)|select time_bucket(i, ts, o) AS \"date_bin\"",
      "select div(9, -4)|select CAST(trunc((9) / (-4)) AS DECIMAL(38, 0)) AS \"div\"",
      "select TO_HEX(255)|select lower(to_hex(255)) AS \"to_hex\"",
      "select lpad(s, 3), rpad(s, 3, '*')|select lpad(s, 3, ' ') AS \"lpad\", rpad(s, 3, '*')",
      "select encode(b, 'hex'), encode(b, 'BASE64'), encode(b, 'escape')"
          + "|select lower(hex(b)) AS \"encode\", to_base64(b) AS \"encode\", encode(b, 'escape')",
      "select decode('616263', 'hex'), decode(s, 'base64'), decode(b)"
          + "|select unhex('616263') AS \"decode\", from_base64(s) AS \"decode\", decode(b)",
      "select jsonb_build_object('a', json_build_array(1, 2))"
          + "|select json_object('a', json_array(1, 2)) AS \"jsonb_build_object\"",
      "select to_jsonb(x), jsonb_array_length(j)"
          + "|select to_json(x) AS \"to_jsonb\", json_array_length(j) AS \"jsonb_array_length\"",
      "select json_agg(x ORDER BY y) from t"
          + "|select to_json(array_agg(x ORDER BY y)) AS \"json_agg\" from t",
      "select 1 where json_typeof(j) = 'array'|select 1 where CASE json_type(j) WHEN 'OBJECT'"
          + " THEN 'object' WHEN 'ARRAY' THEN 'array' WHEN 'VARCHAR' THEN 'string' WHEN 'BOOLEAN'"
          + " THEN 'boolean' WHEN 'NULL' THEN 'null' WHEN 'BIGINT' THEN 'number' WHEN 'UBIGINT'"
          + " THEN 'number' WHEN 'HUGEINT' THEN 'number' WHEN 'DOUBLE' THEN 'number' END = 'array'",
      "select x from t where s = format('%s: %s%%', a, b)"
          + "|select x from t where s = concat('', a, ': ', b, '%')",
      "select x from t where s = json_object_agg(k, v)"
          + "|select x from t where s = json_group_object(k, v)",
      "select octet_length(s), chr(65) from t"
          + "|select duckgres_octet_length(s) AS \"octet_length\", duckgres_chr(65) AS \"chr\" from t",
      "select x from t where array_to_string(a, ',', '*') = s"
          + "|select x from t where array_to_string(list_transform(a, duckgres_element ->"
          + " coalesce(CAST(duckgres_element AS VARCHAR), '*')), ',') = s",
      "select x from t where array_to_string(a, ',') = s"
          + "|select x from t where array_to_string(a, ',') = s",
      "select x from t where substring(s from 'b.') = 'bc' or substring(s FROM 'a(b+)c') = ''"
          + "|select x from t where CASE WHEN regexp_matches(s, 'b.') THEN regexp_extract(s, 'b.',"
          + " 0) END = 'bc' or CASE WHEN regexp_matches(s, 'a(b+)c') THEN regexp_extract(s,"
          + " 'a(b+)c', 1) END = ''",
      // kept: substring FROM a number, with FOR, or SIMILAR
      "select x from t where substring(s from 2) = s or substring(s from 'a' for '#') = s"
          + "|select x from t where substring(s from 2) = s or substring(s from 'a' for '#') = s",
      // kept: format with %I/%L or DuckDB's {} syntax, too few arguments
      "select x from t where s = format('%I', a) or s = format('{}', a) or s = format('%s')"
          + "|select x from t where s = format('%I', a) or s = format('{}', a) or s = format('%s')",
      // kept: FILTER and OVER belong to the aggregate; qualified names and DuckDB's x.f() syntax
      "select json_agg(x) filter (where y) from t|select json_agg(x) filter (where y) from t",
      "select jsonb_agg(x) over () from t|select jsonb_agg(x) over () from t",
      "select s.lpad(3), my.every(x)|select s.lpad(3), my.every(x)",
      "select 'every(x)', \"btrim\"(x) -- every(x)|select 'every(x)', \"btrim\"(x) -- every(x)",
  })
  void rewrites(String postgres, String duckdb) {
    assertThat(rewrite.apply(postgres)).isEqualTo(duckdb);
  }

  @Test
  void unchangedInputIsTheSameInstance() {
    String sql = "select every, lpad from t where x = '(every('";
    assertThat(rewrite.apply(sql)).isSameAs(sql);
  }

  @Test
  void rewrittenCallsGivePostgresValues() throws Exception {
    assertThat(DuckDbQuery.value(rewrite.apply(
        "select concat_ws(',', div(9, 4), div(-9, 4), div(9.5, 2), to_hex(255), lpad('7', 3),"
            + " btrim('  x  '), encode('abc'::blob, 'hex'), encode('abc'::blob, 'base64'))")))
        .isEqualTo("2,-2,4,ff,  7,x,616263,YWJj");
    assertThat(DuckDbQuery.value(rewrite.apply(
        "select json_agg(x ORDER BY x DESC) from (values (1), (2), (3)) t(x)")))
        .isEqualTo("[3,2,1]");
    assertThat(DuckDbQuery.column(rewrite.apply("select jsonb_typeof(j::json) from (values"
        + " ('{}'), ('[]'), ('\"s\"'), ('true'), ('null'), ('1'), ('-1'), ('1.5'), (NULL)) t(j)")))
        .containsExactly("object", "array", "string", "boolean", "null", "number", "number",
            "number", null);
    assertThat(DuckDbQuery.value(rewrite.apply("select format('%s-%s|%%', 'a', NULL)")))
        .isEqualTo("a-|%");
    assertThat(DuckDbQuery.value(rewrite.apply("select every(x > 0) from range(1, 4) t(x)")))
        .isEqualTo("true");
  }
}
