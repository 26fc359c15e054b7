package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/** CancelRequest interrupts the running statement with 57014 and nothing else. */
class CancelTest {
  /** Runs for minutes unless interrupted. */
  static final String LONG_QUERY = "select count(*) from range(1000000000000) t(i) where i % 7 = 3";

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
  void cancelInterruptsTheRunningStatementAndTheSessionStaysUsable() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(700);
          s.cancel();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      long started = System.nanoTime();
      assertThatThrownBy(() -> s.executeQuery(LONG_QUERY))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(e.getMessage()).contains("canceling statement due to user request");
          });
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
      canceller.get(10, TimeUnit.SECONDS);
      try (ResultSet rs = s.executeQuery("select 'after cancel'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("after cancel");
      }
    }
  }

  @Test
  void cancelWithWrongKeyChangesNothing() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      int pid = c.unwrap(PGConnection.class).getBackendPID();
      CompletableFuture<Void> wrongCancel = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(300);
          sendCancel(pid, 12345);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      // About a second of work: it must run to the end despite the bogus cancel.
      try (ResultSet rs = s.executeQuery(
          "select count(*) from range(300000000) t(i) where i % 7 = 3")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(42857143L);
      }
      wrongCancel.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void cancellingAnIdleSessionIsHarmless() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.cancel();
      s.cancel();
      Thread.sleep(200);
      try (ResultSet rs = s.executeQuery("select 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  static void sendCancel(int pid, int key) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(16);
      out.writeInt(80877102);
      out.writeInt(pid);
      out.writeInt(key);
      out.flush();
      socket.getInputStream().read();
    }
  }
}
