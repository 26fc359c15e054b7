package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full data directory, made real with a small tmpfs: the statement that runs out of space gets
 * 53100, reads go on in the same and in new sessions, writes work again once space is back (no
 * restart), and nothing acknowledged is lost across a restart. Needs permission to mount a tmpfs
 * (root, as in the test containers); elsewhere the test is skipped and says why.
 */
class DiskFullTest {
  @TempDir static Path workDir;

  @Test
  void aFullDiskFailsTheStatementWith53100AndTheDatabaseRecoversWhenSpaceIsBack()
      throws Exception {
    Path mountPoint = Files.createDirectories(workDir.resolve("small-disk"));
    String refused = run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mountPoint.toString());
    Assumptions.assumeTrue(refused == null, () -> "cannot mount a tmpfs here: " + refused);
    try {
      Path data = mountPoint.resolve("data");
      Path filler = mountPoint.resolve("filler");
      Files.write(filler, new byte[12 * 1024 * 1024]);
      long acknowledged = 0;
      Path log = workDir.resolve("server.log");
      ServerProcess server = new ServerProcess(data).logTo(log);
      server.start();
      try {
        try (Connection connection = server.connect();
            Statement statement = connection.createStatement()) {
          statement.execute("create table t(i bigint, s varchar)");
          statement.execute("create table small(i integer)");
          SQLException full = null;
          for (int batch = 0; batch < 200 && full == null; batch++) {
            try {
              statement.execute("insert into t select range, md5(range::varchar)"
                  + " || md5((range + 1)::varchar) from range(" + batch * 50_000L + ", "
                  + (batch + 1) * 50_000L + ")");
              acknowledged += 50_000;
            } catch (SQLException e) {
              full = e;
            }
          }
          assertThat((Object) full).as("the disk filled up").isNotNull();
          assertThat(full.getSQLState()).as(full.getMessage()).isEqualTo("53100");
          assertThat(full.getMessage()).contains("No space left on device");
          assertThat(count(statement, "t")).isGreaterThanOrEqualTo(acknowledged);
        }
        try (Connection another = server.connect();
            Statement statement = another.createStatement()) {
          assertThat(count(statement, "t")).as("reads in a new session")
              .isGreaterThanOrEqualTo(acknowledged);
          // Space comes back: the filler goes and the disk grows, as an operator would do.
          Files.delete(filler);
          String grown = run("mount", "-o", "remount,size=256m", mountPoint.toString());
          assertThat(grown).as("remount with more space").isNull();
          statement.execute("insert into small values (1)");
          assertThat(count(statement, "small")).isEqualTo(1);
        }
        assertThat(server.stop()).isZero();
        server.start();
        try (Connection connection = server.connect();
            Statement statement = connection.createStatement()) {
          assertThat(count(statement, "t")).as("acknowledged rows after a restart")
              .isGreaterThanOrEqualTo(acknowledged);
          assertThat(count(statement, "small")).isEqualTo(1);
        }
      } catch (Exception | AssertionError e) {
        System.out.println("server log:\n" + server.log());
        throw e;
      } finally {
        server.close();
      }
      assertThat(server.log()).doesNotContain("\tat ");
    } finally {
      run("umount", "-l", mountPoint.toString());
    }
  }

  private static long count(Statement statement, String table) throws SQLException {
    try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Runs a command; null when it succeeded, else what it printed. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return "timed out";
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return process.exitValue() == 0 ? null : output.strip() + " (exit " + process.exitValue() + ")";
  }
}
