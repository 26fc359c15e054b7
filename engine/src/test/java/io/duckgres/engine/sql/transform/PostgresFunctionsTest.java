package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresFunctionsTest {
  private final PostgresFunctions functions = new PostgresFunctions();

  @Test
  void overlayAndOverlapsBecomeMacroCalls() {
    assertThat(transformed(functions, "select overlay('Txxxxas' placing 'hom' from 2 for 4),"
        + " (a, b) overlaps (c, d) from t"))
        .isEqualTo("SELECT duckgres_overlay('Txxxxas', 'hom', 2, 4),"
            + " duckgres_overlaps(a, b, c, d) FROM t");
  }

  @Test
  void userFunctionsOfTheSameNameAreUntouched() {
    assertThat(transformed(functions, "select overlay(a, b) from t"))
        .isEqualTo("SELECT \"overlay\"(a, b) FROM t");
  }
}
