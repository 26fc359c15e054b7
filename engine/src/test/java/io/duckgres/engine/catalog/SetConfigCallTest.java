package io.duckgres.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SetConfigCallTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      select set_config('search_path', '', false)                      | search_path | ''   | false | set_config
      SELECT pg_catalog.set_config('search_path', 'a, b', false);      | search_path | a, b | false | set_config
      select set_config('application_name', 'it''s', true) as app      | application_name | it's | true | app
      select set_config('x', 'y'::text, 'f') "Quoted"                  | x | y | f | Quoted
      SELECT  set_config( 'TimeZone' , 'UTC' , true ) AS tz             | TimeZone | UTC | true | tz
      """)
  void parsesTheStatementForm(String sql, String name, String value, String local, String column) {
    SetConfigCall call = SetConfigCall.parse(sql);
    assertThat(call).isNotNull();
    Object[] none = new Object[0];
    assertThat(call.name().resolve(none)).isEqualTo(name);
    assertThat(call.value().resolve(none)).isEqualTo(value.equals("''") ? "" : value);
    assertThat(call.local().resolve(none)).isEqualTo(local);
    assertThat(call.column()).isEqualTo(column);
  }

  @org.junit.jupiter.api.Test
  void parametersResolveFromTheBindAndAreTyped() {
    SetConfigCall call = SetConfigCall.parse("select set_config($1, $2::text, $3)");
    Object[] values = {"application_name", "etl", Boolean.FALSE};
    assertThat(call.name().resolve(values)).isEqualTo("application_name");
    assertThat(call.value().resolve(values)).isEqualTo("etl");
    assertThat(SetConfigCall.isTrue(call.local().resolve(values))).isFalse();
    assertThat(call.parameterTypes(new int[0])).containsExactly(25, 25, 16);
    assertThat(call.parameterTypes(new int[] {1043, 0, 0})).containsExactly(1043, 25, 16);
  }

  @org.junit.jupiter.api.Test
  void currentSettingColumnsMayComeBeforeTheCall() {
    // asyncpg's JIT switch around its type lookup.
    SetConfigCall call = SetConfigCall.parse("""
        SELECT
            current_setting('jit') AS cur,
            set_config('jit', 'off', false) AS new
        """);
    assertThat(call).isNotNull();
    assertThat(call.readsBefore()).containsExactly(new SetConfigCall.Reading("jit", "cur"));
    assertThat(call.columns()).containsExactly("cur", "new");
    assertThat(call.value().resolve(new Object[0])).isEqualTo("off");
    assertThat(SetConfigCall.parse("select pg_catalog.current_setting('a''b'), "
        + "current_setting('c') \"C\", set_config('a', 'b', false)").columns())
        .containsExactly("current_setting", "C", "set_config");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select set_config('a', 'b', false), current_setting('a')",
      "select current_setting('a') set_config('a', 'b', false)",
      "select current_setting(name), set_config('a', 'b', false)",
      "select 1, set_config('a', 'b', false)",
      "select set_config('a', 'b', false) from t",
      "select set_config(name, 'b', false)",
      "select upper(set_config('a', 'b', false))",
      "select 'set_config'",
      "select set_config('a', 'b', false) union select 'c'",
      "select set_config('a', 'b'::int, false)"})
  void anythingElseIsLeftToTheQuery(String sql) {
    assertThat(SetConfigCall.parse(sql)).isNull();
  }
}
