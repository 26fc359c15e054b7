package io.duckgres.it.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.it.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * pg_stat_activity, pg_cancel_backend, pg_terminate_backend and pg_stat_statements through pgJDBC
 * against a real server process with two users.
 */
class ActivityTest {
  /** Runs for minutes unless cancelled: DuckDB cannot fold it away. */
  private static final String LONG_QUERY =
      "select sum(x * x % 7) from range(100000000000) t(x)";

  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    Path config = dataDir.resolve("duckgres.yaml");
    Files.writeString(config, "users:\n  postgres: postgres\n  alice: alice-password\n");
    server = ServerProcess.start(dataDir, "--config", config.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Connection connect(String user, String password, String application)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("ApplicationName", application);
    return server.connect(user, password, properties);
  }

  private static int pid(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Waits until session {@code pid} is running a statement, as pg_stat_activity shows it. */
  private static ResultSet awaitActive(Connection watcher, int pid) throws Exception {
    PreparedStatement query = watcher.prepareStatement("select state, query, query_start,"
        + " backend_start, client_addr, application_name, usename from pg_stat_activity"
        + " where pid = ?");
    query.setInt(1, pid);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      ResultSet rs = query.executeQuery();
      if (rs.next() && rs.getString("state").equals("active")) {
        return rs;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("session " + pid + " never became active");
  }

  @Test
  void activityShowsEverySessionAndCancelStopsTheRunningStatement() throws Exception {
    try (Connection watcher = connect("postgres", "postgres", "watcher");
        Connection worker = connect("postgres", "postgres", "long-runner")) {
      int workerPid = pid(worker);
      CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
        try (Statement s = worker.createStatement()) {
          s.executeQuery(LONG_QUERY);
          return null;
        } catch (SQLException e) {
          return e;
        }
      });
      ResultSet row = awaitActive(watcher, workerPid);
      assertThat(row.getString("query")).isEqualTo(LONG_QUERY);
      assertThat(row.getTimestamp("query_start")).isNotNull();
      assertThat(row.getTimestamp("backend_start")).isNotNull();
      assertThat(row.getString("client_addr")).isEqualTo("127.0.0.1");
      assertThat(row.getString("application_name")).isEqualTo("long-runner");
      assertThat(row.getString("usename")).isEqualTo("postgres");

      try (Statement s = watcher.createStatement();
          ResultSet rs = s.executeQuery("select pg_cancel_backend(" + workerPid + ")")) {
        rs.next();
        assertThat(rs.getBoolean(1)).isTrue();
      }
      Throwable failure = running.get(30, TimeUnit.SECONDS);
      assertThat(failure).isInstanceOf(PSQLException.class);
      assertThat(((PSQLException) failure).getSQLState()).isEqualTo("57014");
      // The session stays usable after a cancel.
      assertThat(pid(worker)).isEqualTo(workerPid);

      try (Statement s = watcher.createStatement();
          ResultSet rs = s.executeQuery("select pg_cancel_backend(999999)")) {
        rs.next();
        assertThat(rs.getBoolean(1)).isFalse();
      }
    }
  }

  @Test
  void idleSessionsShowTheirLastStatementAndOpenTransaction() throws Exception {
    try (Connection watcher = connect("postgres", "postgres", "watcher");
        Connection idle = connect("postgres", "postgres", "idler");
        Connection inTransaction = connect("postgres", "postgres", "in-transaction")) {
      int idlePid = pid(idle);
      inTransaction.setAutoCommit(false);
      int transactionPid = pid(inTransaction);
      try (Statement s = watcher.createStatement();
          ResultSet rs = s.executeQuery("select pid, state, query from pg_stat_activity"
              + " where pid in (" + idlePid + ", " + transactionPid + ") order by pid")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("state")).isEqualTo("idle");
        assertThat(rs.getString("query")).isEqualTo("select pg_backend_pid()");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("state")).isEqualTo("idle in transaction");
      }
      inTransaction.rollback();
    }
  }

  @Test
  void terminateEndsTheSessionWith57P01() throws Exception {
    try (Connection watcher = connect("postgres", "postgres", "watcher");
        Connection victim = connect("postgres", "postgres", "victim")) {
      int victimPid = pid(victim);
      try (Statement s = watcher.createStatement();
          ResultSet rs = s.executeQuery("select pg_terminate_backend(" + victimPid + ")")) {
        rs.next();
        assertThat(rs.getBoolean(1)).isTrue();
      }
      assertThatThrownBy(() -> {
        for (int attempt = 0; attempt < 50; attempt++) {
          pid(victim);
          Thread.sleep(50);
        }
      }).isInstanceOfSatisfying(PSQLException.class,
          e -> assertThat(e.getSQLState()).isIn("57P01", "08006", "08003"));
      try (Statement s = watcher.createStatement();
          ResultSet rs = s.executeQuery(
              "select count(*) from pg_stat_activity where pid = " + victimPid)) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }

  @Test
  void anotherUsersSessionIsRefusedWith42501() throws Exception {
    try (Connection owner = connect("postgres", "postgres", "owner");
        Connection alice = connect("alice", "alice-password", "alice")) {
      int ownerPid = pid(owner);
      try (Statement s = alice.createStatement()) {
        assertThatThrownBy(() -> s.executeQuery("select pg_cancel_backend(" + ownerPid + ")"))
            .isInstanceOfSatisfying(PSQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("42501");
              assertThat(e.getServerErrorMessage().getMessage()).isEqualTo(
                  "must be a superuser or have the same role to cancel queries of other users");
            });
        assertThatThrownBy(() -> s.executeQuery("select pg_terminate_backend(" + ownerPid + ")"))
            .isInstanceOfSatisfying(PSQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      }
      // Alice's own database shows only her sessions.
      try (Statement s = alice.createStatement();
          ResultSet rs = s.executeQuery("select distinct usename from pg_stat_activity")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("alice");
        assertThat(rs.next()).isFalse();
      }
      assertThat(pid(owner)).isEqualTo(ownerPid);
    }
  }

  @Test
  void statementStatisticsAreNormalisedAndReset() throws Exception {
    try (Connection c = connect("postgres", "postgres", "stats"); Statement s = c.createStatement()) {
      s.execute("select pg_stat_statements_reset()");
      for (int i = 0; i < 3; i++) {
        s.execute("select " + (40 + i) + " as answer, 'text " + i + "' as note");
      }
      try (ResultSet rs = s.executeQuery("select calls, rows, total_exec_time, mean_exec_time"
          + " from pg_stat_statements where query = 'select $1 as answer, $2 as note'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong("calls")).isEqualTo(3);
        assertThat(rs.getLong("rows")).isEqualTo(3);
        assertThat(rs.getDouble("total_exec_time")).isGreaterThan(0);
        assertThat(rs.getDouble("mean_exec_time"))
            .isCloseTo(rs.getDouble("total_exec_time") / 3, org.assertj.core.data.Offset.offset(1e-6));
      }
      s.execute("select pg_stat_statements_reset()");
      try (ResultSet rs = s.executeQuery("select count(*) from pg_stat_statements"
          + " where query like 'select $1 as answer%'")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  @Test
  void activityIsListedInInformationSchema() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select column_name from information_schema.columns"
            + " where table_name = 'pg_stat_activity' order by ordinal_position")) {
      java.util.List<String> columns = new java.util.ArrayList<>();
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
      assertThat(columns).contains("pid", "usename", "application_name", "client_addr",
          "backend_start", "query_start", "state", "query");
    }
  }
}
