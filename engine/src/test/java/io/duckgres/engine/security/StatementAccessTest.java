package io.duckgres.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.duckgres.pgwire.PgException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementAccessTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "select * from postgres_scan('host=127.0.0.1 dbname=x', 'public', 'orgs')",
      "SELECT * FROM Postgres_Query('__ducklake_metadata_ducklake', 'select 1')",
      "call postgres_execute('db', 'drop table t')",
      "from \"postgres_scan\" ('host=h', 'public', 't')",
      "select * from postgres_scan /* a comment */ ('h', 's', 't')",
      "select * from query('select * from postgres_scan(''h'', ''s'', ''t'')')",
      "select * from query_table('t')",
      "select * from __ducklake_metadata_ducklake.public.ducklake_table",
      "delete from \"__DuckLake_Metadata_ducklake\".ducklake_snapshot",
      "select main.postgres_query('db', 'select 1')",
      "select * from t, lateral query_table(t.name)",
      "create view v as select * from postgres_scan('h', 's', 't')",
      "select * from U&\"\\0070ostgres_scan\"('h', 's', 't')",
      "select * from U&\"__ducklake\\005Fmetadata_ducklake\".ducklake_table",
      "set search_path = '__ducklake_metadata_ducklake'",
      // Texts PostgreSQL's grammar rejects, which DuckDB runs:
      "from postgres_scan('h', 's', 't')",
      "use __ducklake_metadata_ducklake",
      "create macro m() as table select * from postgres_query('db', 'select 1')",
      "from U&\"\\0070ostgres_scan\"('h', 's', 't')"})
  void confinedSessionsMayNotOpenConnectionsNorTouchTheLakesCatalog(String sql) {
    PgException refused = catchThrowableOfType(PgException.class,
        () -> StatementAccess.check(sql, true, true));
    assertThat(refused).as(sql).isNotNull();
    assertThat(refused.sqlState().code()).isEqualTo("42501");
    assertThat(refused.getMessage()).startsWith("permission denied for ");
    assertThatCode(() -> StatementAccess.check(sql, true, false))
        .as("an unconfined superuser keeps it").doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select query from pg_stat_activity",
      "select 'postgres_scan(1)' as text, \"query\" from t",
      "-- postgres_query('x')\nselect 1",
      "select $$ query('x') $$",
      "create table postgres_scan_log (query text)",
      "select querytree(1)",
      "create table postgres_scan(a int)",
      "from t select 'postgres_query(1)' as query"})
  void namesInTextCommentsOrColumnsAreNotCalls(String sql) {
    assertThatCode(() -> StatementAccess.check(sql, false, true)).as(sql)
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"set global threads = 1", "reset global threads",
      "/* x */ SET GLOBAL TimeZone = 'UTC'", "set global = 1"})
  void ordinaryUsersMayNotChangeSettingsForTheWholeDatabase(String sql) {
    PgException refused = catchThrowableOfType(PgException.class,
        () -> StatementAccess.check(sql, false, false));
    assertThat(refused).as(sql).isNotNull();
    assertThat(refused.sqlState().code()).isEqualTo("42501");
    assertThatCode(() -> StatementAccess.check(sql, true, false)).as(sql)
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"alter user alice password 'x'", "ALTER ROLE bob WITH PASSWORD 'y'",
      "alter role bob set work_mem = '1MB'", "alter user bob rename to carol"})
  void nobodyChangesPasswordsInTheDatabase(String sql) {
    PgException refused = catchThrowableOfType(PgException.class,
        () -> StatementAccess.check(sql, true, false));
    assertThat(refused).as(sql).isNotNull();
    assertThat(refused.sqlState().code()).isEqualTo("0A000");
  }
}
