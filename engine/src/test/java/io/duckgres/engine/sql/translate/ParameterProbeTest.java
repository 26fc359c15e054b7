package io.duckgres.engine.sql.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParameterProbeTest {
  @Test
  void castParametersBecomeNulls() {
    assertThat(ParameterProbe.withNullParameters(
        "select i from generate_series($1::bigint, $2 :: bigint) t(i) where s = '$3'"))
        .isEqualTo("select i from generate_series(NULL::bigint, NULL :: bigint) t(i) where s = '$3'");
  }

  @Test
  void anUncastParameterCannotBeProbed() {
    // Its type would come from the value bound, which the probe cannot know.
    assertThat(ParameterProbe.withNullParameters("select $1::int, $2")).isNull();
    assertThat(ParameterProbe.withNullParameters("select 1")).isNull();
  }
}
