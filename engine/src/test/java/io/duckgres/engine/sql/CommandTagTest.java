package io.duckgres.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.engine.sql.StatementKind.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandTagTest {

  /** Tags as PostgreSQL sends them, for a statement that touched or returned 3 rows. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      select 1                                                      | SELECT 3                  | SELECT          | true
      SeLeCt 1                                                      | SELECT 3                  | SELECT          | true
      ((select 1) union (select 2))                                 | SELECT 3                  | SELECT          | true
      -- hi\\n/* a /* b */ */ select 1                              | SELECT 3                  | SELECT          | true
      values (1), (2)                                               | SELECT 3                  | SELECT          | true
      table t                                                       | SELECT 3                  | SELECT          | true
      from t                                                        | SELECT 3                  | SELECT          | true
      from t select a                                               | SELECT 3                  | SELECT          | true
      summarize t                                                   | SELECT 3                  | SELECT          | true
      describe t                                                    | SELECT 3                  | SELECT          | true
      pivot t on a using sum(b)                                     | SELECT 3                  | SELECT          | true
      unpivot t on a, b into name k value v                         | SELECT 3                  | SELECT          | true
      with x as (select 1) select * from x                          | SELECT 3                  | SELECT          | true
      with recursive r(n) as (select 1 union all select n + 1 from r) select * from r | SELECT 3 | SELECT | true
      with x as materialized (select 1) from x                      | SELECT 3                  | SELECT          | true
      with x as (delete from t returning *) select * from x         | SELECT 3                  | SELECT          | true
      with x as (select 1) insert into t select * from x            | INSERT 0 3                | INSERT          | false
      with "insert" as (select 1) update t set a = 1                | UPDATE 3                  | UPDATE          | false
      with x as (select 1) delete from t returning a                | DELETE 3                  | DELETE          | true
      insert into t values (1)                                      | INSERT 0 3                | INSERT          | false
      insert or replace into t values (1)                           | INSERT 0 3                | INSERT          | false
      insert into t values (1) returning *                          | INSERT 0 3                | INSERT          | true
      insert into t select 'returning', (select 1 returning)        | INSERT 0 3                | INSERT          | false
      update t set a = 1 where b in (select 1)                      | UPDATE 3                  | UPDATE          | false
      delete from t                                                 | DELETE 3                  | DELETE          | false
      merge into t using s on t.a = s.a when matched then delete    | MERGE 3                   | MERGE           | false
      copy t from stdin                                             | COPY 3                    | COPY            | false
      copy (select 1) to 'x.csv'                                    | COPY 3                    | COPY            | false
      create table t (a int)                                        | CREATE TABLE              | UTILITY         | false
      create temp table t (a int, b int generated always as (a + 1)) | CREATE TABLE             | UTILITY         | false
      create table t as select 1                                    | SELECT 3                  | CREATE_TABLE_AS | false
      create or replace table t as from x                           | SELECT 3                  | CREATE_TABLE_AS | false
      create table if not exists t(a) as values (1)                 | SELECT 3                  | CREATE_TABLE_AS | false
      create materialized view mv as select 1                       | SELECT 3                  | CREATE_TABLE_AS | false
      create view v as select 1                                     | CREATE VIEW               | UTILITY         | false
      create or replace temporary view v as select 1                | CREATE VIEW               | UTILITY         | false
      create schema s                                               | CREATE SCHEMA             | UTILITY         | false
      create unique index i on t(a)                                 | CREATE INDEX              | UTILITY         | false
      create sequence s                                             | CREATE SEQUENCE           | UTILITY         | false
      create macro m(x) as x                                        | CREATE FUNCTION           | UTILITY         | false
      create or replace temp macro m() as table select 1            | CREATE FUNCTION           | UTILITY         | false
      create function f(x) as x + 1                                 | CREATE FUNCTION           | UTILITY         | false
      create type mood as enum ('a', 'b')                           | CREATE TYPE               | UTILITY         | false
      create database d                                             | CREATE DATABASE           | UTILITY         | false
      create user u                                                 | CREATE ROLE               | UTILITY         | false
      create persistent secret s (type s3)                          | CREATE SECRET             | UTILITY         | false
      drop table t                                                  | DROP TABLE                | UTILITY         | false
      drop view if exists v                                         | DROP VIEW                 | UTILITY         | false
      drop schema s cascade                                         | DROP SCHEMA               | UTILITY         | false
      drop index i                                                  | DROP INDEX                | UTILITY         | false
      drop sequence s                                               | DROP SEQUENCE             | UTILITY         | false
      drop macro m                                                  | DROP FUNCTION             | UTILITY         | false
      drop macro table m                                            | DROP FUNCTION             | UTILITY         | false
      drop function f                                               | DROP FUNCTION             | UTILITY         | false
      drop type mood                                                | DROP TYPE                 | UTILITY         | false
      drop materialized view mv                                     | DROP MATERIALIZED VIEW    | UTILITY         | false
      drop temporary secret s                                       | DROP SECRET               | UTILITY         | false
      alter table t add column b int                                | ALTER TABLE               | UTILITY         | false
      alter view v rename to w                                      | ALTER VIEW                | UTILITY         | false
      alter sequence s restart                                      | ALTER SEQUENCE            | UTILITY         | false
      alter user u with password 'x'                                | ALTER ROLE                | UTILITY         | false
      begin                                                         | BEGIN                     | BEGIN           | false
      BEGIN TRANSACTION                                             | BEGIN                     | BEGIN           | false
      begin work                                                    | BEGIN                     | BEGIN           | false
      start transaction read only                                   | START TRANSACTION         | BEGIN           | false
      commit                                                        | COMMIT                    | COMMIT          | false
      end                                                           | COMMIT                    | COMMIT          | false
      commit prepared 'x'                                           | COMMIT PREPARED           | UTILITY         | false
      rollback                                                      | ROLLBACK                  | ROLLBACK        | false
      abort                                                         | ROLLBACK                  | ROLLBACK        | false
      rollback work                                                 | ROLLBACK                  | ROLLBACK        | false
      rollback to savepoint a                                       | ROLLBACK                  | UTILITY         | false
      rollback transaction to a                                     | ROLLBACK                  | UTILITY         | false
      rollback prepared 'x'                                         | ROLLBACK PREPARED         | UTILITY         | false
      savepoint a                                                   | SAVEPOINT                 | UTILITY         | false
      release savepoint a                                           | RELEASE                   | UTILITY         | false
      set search_path = x                                           | SET                       | UTILITY         | false
      set local statement_timeout = 0                               | SET                       | UTILITY         | false
      set time zone 'UTC'                                           | SET                       | UTILITY         | false
      set constraints all deferred                                  | SET CONSTRAINTS           | UTILITY         | false
      reset all                                                     | RESET                     | UTILITY         | false
      show search_path                                              | SHOW                      | UTILITY         | true
      show tables                                                   | SHOW                      | UTILITY         | true
      prepare p as select 1                                         | PREPARE                   | UTILITY         | false
      prepare transaction 'x'                                       | PREPARE TRANSACTION       | UTILITY         | false
      execute p(1)                                                  | EXECUTE                   | UTILITY         | true
      deallocate p                                                  | DEALLOCATE                | UTILITY         | false
      deallocate prepare p                                          | DEALLOCATE                | UTILITY         | false
      deallocate all                                                | DEALLOCATE ALL            | UTILITY         | false
      declare c cursor for select 1                                 | DECLARE CURSOR            | UTILITY         | false
      fetch 10 from c                                               | FETCH 3                   | FETCH           | true
      move 5 in c                                                   | MOVE 3                    | MOVE            | false
      close c                                                       | CLOSE CURSOR              | UTILITY         | false
      close all                                                     | CLOSE CURSOR ALL          | UTILITY         | false
      truncate t                                                    | TRUNCATE TABLE            | UTILITY         | false
      truncate table t                                              | TRUNCATE TABLE            | UTILITY         | false
      vacuum                                                        | VACUUM                    | UTILITY         | false
      analyze t                                                     | ANALYZE                   | UTILITY         | false
      analyse                                                       | ANALYZE                   | UTILITY         | false
      checkpoint                                                    | CHECKPOINT                | UTILITY         | false
      force checkpoint                                              | CHECKPOINT                | UTILITY         | false
      attach 'x.db' as x                                            | ATTACH                    | UTILITY         | false
      detach x                                                      | DETACH                    | UTILITY         | false
      use x                                                         | USE                       | UTILITY         | false
      load httpfs                                                   | LOAD                      | UTILITY         | false
      install httpfs                                                | INSTALL                   | UTILITY         | false
      force install httpfs                                          | INSTALL                   | UTILITY         | false
      update extensions                                             | UPDATE EXTENSIONS         | UTILITY         | true
      explain select 1                                              | EXPLAIN                   | UTILITY         | true
      explain analyze insert into t values (1)                      | EXPLAIN                   | UTILITY         | true
      call duckdb_settings()                                        | CALL                      | UTILITY         | true
      pragma table_info('t')                                        | PRAGMA                    | UTILITY         | true
      comment on table t is 'x'                                     | COMMENT                   | UTILITY         | false
      grant select on t to u                                        | GRANT                     | UTILITY         | false
      revoke select on t from u                                     | REVOKE                    | UTILITY         | false
      listen ch                                                     | LISTEN                    | UTILITY         | false
      notify ch                                                     | NOTIFY                    | UTILITY         | false
      discard all                                                   | DISCARD ALL               | UTILITY         | false
      discard temporary                                             | DISCARD TEMP              | UTILITY         | false
      lock table t                                                  | LOCK TABLE                | UTILITY         | false
      refresh materialized view mv                                  | REFRESH MATERIALIZED VIEW | UTILITY         | false
      export database 'dir'                                         | EXPORT DATABASE           | UTILITY         | false
      import database 'dir'                                         | IMPORT DATABASE           | UTILITY         | false
      """)
  void tagsEveryStatementAsPostgreSqlDoes(
      String sql, String tag, Command command, boolean returnsRows) {
    String statement = sql.replace("\\n", "\n");
    StatementKind kind = StatementKind.of(statement);

    assertThat(kind.tag(3)).isEqualTo(tag);
    assertThat(kind.command()).isEqualTo(command);
    assertThat(kind.returnsRows()).isEqualTo(returnsRows);
    assertThat(CommandTag.forStatement(statement, 3)).isEqualTo(tag);
  }

  @Test
  void emptyStatementsHaveNoTag() {
    assertThat(StatementKind.of("").isEmpty()).isTrue();
    assertThat(StatementKind.of("  -- nothing\n /* here */ ").isEmpty()).isTrue();
    assertThat(StatementKind.of(null).isEmpty()).isTrue();
    assertThat(StatementKind.of("").tag(0)).isEmpty();
  }

  @Test
  void countsAppearInTheTag() {
    assertThat(CommandTag.forStatement("select 1", 0)).isEqualTo("SELECT 0");
    assertThat(CommandTag.forStatement("insert into t values (1)", 1)).isEqualTo("INSERT 0 1");
    assertThat(CommandTag.forStatement("delete from t", 12_345_678_901L))
        .isEqualTo("DELETE 12345678901");
    assertThat(CommandTag.forStatement("create table t (a int)", 7)).isEqualTo("CREATE TABLE");
  }

  @Test
  void transactionControlPredicates() {
    assertThat(StatementKind.of("begin").isTransactionStart()).isTrue();
    assertThat(StatementKind.of("start transaction").isTransactionStart()).isTrue();
    assertThat(StatementKind.of("commit").isCommit()).isTrue();
    assertThat(StatementKind.of("end transaction").isCommit()).isTrue();
    assertThat(StatementKind.of("rollback").isRollback()).isTrue();
    assertThat(StatementKind.of("abort").isRollback()).isTrue();
    assertThat(StatementKind.of("rollback to savepoint a").isRollback()).isFalse();
    assertThat(StatementKind.of("select 1").isTransactionStart()).isFalse();
  }

  @Test
  void dataModificationPredicates() {
    assertThat(StatementKind.of("with x as (select 1) insert into t select 1").isInsert())
        .isTrue();
    assertThat(StatementKind.of("update t set a = 1").isUpdate()).isTrue();
    assertThat(StatementKind.of("delete from t").isDelete()).isTrue();
    assertThat(StatementKind.of("with x as (delete from t returning *) select 1").isDelete())
        .isFalse();
  }
}
