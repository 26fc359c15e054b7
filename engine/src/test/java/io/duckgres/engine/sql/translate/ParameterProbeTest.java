package io.duckgres.engine.sql.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParameterProbeTest {
  @Test
  void castParametersBecomeNulls() {
    String sql = "select i from generate_series($1::bigint, cast($2 as bigint)) t(i)"
        + " where s = '$3'";
    assertThat(ParameterProbe.withNullParameters(sql, sql)).isEqualTo(
        "select i from generate_series(NULL::bigint, cast(NULL as bigint)) t(i) where s = '$3'");
  }

  @Test
  void theProbeIsTheTranslationWithNulls() {
    String sql = "select 10 / $1::int";
    assertThat(ParameterProbe.withNullParameters(sql, Translator.translate(sql)))
        .doesNotContain("$1").contains("NULL");
  }

  @Test
  void anUncastParameterCannotBeProbed() {
    // Its type would come from the value bound, which the probe cannot know.
    assertThat(ParameterProbe.withNullParameters("select $1::int, $2", "select $1::int, $2"))
        .isNull();
    assertThat(ParameterProbe.withNullParameters("select $1::int + $1", "select $1::int + $1"))
        .isNull();
    assertThat(ParameterProbe.withNullParameters("select 1", "select 1")).isNull();
  }
}
