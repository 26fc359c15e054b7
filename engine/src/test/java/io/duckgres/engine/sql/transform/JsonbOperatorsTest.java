package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonbOperatorsTest {
  private final JsonbOperators jsonb = new JsonbOperators();

  @Test
  void existenceOperatorsBecomeMacros() {
    assertThat(transformed(jsonb,
        "select jb ? 'a', jb ?| array['a', 'b'], jb ?& array['a'] from t"))
        .isEqualTo("SELECT duckgres_jsonb_exists(jb, 'a'),"
            + " duckgres_jsonb_exists_any(jb, ARRAY['a', 'b']),"
            + " duckgres_jsonb_exists_all(jb, ARRAY['a']) FROM t");
  }

  @Test
  void containmentOfJsonButNotOfArrays() {
    assertThat(transformed(jsonb, "select jb @> '{\"a\": 1}', '[1]'::jsonb <@ jb,"
        + " arr @> '{1,2}', arr <@ array[1] from t"))
        .isEqualTo("SELECT json_contains(jb, '{\"a\": 1}'), json_contains(jb, '[1]'::jsonb),"
            + " arr @> '{1,2}', arr <@ ARRAY[1] FROM t");
  }

  @Test
  void constantPathsBecomeJsonPointers() {
    assertThat(transformed(jsonb, "select jb #> '{b,2,c}', jb #>> '{\"a/b\", x}' from t"))
        .isEqualTo("SELECT json_extract(jb, '/b/2/c'), json_extract_string(jb, '/a~1b/x')"
            + " FROM t");
  }

  @Test
  void concatenationOfJsonOnly() {
    assertThat(transformed(jsonb,
        "select '[1,2]'::jsonb || '3'::jsonb, 'a' || 'b', x || y from t"))
        .isEqualTo("SELECT duckgres_jsonb(duckgres_jsonb_concat('[1,2]'::jsonb, '3'::jsonb)),"
            + " 'a' || 'b', x || y FROM t");
  }

  @Test
  void minusOfAKeyFromJsonbOnly() {
    assertThat(transformed(jsonb, "select '{\"a\":1}'::jsonb - 'a', a - b, d - '1 day' from t"))
        .isEqualTo("SELECT duckgres_jsonb_delete('{\"a\":1}'::jsonb, 'a'), a - b, d - '1 day' FROM t");
  }
}
