package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SET/SHOW/RESET, statement_timeout, cursors and the idle timeout, as a pgJDBC user sees them. */
class SessionParametersTest {
  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dataDir, "--idle-timeout", "2s");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void setShowResetOfTheParametersDriversSend() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("ApplicationName", "types-test");
    try (Connection c = server.connect("postgres", ServerProcess.PASSWORD, properties);
        Statement s = c.createStatement()) {
      assertThat(show(s, "application_name")).isEqualTo("types-test");
      s.execute("SET application_name TO 'renamed'");
      assertThat(show(s, "application_name")).isEqualTo("renamed");
      s.execute("SET extra_float_digits = 3");
      assertThat(show(s, "extra_float_digits")).isEqualTo("3");
      s.execute("SET DateStyle = 'ISO, MDY'");
      s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
      s.execute("SET search_path = public");
      assertThat(show(s, "search_path")).isEqualTo("public");
      // pgJDBC applied ApplicationName with SET after startup, so RESET returns to the
      // startup value, as in PostgreSQL.
      s.execute("RESET application_name");
      assertThat(show(s, "application_name")).isEmpty();
      assertThat(show(s, "server_version")).startsWith("15.");
      assertThat(show(s, "client_encoding")).isEqualTo("UTF8");
      assertThatThrownBy(() -> s.execute("SET client_encoding = 'LATIN1'"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("22023"));
      s.execute("SET TIME ZONE 'America/New_York'");
      try (ResultSet rs = s.executeQuery(
          "select '2024-01-01 12:00:00+00'::timestamptz::varchar")) {
        rs.next();
        assertThat(rs.getString(1)).startsWith("2024-01-01 07:00:00");
      }
    }
  }

  @Test
  void statementTimeoutCancelsAndTheSessionGoesOn() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = '300ms'");
      long started = System.nanoTime();
      assertThatThrownBy(() -> s.executeQuery(CancelTest.LONG_QUERY))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(e.getMessage()).contains("statement timeout");
          });
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(20_000);
      s.execute("SET statement_timeout = 0");
      try (ResultSet rs = s.executeQuery("select 42")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
  }

  @Test
  void cursorsDeclareFetchMoveClose() throws Exception {
    Properties simple = new Properties();
    simple.setProperty("preferQueryMode", "simple");
    try (Connection c = server.connect("postgres", ServerProcess.PASSWORD, simple);
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("declare outside cursor for select 1"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("25P01"));
      c.setAutoCommit(false);
      s.execute("declare c cursor for select i from range(100) t(i)");
      assertThat(values(s, "fetch 5 from c")).containsExactly(0L, 1L, 2L, 3L, 4L);
      s.execute("move forward 10 in c");
      assertThat(s.getUpdateCount()).isEqualTo(10);
      assertThat(values(s, "fetch next from c")).containsExactly(15L);
      assertThat(values(s, "fetch backward 2 from c")).containsExactly(14L, 13L);
      assertThat(values(s, "fetch absolute -1 from c")).containsExactly(99L);
      assertThat(values(s, "fetch all from c")).isEmpty();
      s.execute("close c");
      assertThatThrownBy(() -> s.execute("fetch 1 from c"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("34000"));
      c.rollback();
      s.execute("declare h cursor with hold for select 'held'");
      c.commit();
      c.setAutoCommit(true);
      assertThat(values(s, "fetch all from h")).hasSize(1);
    }
  }

  @Test
  void idleSessionsAreClosedAfterTheTimeout() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.executeQuery("select 1").close();
      Thread.sleep(3500);
      assertThatThrownBy(() -> s.executeQuery("select 1")).isInstanceOf(SQLException.class);
    }
    assertThat(server.log()).contains("idle for longer than");
  }

  private static String show(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static List<Object> values(Statement s, String sql) throws SQLException {
    List<Object> values = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getObject(1));
      }
    }
    return values;
  }
}
