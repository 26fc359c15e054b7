package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegTypeComparisonsTest {
  @Test
  void aColumnComparedWithAConstantRegTypeComparesOids() {
    assertThat(transformed(new RegTypeComparisons(),
        "select 1 from pg_proc p where p.prorettype::regtype != 'trigger'::regtype"))
        .isEqualTo("SELECT 1 FROM pg_proc p WHERE p.prorettype <> 'trigger'::regtype");
    assertThat(transformed(new RegTypeComparisons(),
        "select 1 from pg_class c where 'pg_class'::regclass = c.oid::regclass"))
        .isEqualTo("SELECT 1 FROM pg_class c WHERE 'pg_class'::regclass = c.oid");
  }

  @Test
  void otherComparisonsAreLeft() {
    String sql = "SELECT 1 FROM t WHERE a::regtype = b::regtype AND c::regclass = 'x'::regtype";
    assertThat(transformed(new RegTypeComparisons(), sql)).isEqualTo(sql);
  }
}
