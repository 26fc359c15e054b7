package io.duckgres.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.engine.settings.SessionSettings;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements the session answers itself or must keep working across: USE, DISCARD, planner
 * settings, NO SCROLL cursors, on a real DuckDB database through {@link EngineSession}.
 */
class SessionStatementsTest {
  @TempDir static Path dataDir;
  static DatabaseManager databases;
  EngineSession session;

  @BeforeAll
  static void open() {
    databases = new DatabaseManager(new EngineSettings(dataDir, null, 1));
  }

  @AfterAll
  static void close() {
    databases.close();
  }

  @BeforeEach
  void connect() throws SQLException {
    session = new EngineSession(databases.database("postgres"),
        new SessionSettings("postgres", Map.of()), 4711);
  }

  @AfterEach
  void disconnect() {
    session.close();
  }

  private String run(String sql) {
    try (QueryResult result = session.execute(sql)) {
      if (result.hasRows()) {
        assertThat(result.next()).isTrue();
        return result.row().getString(1);
      }
      return result.commandTag(0);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void catalogFunctionsSurviveUseOfAnotherDatabase() {
    String original = run("select current_database()");
    run("attach ':memory:' as fe_other");
    run("use fe_other");
    run("use \"" + original + "\"");
    assertThat(run("select chr(65)")).isEqualTo("A");
    assertThat(run("select current_user")).isEqualTo("postgres");
    assertThat(run("select current_setting('server_version')"))
        .isEqualTo(SessionSettings.SERVER_VERSION);
  }

  @Test
  void plannerSettingsAreKeptShownAndReset() {
    assertThat(run("set enable_seqscan = off")).isEqualTo("SET");
    assertThat(run("show enable_seqscan")).isEqualTo("off");
    run("set random_page_cost = 1.1");
    assertThat(run("select current_setting('random_page_cost')")).isEqualTo("1.1");
    assertThat(run("reset all")).isEqualTo("RESET");
    assertThat(run("show enable_seqscan")).isEqualTo("on");
    assertThat(run("show random_page_cost")).isEqualTo("4");
  }

  @Test
  void discardAllResetsAndDropsTemporaryTables() {
    run("set log_statement = 'all'");
    run("create temp table fe_t (a integer)");
    assertThat(run("discard all")).isEqualTo("DISCARD ALL");
    assertThat(run("show log_statement")).isEqualTo("none");
    assertThatThrownBy(() -> run("select * from fe_t")).isInstanceOf(PgException.class);
    assertThat(run("discard plans")).isEqualTo("DISCARD PLANS");
    run("begin");
    assertThatThrownBy(() -> run("discard all"))
        .isInstanceOfSatisfying(PgException.class,
            e -> assertThat(e.sqlState()).isEqualTo(SqlState.ACTIVE_SQL_TRANSACTION));
    run("rollback");
  }

  @Test
  void noScrollCursorRefusesToMoveBackward() {
    run("begin");
    run("declare c no scroll cursor for select * from range(5)");
    assertThat(run("fetch next from c")).isEqualTo("0");
    assertThatThrownBy(() -> run("fetch backward 1 from c"))
        .isInstanceOfSatisfying(PgException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE);
          assertThat(e.getMessage()).isEqualTo("cursor can only scan forward");
        });
    run("rollback");
  }

  @Test
  void timeTypeNamesKeepTheirPrecision() {
    assertThat(run("select format_type(1083, 3)")).isEqualTo("time(3) without time zone");
    assertThat(run("select format_type(1184, 6)")).isEqualTo("timestamp(6) with time zone");
  }

  @Test
  void pgDumpSessionStatements() {
    assertThat(run("set synchronize_seqscans to off")).isEqualTo("SET");
    run("create table dump_locked (id integer)");
    assertThatThrownBy(() -> run("lock table public.dump_locked in access share mode"))
        .isInstanceOfSatisfying(PgException.class,
            e -> assertThat(e.sqlState()).isEqualTo(SqlState.NO_ACTIVE_SQL_TRANSACTION));
    run("begin");
    assertThat(run("lock table public.dump_locked in access share mode")).isEqualTo("LOCK TABLE");
    run("commit");
    assertThat(run("prepare dump_types(pg_catalog.oid, pg_catalog.text) as"
        + " select $1 + 1, $2 || '!'")).isEqualTo("PREPARE");
    assertThat(run("execute dump_types('41', 'x')")).isEqualTo("42");
    run("deallocate dump_types");
  }

  @Test
  void timeZoneInPostgresSpellings() {
    assertThat(run("set time zone \"Etc/UTC\"")).isEqualTo("SET");
    assertThat(run("show time zone")).isEqualTo("Etc/UTC");
    assertThat(run("set time zone 'America/New_York'")).isEqualTo("SET");
    assertThat(run("show timezone")).isEqualTo("America/New_York");
    run("reset time zone");
    assertThat(run("show time zone")).isEqualTo("UTC");
  }

  @Test
  void anyOfAnArrayLiteral() {
    assertThat(run("select 'p' = any('{r,p,\"\"}')")).isEqualTo("true");
    assertThat(run("select '' = any('{r,p,\"\"}')")).isEqualTo("true");
    assertThat(run("select 'x' = any('{r,p}')")).isEqualTo("false");
    assertThat(run("select 'x' <> all('{r,p}')")).isEqualTo("true");
  }

  @Test
  void sequenceReadAsARelation() {
    run("create sequence dump_ids start 42");
    assertThat(run("select last_value from dump_ids")).isEqualTo("42");
    assertThat(run("select is_called from public.dump_ids")).isEqualTo("false");
    run("select nextval('dump_ids')");
    run("select nextval('dump_ids')");
    assertThat(run("select last_value from dump_ids")).isEqualTo("43");
    assertThat(run("select s.is_called from dump_ids s")).isEqualTo("true");
    // The extended protocol too (Parse, Bind, Execute).
    PreparedQuery prepared = session.prepare("select last_value, is_called from dump_ids",
        new int[0]);
    assertThat(prepared.columns()).extracting(c -> c.name())
        .containsExactly("last_value", "is_called");
    try (QueryResult result = session.start(session.bind(prepared, new Object[0], new short[0]))) {
      assertThat(result.next()).isTrue();
      assertThat(result.row().getLong(1)).isEqualTo(43);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    // A table with a column of that name is still a table.
    run("create table dump_not_seq (last_value integer)");
    run("insert into dump_not_seq values (7)");
    assertThat(run("select last_value from dump_not_seq")).isEqualTo("7");
  }

  @Test
  void namesDuckDbReservesButPostgresDoesNot() {
    assertThat(run("prepare dump_at(pg_catalog.oid) as"
        + " select at.attname from (select 'x' as attname, 1 as attrelid) at"
        + " where at.attrelid = $1")).isEqualTo("PREPARE");
    assertThat(run("execute dump_at(1)")).isEqualTo("x");
    assertThat(run("select at.x from (select 5 as x) at")).isEqualTo("5");
    assertThat(run("select timestamp '2026-01-01 00:00' at time zone 'UTC' is not null"))
        .isEqualTo("true");
  }

  @Test
  void alterTableRenamesAView() {
    run("create table rename_base (id integer)");
    run("create view rename_v as select id from rename_base");
    assertThat(run("alter table rename_v rename to rename_w")).isEqualTo("ALTER TABLE");
    assertThat(run("select count(*) from rename_w")).isEqualTo("0");
    assertThat(run("alter table public.rename_base rename to rename_base2"))
        .isEqualTo("ALTER TABLE");
    assertThatThrownBy(() -> run("alter table rename_missing rename to x"))
        .isInstanceOfSatisfying(PgException.class,
            e -> assertThat(e.sqlState()).isEqualTo(SqlState.UNDEFINED_TABLE));
  }

  @Test
  void indexKeysInInt2vectorForm() throws SQLException {
    run("create table keyed (a integer, b integer, primary key (b, a))");
    try (QueryResult result = session.execute("select i.indkey from pg_index i"
        + " join pg_class c on c.oid = i.indrelid where c.relname = 'keyed'")) {
      assertThat(result.columns().get(0).typeOid()).isEqualTo(22);
    }
    assertThat(run("select i.indkey[1] from pg_index i"
        + " join pg_class c on c.oid = i.indrelid where c.relname = 'keyed'")).isEqualTo("2");
  }
}
