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
      "delete from \"__DuckLake_Metadata_ducklake\".ducklake_snapshot"})
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
      "select querytree(1)"})
  void namesInTextCommentsOrColumnsAreNotCalls(String sql) {
    assertThatCode(() -> StatementAccess.check(sql, false, true)).as(sql)
        .doesNotThrowAnyException();
  }
}
