package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DivisionByZeroTest {
  private final DivisionByZero division = new DivisionByZero();

  @Test
  void divisionAndRemainderBecomeCheckedCalls() {
    assertThat(transformed(division, "select 1/0, a % b, (x + 1) / (y - 2) from t"))
        .isEqualTo("SELECT CASE WHEN 0 = 0 THEN error('division by zero') ELSE 1 / 0 END,"
            + " CASE WHEN b = 0 THEN error('division by zero') ELSE a % b END,"
            + " CASE WHEN (y - 2) = 0 THEN error('division by zero') ELSE (x + 1) / (y - 2) END"
            + " FROM t");
  }

  @Test
  void nestedDivisionsAreAllChecked() {
    assertThat(transformed(division, "select a / b / c"))
        .isEqualTo("SELECT CASE WHEN c = 0 THEN error('division by zero') ELSE"
            + " CASE WHEN b = 0 THEN error('division by zero') ELSE a / b END / c END");
  }

  @Test
  void anIntervalDividendGoesToTheMacro() {
    assertThat(transformed(division, "select interval '1 day' / 2"))
        .isEqualTo("SELECT duckgres_div('1 day'::interval, 2)");
  }

  @Test
  void otherOperatorsAreUntouched() {
    assertThat(transformed(division, "select a * b, a - b, a || b, -a, |/ a"))
        .isEqualTo("SELECT a * b, a - b, a || b, - a, |/ a");
  }
}
