package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * What already holds, kept as tests: a server killed with SIGKILL (no shutdown, no checkpoint)
 * loses no acknowledged commit, and a COPY is all or nothing; failed logins lead to a ban; an
 * unknown user's failed login costs as long as a known user's.
 */
class CrashDurabilityTest {
  @TempDir Path dataDir;

  @Test
  void killDuringCommittedInsertsLosesNothingAcknowledged() throws Exception {
    AtomicLong acknowledged = new AtomicLong();
    ServerProcess server = ServerProcess.start(dataDir);
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
        // The server was killed mid-loop: that is the point of the test.
      }
    });
    writer.start();
    awaitAtLeast(acknowledged, 500);
    server.kill();
    writer.join(30_000);
    try (ServerProcess restarted = new ServerProcess(dataDir, server.port())) {
      restarted.start();
      try (Connection c = restarted.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*), max(seq) from journal")) {
        rs.next();
        assertThat(rs.getLong(2)).isBetween(acknowledged.get(), acknowledged.get() + 1);
        assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2));
      }
    }
  }

  @Test
  void killDuringCopyKeepsEveryAcknowledgedCopyAndNoPartOfTheInterruptedOne() throws Exception {
    int rowsPerCopy = 20_000;
    AtomicLong acknowledgedCopies = new AtomicLong();
    ServerProcess server = ServerProcess.start(dataDir);
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table loaded(copy_no integer, n integer)");
    }
    Thread loader = new Thread(() -> {
      try (Connection c = server.connect()) {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (int copyNo = 1; copyNo <= 10_000; copyNo++) {
          StringBuilder data = new StringBuilder();
          for (int n = 0; n < rowsPerCopy; n++) {
            data.append(copyNo).append('\t').append(n).append('\n');
          }
          copy.copyIn("copy loaded from stdin",
              new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8)));
          acknowledgedCopies.set(copyNo);
        }
      } catch (Exception expected) {
        // Killed mid-COPY.
      }
    });
    loader.start();
    awaitAtLeast(acknowledgedCopies, 5);
    server.kill();
    loader.join(30_000);
    try (ServerProcess restarted = new ServerProcess(dataDir, server.port())) {
      restarted.start();
      try (Connection c = restarted.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select copy_no, count(*) from loaded group by copy_no"
              + " order by copy_no")) {
        long copies = 0;
        while (rs.next()) {
          copies++;
          assertThat(rs.getLong(1)).isEqualTo(copies);
          assertThat(rs.getLong(2)).as("rows of COPY " + copies).isEqualTo(rowsPerCopy);
        }
        assertThat(copies).isBetween(acknowledgedCopies.get(), acknowledgedCopies.get() + 1);
      }
    }
  }

  @Test
  void unknownUserFailsAsSlowlyAsAKnownUserOverTheWire() throws Exception {
    try (ServerProcess server = ServerProcess.start(dataDir, "--auth-max-failures", "1000")) {
      // Coarse on purpose (a busy 2-core machine): without the mock SCRAM credential an unknown
      // user would be refused about a hundred times faster than a known user's wrong password.
      long known = medianFailureNanos(server, "postgres");
      long unknown = medianFailureNanos(server, "nobody");
      assertThat(unknown).isGreaterThan(known / 4);
      assertThat(known).isGreaterThan(unknown / 4);
    }
  }

  private static long medianFailureNanos(ServerProcess server, String user) {
    long[] samples = new long[9];
    for (int i = 0; i < samples.length; i++) {
      long start = System.nanoTime();
      try (Connection ignored = server.connect(user, "wrong", new Properties())) {
        throw new AssertionError("login with a wrong password succeeded");
      } catch (SQLException expected) {
        assertThat(expected.getSQLState()).isEqualTo("28P01");
      }
      samples[i] = System.nanoTime() - start;
    }
    java.util.Arrays.sort(samples);
    return samples[samples.length / 2];
  }

  private static void awaitAtLeast(AtomicLong counter, long target) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (counter.get() < target && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(counter.get()).as("progress before the kill").isGreaterThanOrEqualTo(target);
  }
}
