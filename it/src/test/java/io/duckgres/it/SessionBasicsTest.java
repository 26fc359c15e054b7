package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/** What a user sees through pgJDBC over TLS: DML, transactions, errors, command tags. */
class SessionBasicsTest {
  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void createInsertSelectUpdateDelete() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table crud(id integer primary key, name varchar)");
      assertThat(s.executeUpdate("insert into crud values (1, 'one'), (2, 'two'), (3, 'three')"))
          .isEqualTo(3);
      assertThat(s.executeUpdate("update crud set name = upper(name) where id >= 2")).isEqualTo(2);
      assertThat(s.executeUpdate("delete from crud where id = 1")).isEqualTo(1);
      try (ResultSet rs = s.executeQuery("select id, name from crud order by id")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(2);
        assertThat(rs.getString(2)).isEqualTo("TWO");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("name")).isEqualTo("THREE");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void rolledBackTransactionLeavesNothing() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table rb(x integer)");
      c.setAutoCommit(false);
      s.execute("insert into rb values (1)");
      s.execute("insert into rb values (2)");
      c.rollback();
      c.setAutoCommit(true);
      assertThat(count(s, "select count(*) from rb")).isZero();
    }
  }

  @Test
  void committedTransactionIsVisibleToOtherSessions() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("create table shared_t(x integer)");
      a.setAutoCommit(false);
      sa.execute("insert into shared_t values (42)");
      assertThat(count(sb, "select count(*) from shared_t")).isZero();
      a.commit();
      assertThat(count(sb, "select sum(x) from shared_t")).isEqualTo(42);
    }
  }

  @Test
  void errorLeavesSessionUsable() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("select * from no_such_table"))
          .isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42P01");
            assertThat(e.getServerErrorMessage().getMessage())
                .contains("no_such_table").contains("does not exist");
          });
      assertThatThrownBy(() -> s.executeQuery("selec 1"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("42601"));
      assertThat(count(s, "select 41 + 1")).isEqualTo(42);
    }
  }

  @Test
  void failedTransactionIsAbortedUntilRollback() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table ft(x integer primary key)");
      c.setAutoCommit(false);
      s.execute("insert into ft values (1)");
      assertThatThrownBy(() -> s.execute("insert into ft values (1)"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("23505"));
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> s.executeQuery("select 1"))
            .isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("25P02");
              assertThat(e.getMessage()).contains("current transaction is aborted");
            });
      }
      c.rollback();
      c.setAutoCommit(true);
      assertThat(count(s, "select count(*) from ft")).isZero();
    }
  }

  @Test
  void commitOfFailedTransactionAnswersRollback() throws Exception {
    Properties simple = new Properties();
    simple.setProperty("preferQueryMode", "simple");
    try (Connection c = server.connect("postgres", ServerProcess.PASSWORD, simple);
        Statement s = c.createStatement()) {
      s.execute("create table cf(x integer)");
      s.execute("begin");
      s.execute("insert into cf values (1)");
      assertThatThrownBy(() -> s.execute("select 1/'x'::integer")).isInstanceOf(SQLException.class);
      s.execute("commit");
      assertThat(s.getUpdateCount()).isZero();
      assertThat(count(s, "select count(*) from cf")).isZero();
    }
  }

  @Test
  void warningsForTransactionMisuse() throws Exception {
    Properties simple = new Properties();
    simple.setProperty("preferQueryMode", "simple");
    try (Connection c = server.connect("postgres", ServerProcess.PASSWORD, simple);
        Statement s = c.createStatement()) {
      s.execute("commit");
      SQLWarning warning = s.getWarnings();
      assertThat((Throwable) warning).isNotNull();
      assertThat(warning.getSQLState()).isEqualTo("25P01");
    }
  }

  @Test
  void severalStatementsInOneQuery() throws Exception {
    Properties simple = new Properties();
    simple.setProperty("preferQueryMode", "simple");
    try (Connection c = server.connect("postgres", ServerProcess.PASSWORD, simple);
        Statement s = c.createStatement()) {
      boolean first = s.execute(
          "create table multi(x int); insert into multi values (1),(2); select sum(x) from multi");
      assertThat(first).isFalse();
      assertThat(s.getMoreResults()).isFalse();
      assertThat(s.getUpdateCount()).isEqualTo(2);
      assertThat(s.getMoreResults()).isTrue();
      try (ResultSet rs = s.getResultSet()) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
      // An error in the middle rolls back the implicit transaction of the whole message.
      assertThatThrownBy(() -> s.execute(
          "insert into multi values (10); select * from missing_table; insert into multi values (20)"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
      assertThat(count(s, "select count(*) from multi")).isEqualTo(2);
    }
  }

  @Test
  void preparedStatementsWithParameters() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table prep(id integer, name varchar)");
      try (var insert = c.prepareStatement("insert into prep values (?, ?)")) {
        for (int i = 0; i < 10; i++) {
          insert.setInt(1, i);
          insert.setString(2, "n" + i);
          assertThat(insert.executeUpdate()).isEqualTo(1);
        }
      }
      try (var select = c.prepareStatement("select name from prep where id = ?")) {
        select.setInt(1, 7);
        try (ResultSet rs = select.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("n7");
        }
      }
    }
  }

  @Test
  void aServerPreparedStatementOutlivesItsErrors() throws Exception {
    Properties serverPrepared = new Properties();
    serverPrepared.setProperty("prepareThreshold", "-1");
    try (Connection c = server.connect("postgres", ServerProcess.PASSWORD, serverPrepared);
        Statement s = c.createStatement()) {
      s.execute("create table reuse(id integer primary key)");
      try (var insert = c.prepareStatement("insert into reuse values (?)")) {
        insert.setInt(1, 1);
        insert.executeUpdate();
        insert.setInt(1, 1);
        assertThatThrownBy(insert::executeUpdate).isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        insert.setInt(1, 2);
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      assertThat(count(s, "select count(*) from reuse")).isEqualTo(2);
    }
  }

  static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
