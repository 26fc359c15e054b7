package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committed rows survive restarts and SIGTERM in the middle of a write loop. */
class DurabilityTest {
  @TempDir Path dataDir;

  @Test
  void dataSurvivesARestart() throws Exception {
    try (ServerProcess server = ServerProcess.start(dataDir)) {
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        s.execute("create table kept(x integer, label varchar)");
        s.execute("insert into kept select i, 'row ' || i from range(1000) t(i)");
      }
      assertThat(server.stop()).isZero();
    }
    try (ServerProcess server = ServerProcess.start(dataDir)) {
      try (Connection c = server.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*), max(label) from kept")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1000);
        assertThat(rs.getString(2)).isEqualTo("row 999");
      }
    }
  }

  @Test
  void sigtermDuringWritesLosesNoCommittedRow() throws Exception {
    AtomicLong acknowledged = new AtomicLong();
    try (ServerProcess server = ServerProcess.start(dataDir)) {
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        s.execute("create table journal(seq bigint primary key)");
      }
      Thread writer = new Thread(() -> {
        try (Connection c = server.connect();
            PreparedStatement insert = c.prepareStatement("insert into journal values (?)")) {
          for (long i = 1; i <= 1_000_000; i++) {
            insert.setLong(1, i);
            insert.executeUpdate();
            acknowledged.set(i);
          }
        } catch (SQLException expected) {
          // The server went away mid-loop: that is the point of the test.
        }
      });
      writer.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (acknowledged.get() < 200 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(acknowledged.get()).as("writes before SIGTERM").isGreaterThanOrEqualTo(200);
      assertThat(server.stop()).as("exit code after SIGTERM").isZero();
      writer.join(30_000);
      assertThat(server.log()).contains("shutdown complete");
    }
    try (ServerProcess server = ServerProcess.start(dataDir);
        Connection c = server.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*), max(seq) from journal")) {
      rs.next();
      // Every acknowledged insert is there; at most the one in flight may also have committed.
      assertThat(rs.getLong(2)).isBetween(acknowledged.get(), acknowledged.get() + 1);
      assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2));
    }
  }
}
