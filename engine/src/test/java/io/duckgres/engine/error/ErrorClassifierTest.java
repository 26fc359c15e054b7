package io.duckgres.engine.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.duckgres.pgwire.PgException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs real statements against an in-memory DuckDB and checks what the client would be sent. When
 * a DuckDB upgrade changes its wording, these fail and show which mapping to revisit. Each
 * statement runs both through {@code Statement.execute} (where duckdb_jdbc wraps binder errors
 * in a "pending query result" error) and through a PreparedStatement; both must classify alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorClassifierTest {
  private Connection connection;

  @BeforeAll
  void createFixtures() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    for (String ddl : new String[] {
        "create table t(id int primary key, v int not null, c int check (c > 0), x varchar)",
        "insert into t values (1, 1, 1, 'a')",
        "create table child(pid int references t(id))",
        "create schema sch",
        "create view vw as select * from t",
        "create type mood as enum ('a', 'b')",
        "create macro m(x) as x + 1",
        "create sequence seq",
        "create schema dep_schema",
        "create table dep_schema.x(a int)"}) {
      execute(connection, ddl);
    }
  }

  @AfterAll
  void close() throws SQLException {
    connection.close();
  }

  static Stream<Arguments> statements() {
    return Stream.of(
        // sql, SQLSTATE, message, token the position points at (null: no position)
        Arguments.of("select * from nosuch_table", "42P01",
            "relation \"nosuch_table\" does not exist", "nosuch_table"),
        Arguments.of("select * from nosuch.foo", "42P01",
            "relation \"nosuch.foo\" does not exist", "nosuch.foo"),
        Arguments.of("select nextval('nosuch_seq')", "42P01",
            "relation \"nosuch_seq\" does not exist", null),
        Arguments.of("select u.* from t", "42P01",
            "missing FROM-clause entry for table \"u\"", null),
        Arguments.of("select zz from t", "42703", "column \"zz\" does not exist", "zz"),
        Arguments.of("select zz", "42703", "column \"zz\" does not exist", "zz"),
        Arguments.of("select t.zz from t", "42703", "column t.zz does not exist", "t.zz"),
        Arguments.of("insert into t (zz) values (1)", "42703",
            "column \"zz\" of relation \"t\" does not exist", null),
        Arguments.of("select {'a': 1}.b", "42703", "Could not find key \"b\" in struct", null),
        Arguments.of("select nosuchfn(1)", "42883", "function nosuchfn does not exist",
            "nosuchfn"),
        Arguments.of("select nosuchagg(r) over () from range(3) r", "42883",
            "function nosuchagg does not exist", "nosuchagg"),
        Arguments.of("select * from nosuchtablefn(1)", "42883",
            "function nosuchtablefn does not exist", "nosuchtablefn"),
        Arguments.of("select sum('a', 1, 2)", "42883",
            "function sum(text, integer, integer) does not exist", "sum"),
        Arguments.of("select 1 + 'a'", "42725",
            "Could not choose a best candidate function for the function call "
                + "\"+(INTEGER_LITERAL, STRING_LITERAL)\". In order to select one, please add "
                + "explicit type casts.", "+"),
        Arguments.of("create table nosuch_schema.x (a int)", "3F000",
            "schema \"nosuch_schema\" does not exist", null),
        Arguments.of("use nosuch_db", "3F000",
            "SET schema: No catalog + schema named \"nosuch_db\" found.", null),
        Arguments.of("select * from nosuch_db.main.foo", "3D000",
            "Catalog \"nosuch_db\" does not exist!", null),
        Arguments.of("select 1::nosuchtype", "42704", "type \"nosuchtype\" does not exist",
            "nosuchtype"),
        Arguments.of("set nosuch_setting = 1", "42704",
            "unrecognized configuration parameter \"nosuch_setting\"", null),
        Arguments.of("selec 1", "42601", "syntax error at or near \"selec\"", "selec"),
        Arguments.of("select * from t limit -1", "2201W", "LIMIT must not be negative", "-1"),
        Arguments.of("select * from t limit 2 offset -1", "2201X",
            "OFFSET must not be negative", "-1"),
        Arguments.of("select * from t offset (0 - 2)", "2201X",
            "OFFSET must not be negative", "- 2"),
        Arguments.of("create sequence bad_range minvalue 5 maxvalue 1", "22023",
            "MINVALUE (5) must be less than MAXVALUE (1)", null),
        Arguments.of("create sequence bad_start start 10 maxvalue 5", "22023",
            "START value (10) cannot be greater than MAXVALUE (5)", null),
        Arguments.of("create sequence bad_step increment 0", "22023",
            "Increment must not be zero", null),
        Arguments.of("insert into t values (1)", "42601",
            "table t has 4 columns but 1 values were supplied", null),
        Arguments.of("select 'abc' like 'a' escape 'xy'", "22025",
            "Invalid escape string. Escape string must be empty or one character.", null),
        Arguments.of("select 'abc'::int", "22P02", "Could not convert string 'abc' to INT32",
            "::"),
        Arguments.of("select '{\"a\":'::json", "22P02",
            "Malformed JSON at byte 5 of input: unexpected end of data.  Input: \"{\"a\":\"",
            "::"),
        Arguments.of("select 2147483647::int + 1", "22003",
            "Overflow in addition of INT32 (2147483647 + 1)!", null),
        Arguments.of("select 300::tinyint", "22003", "Type INT32 with value 300 can't be cast "
            + "because the value is out of range for the destination type INT8", "::"),
        Arguments.of("select 99.99::decimal(3,1)", "22003",
            "Casting value \"99.99\" to type DECIMAL(3,1) failed: value is out of range!", "::"),
        Arguments.of("select '2020-13-45'::date", "22008",
            "date field value out of range: \"2020-13-45\"", "::"),
        Arguments.of("select 'abc'::date", "22007",
            "invalid date field format: \"abc\", expected format is (YYYY-MM-DD)", "::"),
        Arguments.of("select strptime('abc', '%Y')", "22007",
            "Could not parse string \"abc\" according to format specifier \"%Y\"", null),
        Arguments.of("select date_part('foo', now())", "22023",
            "extract specifier \"foo\" not recognized", null),
        Arguments.of("select 'abc'::blob::int", "42846",
            "Unimplemented type for cast (BLOB -> INTEGER)", "::int"),
        Arguments.of("select error('boom')", "22023", "boom", null),
        Arguments.of("set timezone = 'Nowhere/Nowhere'", "22023",
            "Unknown TimeZone 'Nowhere/Nowhere'!", null),
        Arguments.of("select (select 1 union all select 2)", "21000", "More than one row "
            + "returned by a subquery used as an expression - scalar subqueries can only return "
            + "a single row.", null),
        Arguments.of("insert into t values (1, 1, 1, 'a')", "23505",
            "Duplicate key \"id: 1\" violates primary key constraint.", null),
        Arguments.of("insert into t values (2, null, 1, 'a')", "23502",
            "NOT NULL constraint failed: t.v", null),
        Arguments.of("insert into child values (99)", "23503", "Violates foreign key constraint "
            + "because key \"id: 99\" does not exist in the referenced table", null),
        Arguments.of("insert into t values (3, 1, -1, 'a')", "23514",
            "CHECK constraint failed on table t with expression CHECK((c > 0))", null),
        Arguments.of("create table t (a int)", "42P07", "relation \"t\" already exists", null),
        Arguments.of("create view vw as select 1", "42P07", "relation \"vw\" already exists",
            null),
        Arguments.of("create sequence seq", "42P07", "relation \"seq\" already exists", null),
        Arguments.of("create schema sch", "42P06", "schema \"sch\" already exists", null),
        Arguments.of("create type mood as enum ('x')", "42710", "type \"mood\" already exists",
            null),
        Arguments.of("create macro m(x) as x", "42723",
            "Macro Function with name \"m\" already exists!", null),
        Arguments.of("alter table t add column v int", "42701",
            "Column with name v already exists!", null),
        Arguments.of("attach ':memory:' as memory", "42P04",
            "Failed to attach database: database with name \"memory\" already exists", null),
        Arguments.of("select id from t, t t2", "42702", "column reference \"id\" is ambiguous",
            "id"),
        Arguments.of("select id, v from t group by v", "42803", "column \"id\" must appear in the "
            + "GROUP BY clause or must be part of an aggregate function.", "id"),
        Arguments.of("select sum(sum(1))", "42803", "aggregate function calls cannot be nested",
            "sum(1)"),
        Arguments.of("select 1 order by 2", "42P10",
            "ORDER term out of range - should be between 1 and 1", "2"),
        Arguments.of("execute nosuch_prepared", "26000",
            "prepared statement \"nosuch_prepared\" does not exist", null),
        Arguments.of("drop table vw", "42809",
            "Existing object vw is of type View, trying to drop type Table", null),
        Arguments.of("drop table t", "2BP01", "Could not drop the table because this table is "
            + "main key table of the table \"child\"", null),
        Arguments.of("drop schema dep_schema", "2BP01", "Cannot drop entry \"dep_schema\" "
            + "because there are entries that depend on it.", null),
        Arguments.of("select currval('seq')", "55000",
            "currval: sequence is not yet defined in this session", null),
        Arguments.of("select * from read_csv('/nonexistent/file.csv')", "58P01",
            "No files found that match the pattern \"/nonexistent/file.csv\"", "read_csv"),
        Arguments.of("copy t to '/nonexistent/dir/x.csv'", "58P01",
            "Cannot open file \"/nonexistent/dir/x.csv\": No such file or directory", null));
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("statements")
  void classifiesRealDuckDbErrors(String sql, String sqlState, String message, String token) {
    PgException error = errorOf(sql);

    assertThat(error.sqlState().code()).isEqualTo(sqlState);
    assertThat(error.getMessage()).isEqualTo(message);
    assertThat(error.position()).isEqualTo(token == null ? 0 : sql.indexOf(token) + 1);
    assertThat(error.severity()).isEqualTo(PgException.Severity.ERROR);
  }

  @Test
  void movesDuckDbSuggestionsToHintAndDetail() {
    assertThat(errorOf("select * from nosuch_table").hint()).startsWith("Did you mean \"");
    assertThat(errorOf("select zz from t").hint()).startsWith("Candidate bindings: ");
    assertThat(errorOf("select id from t, t t2").hint()).isEqualTo("Use \"t.id\" or \"t2.id\".");
    assertThat(errorOf("select id, v from t group by v").hint())
        .startsWith("Either add it to the GROUP BY list");

    PgException function = errorOf("select sum('a', 1, 2)");
    assertThat(function.hint()).isEqualTo("No function matches the given name and argument "
        + "types. You might need to add explicit type casts.");
    assertThat(function.detail()).startsWith("\tCandidate functions:").contains("sum(DOUBLE)");

    PgException dependency = errorOf("drop schema dep_schema");
    assertThat(dependency.detail()).isEqualTo("table \"x\" depends on schema \"dep_schema\".");
    assertThat(dependency.hint()).isEqualTo("Use DROP...CASCADE to drop all dependents.");
  }

  @Test
  void syntaxErrorAtEndOfInputPointsPastTheLastToken() {
    PgException error = errorOf("select 1 from  ");

    assertThat(error.sqlState().code()).isEqualTo("42601");
    assertThat(error.getMessage()).isEqualTo("syntax error at end of input");
    assertThat(error.position()).isEqualTo(14);
  }

  @Test
  void caretAfterTheEndOfTheLineMarksAnUnterminatedString() {
    PgException error = errorOf("select 'abc");

    assertThat(error.getMessage()).isEqualTo("unterminated quoted string at or near \"'abc\"");
    assertThat(error.position()).isEqualTo(8);
  }

  static Stream<String> awkwardLayouts() {
    String pad = "x".repeat(200);
    String wide = "中".repeat(100);
    return Stream.of(
        "select 1,\n  2,\n  zz\nfrom range(1)",
        "select 1\r\n, zz",
        "select 1\r, zz",
        "select\tzz from range(1)",
        "select 'é', zz from range(1)",
        "select '中文', zz from range(1)",
        "select '" + pad + "', zz from range(1)",
        "select zz, '" + pad + "' from range(1)",
        "select '" + pad + "', zz, '" + pad + "' from range(1)",
        "select '" + wide + "', zz from range(1)",
        "select zz from range(1) where '" + wide + "' = 'a'");
  }

  @ParameterizedTest
  @MethodSource("awkwardLayouts")
  void positionSurvivesLinesTabsWideCharactersAndTruncation(String sql) {
    assertThat(errorOf(sql).position()).isEqualTo(sql.indexOf("zz") + 1);
  }

  @Test
  void positionCountsCharactersNotUtf16Units() {
    // duckdb_jdbc garbles 4-byte UTF-8 in the caret context, so this goes through the token
    // fallback; PostgreSQL counts the emoji as one character.
    String sql = "select '😀', zz from range(1)";

    assertThat(errorOf(sql).position()).isEqualTo(13);
  }

  @Test
  void writeWriteConflictIsSerializationFailure() throws SQLException {
    try (Connection first = ((DuckDBConnection) connection).duplicate();
        Connection second = ((DuckDBConnection) connection).duplicate()) {
      execute(first, "create table w(id int primary key, v int)");
      execute(first, "insert into w values (1, 1)");
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      execute(first, "update w set v = 2 where id = 1");

      PgException error = classified(second, "update w set v = 3 where id = 1");

      assertThat(error.sqlState().code()).isEqualTo("40001");
      assertThat(error.getMessage()).isEqualTo("Conflict on update!");

      PgException aborted = classified(second, "select 1");
      assertThat(aborted.sqlState().code()).isEqualTo("25P02");
      assertThat(aborted.getMessage()).isEqualTo(
          "current transaction is aborted, commands ignored until end of transaction block");
      first.rollback();
      second.rollback();
    }
  }

  @Test
  void transactionMisuse() throws SQLException {
    try (Connection session = ((DuckDBConnection) connection).duplicate()) {
      PgException commit = classified(session, "commit");
      assertThat(commit.sqlState().code()).isEqualTo("25P01");
      assertThat(commit.getMessage()).isEqualTo("cannot commit - no transaction is active");

      execute(session, "begin");
      PgException begin = classified(session, "begin");
      assertThat(begin.sqlState().code()).isEqualTo("25001");
      assertThat(begin.getMessage())
          .isEqualTo("cannot start a transaction within a transaction");
    }
  }

  @Test
  void cancelledQueryIsQueryCanceled() throws Exception {
    ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
    try (Statement statement = connection.createStatement()) {
      // Cancel repeatedly: a cancel arriving before the query starts would be lost.
      canceller.scheduleAtFixedRate(() -> {
        try {
          statement.cancel();
        } catch (SQLException ignored) {
          // the statement may be between states; the next tick tries again
        }
      }, 100, 100, TimeUnit.MILLISECONDS);
      String sql = "select count(*) from range(100000000000000)";
      Throwable thrown = catchThrowable(() -> statement.execute(sql));

      PgException error = ErrorClassifier.classify(thrown, sql);
      assertThat(error.sqlState().code()).isEqualTo("57014");
      assertThat(error.getMessage()).isEqualTo("canceling statement due to user request");
      assertThat(error.position()).isZero();
    } finally {
      canceller.shutdownNow();
    }
  }

  @Test
  void timedOutQueryIsAlsoReportedAsCancelled() throws SQLException {
    // duckdb_jdbc reports cancel() and setQueryTimeout alike (SQLTimeoutException, "INTERRUPT
    // Error: Interrupted!"); only the session knows which it was, see queryCanceled(true).
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      String sql = "select count(*) from range(100000000000000)";
      Throwable thrown = catchThrowable(() -> statement.execute(sql));

      PgException error = ErrorClassifier.classify(thrown, sql);
      assertThat(error.sqlState().code()).isEqualTo("57014");
      assertThat(error.getMessage()).isEqualTo("canceling statement due to user request");
    }
    assertThat(ErrorClassifier.queryCanceled(true).getMessage())
        .isEqualTo("canceling statement due to statement timeout");
  }

  @Test
  void memoryLimitIsOutOfMemory() throws SQLException {
    // A database of its own: memory_limit is per database.
    try (Connection small = DriverManager.getConnection("jdbc:duckdb:")) {
      execute(small, "set memory_limit = '10MB'");
      execute(small, "set preserve_insertion_order = false");

      PgException error = classified(small, "select list(range) from range(100000000)");

      assertThat(error.sqlState().code()).isEqualTo("53200");
      assertThat(error.getMessage()).startsWith("failed to allocate data of size");
      assertThat(error.hint()).startsWith("Possible solutions:");
    }
  }

  @Test
  void disabledFileAccessIsInsufficientPrivilege() throws SQLException {
    try (Connection locked = DriverManager.getConnection("jdbc:duckdb:")) {
      execute(locked, "set enable_external_access = false");

      PgException error = classified(locked, "attach '/tmp/duckgres-denied.db'");

      assertThat(error.sqlState().code()).isEqualTo("42501");
      assertThat(error.getMessage()).isEqualTo("Cannot access file \"/tmp/duckgres-denied.db\" "
          + "- file system operations are disabled by configuration");
    }
  }

  @Test
  void writingToReadOnlyDatabaseIsReadOnlyTransaction(@TempDir Path directory)
      throws SQLException {
    String file = directory.resolve("ro.db").toString();
    try (Connection session = DriverManager.getConnection("jdbc:duckdb:")) {
      execute(session, "attach '" + file + "' as rw");
      execute(session, "create table rw.x(a int)");
      execute(session, "detach rw");
      execute(session, "attach '" + file + "' as ro (read_only)");

      PgException error = classified(session, "insert into ro.x values (1)");

      assertThat(error.sqlState().code()).isEqualTo("25006");
      assertThat(error.getMessage()).isEqualTo("Cannot execute statement of type \"INSERT\" on "
          + "database \"ro\" which is attached in read-only mode!");
    }
  }

  @Test
  void exhaustedSequenceIsSequenceGeneratorLimitExceeded() throws SQLException {
    execute(connection, "create sequence short_seq minvalue 1 maxvalue 2");
    execute(connection, "select nextval('short_seq'), nextval('short_seq')");

    PgException error = errorOf("select nextval('short_seq')");

    assertThat(error.sqlState().code()).isEqualTo("2200H");
    assertThat(error.getMessage())
        .isEqualTo("nextval: reached maximum value of sequence \"short_seq\" (2)");
  }

  /** Runs {@code sql} both ways and checks that both classify alike. */
  private PgException errorOf(String sql) {
    PgException viaStatement = classified(connection, sql);
    Throwable thrown = catchThrowable(() -> {
      try (PreparedStatement prepared = connection.prepareStatement(sql)) {
        prepared.execute();
      }
    });
    assertThat(thrown).as("prepared: %s", sql).isInstanceOf(SQLException.class);
    PgException viaPrepared = ErrorClassifier.classify(thrown, sql);
    assertThat(viaPrepared.sqlState()).isEqualTo(viaStatement.sqlState());
    assertThat(viaPrepared.getMessage()).isEqualTo(viaStatement.getMessage());
    assertThat(viaPrepared.position()).isEqualTo(viaStatement.position());
    return viaStatement;
  }

  private static PgException classified(Connection session, String sql) {
    Throwable thrown = catchThrowable(() -> execute(session, sql));
    assertThat(thrown).as("statement: %s", sql).isInstanceOf(SQLException.class);
    PgException error = ErrorClassifier.classify(thrown, sql);
    assertThat(error.sqlState().code()).isNotEqualTo("00000");
    assertThat(error.getCause()).isSameAs(thrown);
    return error;
  }

  private static void execute(Connection session, String sql) throws SQLException {
    try (Statement statement = session.createStatement()) {
      statement.execute(sql);
    }
  }
}
