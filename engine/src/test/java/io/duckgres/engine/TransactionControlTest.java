package io.duckgres.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.engine.settings.SessionSettings;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoints, transaction isolation levels, set_config and pg_backend_pid on a real DuckDB
 * database through {@link EngineSession}, with PostgreSQL's answers and SQLSTATEs.
 */
class TransactionControlTest {
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
    run("create or replace table t (x integer)");
  }

  @AfterEach
  void disconnect() {
    session.close();
  }

  private String run(String sql) {
    try (QueryResult result = session.execute(sql)) {
      if (result.hasRows()) {
        List<String> values = new ArrayList<>();
        while (result.next()) {
          values.add(result.row().getString(1));
        }
        return String.join(",", values);
      }
      return result.commandTag(0);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private void fails(String sql, SqlState state, String message) {
    assertThatThrownBy(() -> run(sql)).isInstanceOf(PgException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((PgException) e).sqlState()).isEqualTo(state));
  }

  private String rows() {
    return run("select coalesce(string_agg(x::varchar, ',' order by x), '') from t");
  }

  @Test
  void savepointOutsideATransactionBlockIsRefused() {
    fails("savepoint a", SqlState.NO_ACTIVE_SQL_TRANSACTION,
        "SAVEPOINT can only be used in transaction blocks");
    fails("release savepoint a", SqlState.NO_ACTIVE_SQL_TRANSACTION, "RELEASE SAVEPOINT");
    fails("rollback to savepoint a", SqlState.NO_ACTIVE_SQL_TRANSACTION, "ROLLBACK TO SAVEPOINT");
    assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
  }

  @Test
  void releaseKeepsTheWork() {
    run("begin");
    run("insert into t values (1)");
    assertThat(run("SAVEPOINT a")).isEqualTo("SAVEPOINT");
    run("insert into t values (2)");
    assertThat(run("release savepoint A")).isEqualTo("RELEASE");
    run("commit");
    assertThat(rows()).isEqualTo("1,2");
  }

  @Test
  void unknownSavepointIs3B001AndFailsTheTransaction() {
    run("begin");
    run("savepoint a");
    run("savepoint b");
    run("release a"); // releases b with it
    fails("release b", SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"b\" does not exist");
    assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
    assertThat(run("rollback")).isEqualTo("ROLLBACK");
    assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
  }

  @Test
  void rollbackToASavepointSetBeforeAnyWorkUndoesWhatFollowed() {
    run("begin");
    run("savepoint first");
    run("insert into t values (1)");
    fails("select * from no_such_table", SqlState.UNDEFINED_TABLE, "no_such_table");
    assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
    assertThat(run("rollback to savepoint first")).isEqualTo("ROLLBACK");
    assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IN_TRANSACTION);
    assertThat(rows()).isEmpty();
    run("insert into t values (2)");
    run("rollback to first"); // the savepoint survives its rollback, as in PostgreSQL
    run("insert into t values (3)");
    run("commit");
    assertThat(rows()).isEqualTo("3");
  }

  @Test
  void rollbackToASavepointAfterEarlierWorkIsRefusedNotFaked() {
    run("begin");
    run("insert into t values (1)");
    run("savepoint a");
    run("insert into t values (2)");
    fails("rollback to savepoint a", SqlState.FEATURE_NOT_SUPPORTED,
        "DuckDB cannot undo part of a transaction");
    assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
    fails("select 1", SqlState.IN_FAILED_SQL_TRANSACTION, "current transaction is aborted");
    run("rollback");
    assertThat(rows()).isEmpty();
  }

  @Test
  void isolationLevelIsWhatTheClientAskedFor() {
    assertThat(run("show transaction isolation level")).isEqualTo("read committed");
    assertThat(run("begin isolation level repeatable read")).isEqualTo("BEGIN");
    assertThat(run("SHOW TRANSACTION ISOLATION LEVEL")).isEqualTo("repeatable read");
    assertThat(run("select current_setting('transaction_isolation')"))
        .isEqualTo("repeatable read");
    run("commit");
    assertThat(run("show transaction_isolation")).isEqualTo("read committed");

    run("set session characteristics as transaction isolation level serializable");
    assertThat(run("show default_transaction_isolation")).isEqualTo("serializable");
    assertThat(run("show transaction_isolation")).isEqualTo("serializable");
    run("begin");
    run("set transaction isolation level read committed");
    assertThat(run("show transaction_isolation")).isEqualTo("read committed");
    run("rollback");
    assertThat(run("show transaction_isolation")).isEqualTo("serializable");

    // Modes may follow one another without commas (psycopg: isolation_level plus read_only).
    run("BEGIN ISOLATION LEVEL READ UNCOMMITTED READ ONLY");
    assertThat(run("show transaction_isolation")).isEqualTo("read uncommitted");
    fails("insert into t values (1)", SqlState.READ_ONLY_SQL_TRANSACTION, "read-only");
    run("rollback");
    run("start transaction read write, isolation level repeatable read");
    assertThat(run("show transaction_isolation")).isEqualTo("repeatable read");
    run("commit");
  }

  @Test
  void isolationLevelErrorsAreThoseOfPostgres() {
    fails("begin isolation level sometimes", SqlState.SYNTAX_ERROR, "\"sometimes\"");
    assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
    fails("set default_transaction_isolation = 'bogus'", SqlState.INVALID_PARAMETER_VALUE,
        "invalid value for parameter \"default_transaction_isolation\": \"bogus\"");
    run("begin");
    run("select 1");
    fails("set transaction isolation level serializable", SqlState.ACTIVE_SQL_TRANSACTION,
        "must be called before any query");
    run("rollback");
  }

  private String temporaryTables() {
    return run("select coalesce(string_agg(table_name, ',' order by table_name), '')"
        + " from duckdb_tables() where temporary and table_name like 'oc\\_%' escape '\\'");
  }

  @Test
  void onCommitDropTablesAreDroppedWhenTheTransactionCommits() {
    run("BEGIN");
    run("CREATE TEMP TABLE oc_stage (id int) ON COMMIT DROP");
    run("CREATE TEMP TABLE oc_copy ON COMMIT DROP AS SELECT 1 AS id");
    run("CREATE TEMP TABLE oc_kept (id int)");
    run("INSERT INTO oc_stage VALUES (1), (2)");
    assertThat(run("SELECT count(*) FROM oc_stage")).isEqualTo("2");
    assertThat(temporaryTables()).isEqualTo("oc_copy,oc_kept,oc_stage");
    assertThat(run("COMMIT")).isEqualTo("COMMIT");
    assertThat(temporaryTables()).isEqualTo("oc_kept");
    // Outside a transaction block the statement is its own transaction: the table is gone at once.
    assertThat(run("CREATE TEMP TABLE oc_alone (id int) ON COMMIT DROP")).isEqualTo("CREATE TABLE");
    assertThat(temporaryTables()).isEqualTo("oc_kept");
    // A rolled back transaction takes its table with it, and a later COMMIT drops nothing more.
    run("BEGIN");
    run("CREATE TEMP TABLE oc_undone (id int) ON COMMIT DROP");
    run("ROLLBACK");
    run("BEGIN");
    run("COMMIT");
    assertThat(temporaryTables()).isEqualTo("oc_kept");
  }

  @Test
  void backendPidIsTheSessionsPid() {
    assertThat(run("select pg_backend_pid()")).isEqualTo("4711");
  }

  @Test
  void setConfigAppliesLikeSet() {
    assertThat(run("select set_config('application_name', 'reports', false)"))
        .isEqualTo("reports");
    assertThat(run("select current_setting('application_name')")).isEqualTo("reports");
    assertThat(run("show application_name")).isEqualTo("reports");
    assertThat(run("SELECT pg_catalog.set_config('search_path', '', false)")).isEmpty();
    assertThat(run("show search_path")).isEmpty();
    // is_local outside a transaction block lasts only for this statement's own transaction.
    assertThat(run("select set_config('application_name', 'brief', true)")).isEqualTo("brief");
    assertThat(run("show application_name")).isEqualTo("reports");
    fails("select 1 + length(set_config('application_name', 'x', false))",
        SqlState.INVALID_PARAMETER_VALUE, "set_config() is applied only as a statement");
  }

  @Test
  void setIsTransactionalAndSetLocalEndsWithTheTransaction() {
    run("begin");
    run("set application_name = 'in-rollback'");
    run("rollback");
    assertThat(run("show application_name")).isEmpty();

    run("begin");
    run("set application_name = 'kept'");
    run("set local statement_timeout = '5s'");
    assertThat(run("select set_config('work_mem', '64MB', true)")).isEqualTo("64MB");
    assertThat(run("show statement_timeout")).isEqualTo("5s");
    assertThat(run("show work_mem")).isEqualTo("64MB");
    try (QueryResult commit = session.execute("commit")) {
      // ParameterStatus for the reported parameter the commit changed: none here (kept).
      assertThat(commit.parameterChanges()).isEmpty();
    }
    assertThat(run("show application_name")).isEqualTo("kept");
    assertThat(run("show statement_timeout")).isEqualTo("0");
    assertThat(run("show work_mem")).isEqualTo("4MB");
    assertThat(run("select current_setting('work_mem')")).isEqualTo("4MB");

    run("begin");
    run("set local application_name = 'brief'");
    try (QueryResult commit = session.execute("commit")) {
      assertThat(commit.parameterChanges()).containsEntry("application_name", "kept");
    }

    // Outside a transaction block SET LOCAL changes nothing (PostgreSQL warns).
    try (QueryResult local = session.execute("set local application_name = 'nowhere'")) {
      assertThat(local.notices()).singleElement()
          .satisfies(n -> assertThat(n.message()).contains("SET LOCAL can only be used"));
    }
    assertThat(run("show application_name")).isEqualTo("kept");

    run("begin");
    run("set time zone 'Asia/Tokyo'");
    run("rollback");
    assertThat(run("show timezone")).isEqualTo("UTC");
    assertThat(run("select extract(hour from timestamptz '2024-01-01 00:00:00+00')"))
        .isEqualTo("0");
  }

  @Test
  void rollbackToASavepointAfterASetIsRefused() {
    run("begin");
    run("set application_name = 'x'");
    run("savepoint a");
    fails("rollback to a", SqlState.FEATURE_NOT_SUPPORTED, "cannot undo part");
    run("rollback");
    run("begin");
    run("savepoint a");
    run("set application_name = 'y'");
    run("rollback to a");
    assertThat(run("show application_name")).isEmpty();
    run("commit");
  }

  @Test
  void deallocateAllIsAccepted() {
    assertThat(run("DEALLOCATE ALL")).isEqualTo("DEALLOCATE ALL");
  }
}
