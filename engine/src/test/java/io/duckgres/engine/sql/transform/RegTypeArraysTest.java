package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegTypeArraysTest {
  @Test
  void anArrayOfOidsCastsEachElementInOrder() {
    assertThat(transformed(new RegTypeArrays(),
        "select p.proallargtypes::regtype[] from pg_proc p"))
        .isEqualTo("SELECT (SELECT list(duckgres_catalog.main.regtype_out(x_e) ORDER BY x_i) FROM (SELECT"
            + " unnest(p.proallargtypes) AS x_e, generate_subscripts(p.proallargtypes, 1) AS x_i)"
            + " x_t) FROM pg_proc p");
  }

  @Test
  void oneValueAndConstantsAreLeft() {
    String sql = "SELECT p.prorettype::regtype, '{int4}'::regtype[], x::int[] FROM pg_proc p";
    assertThat(transformed(new RegTypeArrays(), sql)).isEqualTo(sql);
  }
}
