package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionEquivalentsTest {
  private final FunctionEquivalents equivalents = new FunctionEquivalents();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select every(x > 1) from t|SELECT bool_and(x > 1) FROM t",
      "select btrim('xxaxx', 'x'), pg_catalog.btrim(s)|SELECT \"trim\"('xxaxx', 'x'), \"trim\"(s)",
      "select date_bin(i, ts, o)|SELECT time_bucket(i, ts, o)",
      "select div(9, -4)|SELECT trunc(9 / -4)::numeric(38, 0)",
      "select TO_HEX(255)|SELECT lower(to_hex(255))",
      "select lpad(s, 3), rpad(s, 3, '*')|SELECT lpad(s, 3, ' '), rpad(s, 3, '*')",
      "select encode(b, 'hex'), encode(b, 'BASE64'), encode(b, 'escape')"
          + "|SELECT lower(hex(b)), to_base64(b), encode(b, 'escape')",
      "select decode('616263', 'hex'), decode(s, 'base64'), decode(b)"
          + "|SELECT unhex('616263'), from_base64(s), decode(b)",
      "select jsonb_build_object('a', json_build_array(1, 2))"
          + "|SELECT json_object('a', json_array(1, 2))",
      "select to_jsonb(x), jsonb_array_length(j)|SELECT to_json(x), json_array_length(j)",
      "select json_agg(x ORDER BY y) from t|SELECT to_json(array_agg(x ORDER BY y)) FROM t",
      "select json_object_agg(k, v) from t|SELECT json_group_object(k, v) FROM t",
      "select x from t where s = format('%s: %s%%', a, b)"
          + "|SELECT x FROM t WHERE s = concat('', a, ': ', b, '%')",
      "select octet_length(s), chr(65) from t|SELECT duckgres_octet_length(s), duckgres_chr(65) FROM t",
      "select x from t where substring(s from 'a(b+)c') = ''"
          + "|SELECT x FROM t WHERE CASE WHEN regexp_matches(s, 'a(b+)c')"
          + " THEN regexp_extract(s, 'a(b+)c', 1) END = ''",
      // kept: array_to_string with two arguments; substring FROM a number, with FOR
      "select array_to_string(a, ',') from t|SELECT array_to_string(a, ',') FROM t",
      "select substring(s from 2), substring(s from 'a' for '#') from t"
          + "|SELECT SUBSTRING(s FROM 2), SUBSTRING(s FROM 'a' FOR '#') FROM t",
      // kept: format with %I/%L or DuckDB's {} syntax, too few arguments
      "select format('%I', a), format('{}', a), format('%s') from t"
          + "|SELECT format('%I', a), format('{}', a), format('%s') FROM t",
      // kept: FILTER and OVER belong to the aggregate; other schemas' functions
      "select json_agg(x) filter (where y) from t|SELECT json_agg(x) FILTER (WHERE y) FROM t",
      "select jsonb_agg(x) over () from t|SELECT jsonb_agg(x) OVER () FROM t",
      "select json_object_agg(k, v ORDER BY k) from t|SELECT json_object_agg(k, v ORDER BY k) FROM t",
      "select s.lpad(3), my.every(x)|SELECT s.lpad(3), my.every(x)",
  })
  void rewrites(String postgres, String duckdb) {
    assertThat(transformed(equivalents, postgres)).isEqualTo(duckdb);
  }

  @Test
  void callsInsideTheJsonWrappersAreRewritten() {
    assertThat(transformed(equivalents,
        "select duckgres_jsonb(jsonb_build_object('a', 1)), duckgres_json_members(json_agg(x))"))
        .isEqualTo("SELECT duckgres_jsonb(json_object('a', 1)),"
            + " duckgres_json_members(to_json(array_agg(x)))");
  }

  @Test
  void rewrittenCallsGivePostgresValues() throws Exception {
    assertThat(TranslatedQuery.value(equivalents,
        "select concat_ws(',', div(9, 4), div(-9, 4), div(9.5, 2), to_hex(255), lpad('7', 3),"
            + " btrim('  x  '), encode('abc'::blob, 'hex'), encode('abc'::blob, 'base64'))"))
        .isEqualTo("2,-2,4,ff,  7,x,616263,YWJj");
    assertThat(TranslatedQuery.value(equivalents,
        "select json_agg(x ORDER BY x DESC) from (values (1), (2), (3)) t(x)"))
        .isEqualTo("[3,2,1]");
    assertThat(TranslatedQuery.column(equivalents, "select jsonb_typeof(j::json) from (values"
        + " ('{}'), ('[]'), ('\"s\"'), ('true'), ('null'), ('1'), ('-1'), ('1.5'), (NULL)) t(j)"))
        .containsExactly("object", "array", "string", "boolean", "null", "number", "number",
            "number", null);
    assertThat(TranslatedQuery.value(equivalents, "select format('%s-%s|%%', 'a', NULL)")).isEqualTo("a-|%");
    assertThat(TranslatedQuery.value(equivalents, "select every(x > 0) from generate_series(1, 3) t(x)"))
        .isEqualTo("true");
    assertThat(TranslatedQuery.value(equivalents, "select array_to_string(ARRAY['a', NULL, 'c'], ',', '*')"))
        .isEqualTo("a,*,c");
    assertThat(TranslatedQuery.column(equivalents, "select substring('abbc' from 'a(b+)c')"
        + " union all select substring('xyz' from 'b.')")).containsExactly("bb", null);
    assertThat(TranslatedQuery.value(equivalents, "select date_bin(interval '15 minutes', timestamp '2024-01-01 10:17',"
        + " timestamp '2024-01-01')")).isEqualTo("2024-01-01 10:15:00.0");
  }
}
