package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrayFunctionsTest {
  private final ArrayFunctions arrays = new ArrayFunctions();

  @Test
  void cardinalityIsTheListLength() {
    assertThat(transformed(arrays,
        "select cardinality(array[1, 2]), pg_catalog.cardinality(a), (array[10, 20])[2] from t"))
        .isEqualTo("SELECT len(ARRAY[1, 2]), len(a), ARRAY[10, 20][2] FROM t");
  }

  @Test
  void otherFunctionsAreUntouched() {
    assertThat(transformed(arrays, "select my.cardinality(a), array_length(a) from t"))
        .isEqualTo("SELECT my.cardinality(a), array_length(a) FROM t");
  }

  @Test
  void theLengthOfAnEmptyArrayIsNull() {
    assertThat(transformed(arrays, "select array_length(a, 1) from t"))
        .isEqualTo("SELECT NULLIF(array_length(a, 1), 0) FROM t");
  }

  @Test
  void anElementJoinsAnArrayAtEitherEnd() {
    assertThat(transformed(arrays,
        "select array[1, 2] || 3, 0 || array[1, 2], array[1] || array[2], a || b from t"))
        .isEqualTo("SELECT list_append(ARRAY[1, 2], 3), list_prepend(0, ARRAY[1, 2]),"
            + " ARRAY[1] || ARRAY[2], a || b FROM t");
  }
}
