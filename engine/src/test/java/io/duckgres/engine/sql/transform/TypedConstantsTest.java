package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import org.junit.jupiter.api.Test;

class TypedConstantsTest {
  private final TypedConstants constants = new TypedConstants();

  @Test
  void aFractionIsNoInteger() {
    assertThatThrownBy(() -> transformed(constants, "select '1.5'::integer"))
        .isInstanceOfSatisfying(PgException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(SqlState.INVALID_TEXT_REPRESENTATION);
          assertThat(e.getMessage()).isEqualTo("invalid input syntax for type integer: \"1.5\"");
          assertThat(e.position()).isEqualTo(8);
        });
    assertThat(transformed(constants, "select '15'::int8, ' 7 '::smallint"))
        .isEqualTo("SELECT '15'::int8, ' 7 '::smallint");
  }

  @Test
  void doublesOutOfRangeAreRefused() {
    assertThatThrownBy(() -> transformed(constants, "select cast('1e400' as double precision)"))
        .isInstanceOfSatisfying(PgException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(SqlState.NUMERIC_VALUE_OUT_OF_RANGE);
          assertThat(e.getMessage())
              .isEqualTo("\"1e400\" is out of range for type double precision");
        });
    assertThatThrownBy(() -> transformed(constants, "select '1e-400'::float8"))
        .isInstanceOf(PgException.class);
    assertThat(transformed(constants, "select '1e300'::float8, 'Infinity'::float8"))
        .isEqualTo("SELECT '1e300'::float8, 'Infinity'::float8");
  }

  @Test
  void exponentConstantsAreNumeric() {
    assertThat(transformed(constants, "select 1e3, 1.5e-3, 2.5"))
        .isEqualTo("SELECT 1000, 0.0015, 2.5");
  }
}
