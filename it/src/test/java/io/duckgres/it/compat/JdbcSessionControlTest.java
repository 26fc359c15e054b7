package io.duckgres.it.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.it.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * What pgJDBC's own API sends for session control: transaction isolation (SET SESSION
 * CHARACTERISTICS / SHOW TRANSACTION ISOLATION LEVEL), savepoints, pg_backend_pid() against
 * {@link PGConnection#getBackendPID()}, and set_config.
 */
class JdbcSessionControlTest {
  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String one(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  @Test
  void backendPidIsTheOneOfBackendKeyData() throws SQLException {
    try (Connection first = server.connect(); Connection second = server.connect()) {
      int pid = first.unwrap(PGConnection.class).getBackendPID();
      assertThat(pid).isPositive();
      assertThat(one(first, "select pg_backend_pid()")).isEqualTo(Integer.toString(pid));
      assertThat(one(second, "select pg_backend_pid()"))
          .isEqualTo(Integer.toString(second.unwrap(PGConnection.class).getBackendPID()))
          .isNotEqualTo(Integer.toString(pid));
    }
  }

  @Test
  void transactionIsolationRoundTrips() throws SQLException {
    try (Connection connection = server.connect()) {
      assertThat(connection.getTransactionIsolation())
          .isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
      connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      assertThat(connection.getTransactionIsolation())
          .isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      connection.setAutoCommit(false);
      assertThat(one(connection, "show transaction isolation level")).isEqualTo("serializable");
      connection.rollback();
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      assertThat(connection.getTransactionIsolation())
          .isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
    }
  }

  @Test
  void savepointsReleaseAndRollBackWhereDuckDbCan() throws SQLException {
    try (Connection connection = server.connect(); Statement statement =
        connection.createStatement()) {
      statement.execute("create table jdbc_sp (x integer)");
      connection.setAutoCommit(false);
      // Set before any statement: rolling back to it is rolling back DuckDB's transaction.
      Savepoint start = connection.setSavepoint("start");
      statement.execute("insert into jdbc_sp values (1)");
      connection.rollback(start);
      statement.execute("insert into jdbc_sp values (2)");
      Savepoint later = connection.setSavepoint();
      statement.execute("insert into jdbc_sp values (3)");
      connection.releaseSavepoint(later);
      connection.commit();
      assertThat(one(connection, "select string_agg(x::varchar, ',' order by x) from jdbc_sp"))
          .isEqualTo("2,3");
      connection.commit();

      statement.execute("insert into jdbc_sp values (4)");
      Savepoint afterWork = connection.setSavepoint();
      statement.execute("insert into jdbc_sp values (5)");
      assertThatThrownBy(() -> connection.rollback(afterWork))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("cannot undo part of a transaction")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
      connection.rollback();
      assertThat(one(connection, "select count(*) from jdbc_sp")).isEqualTo("2");
      connection.commit();
    }
  }

  @Test
  void setConfigAppliesLikeSet() throws SQLException {
    try (Connection connection = server.connect();
        PreparedStatement set = connection.prepareStatement("select set_config(?, ?, false)")) {
      set.setString(1, "application_name");
      set.setString(2, "jdbc-report");
      try (ResultSet rows = set.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("jdbc-report");
      }
      assertThat(one(connection, "select current_setting('application_name')"))
          .isEqualTo("jdbc-report");
      assertThat(connection.getClientInfo("ApplicationName")).isEqualTo("jdbc-report");
    }
  }
}
