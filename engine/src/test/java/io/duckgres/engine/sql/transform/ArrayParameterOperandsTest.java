package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrayParameterOperandsTest {
  @Test
  void equalsAnyParameterIsListContains() {
    assertThat(transformed(new ArrayParameterOperands(),
        "select relname from pg_class c where c.relkind = ANY($1) and oid <> ALL($2::oid[])"))
        .isEqualTo("SELECT relname FROM pg_class c WHERE list_contains($1, c.relkind)"
            + " AND NOT list_contains($2::oid[], oid)");
  }

  @Test
  void otherOperatorsAndOperandsAreLeft() {
    String sql = "SELECT 1 WHERE x < ANY($1) AND y = ANY(ARRAY[1, 2]) AND z = ANY (SELECT 1)";
    assertThat(transformed(new ArrayParameterOperands(), sql)).isEqualTo(sql);
  }
}
