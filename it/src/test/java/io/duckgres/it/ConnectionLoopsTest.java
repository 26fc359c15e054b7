package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every connection runs on a thread of its own, which also runs its session's statements: a long
 * statement must not hold up other connections, a client that leaves during a statement must have
 * it cancelled although its thread reads nothing meanwhile, a client that stops reading must not
 * make its thread spin, and a closed connection's thread serves the next connection or ends.
 */
class ConnectionLoopsTest extends PlaintextServerTest {
  @Test
  void aLongStatementHoldsUpNoOtherConnection() throws Exception {
    try (Connection busy = server.connect(); Statement longRunning = busy.createStatement()) {
      CompletableFuture<Void> running = CompletableFuture.runAsync(() ->
          assertThatThrownBy(() -> longRunning.executeQuery(CancelTest.LONG_QUERY))
              .isInstanceOfSatisfying(SQLException.class,
                  e -> assertThat(e.getSQLState()).isEqualTo("57014")));
      Thread.sleep(300);
      // Each of these connections and statements is served while the long statement runs.
      for (int i = 0; i < 5; i++) {
        try (Connection other = server.connect(); Statement statement = other.createStatement();
            ResultSet rows = statement.executeQuery("select " + i + " + 1")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getInt(1)).isEqualTo(i + 1);
        }
      }
      assertThat(running).isNotDone();
      longRunning.cancel();
      running.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aClientThatLeavesDuringAStatementHasItCancelled() throws Exception {
    Socket leaving = new Socket();
    leaving.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
    RawClient client = new RawClient(leaving);
    client.login("postgres", ServerProcess.PASSWORD);
    client.query(CancelTest.LONG_QUERY);
    try (Connection observer = server.connect(); Statement statement = observer.createStatement()) {
      assertThat(waitForRunning(statement, true)).as("the long statement runs").isTrue();
      leaving.close();
      // The session's thread is inside DuckDB and reads nothing; the statement must still stop.
      assertThat(waitForRunning(statement, false))
          .as("the statement of a client that left is cancelled").isTrue();
    }
  }

  /** Waits up to 15 s until the long statement is (or is no longer) in pg_stat_activity. */
  private static boolean waitForRunning(Statement statement, boolean running) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      try (ResultSet rows = statement.executeQuery("select count(*) from pg_stat_activity"
          + " where state = 'active' and query like '%range(1000000000000)%'"
          + " and query not like '%pg_stat_activity%'")) {
        rows.next();
        if ((rows.getLong(1) > 0) == running) {
          return true;
        }
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Test
  void aStalledClientCostsNoCpuAndClosedConnectionsLeaveNoThreadsBehind() throws Exception {
    try (Connection warm = server.connect(); Statement statement = warm.createStatement()) {
      statement.execute("select 1");
    }
    long threadsBefore = connectionThreads(server.pid());
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        stalled.add(StalledClientMemoryTest.stalledClient());
      }
      Thread.sleep(2000);
      long cpuBefore = connectionThreadsCpuMillis(server.pid());
      Thread.sleep(3000);
      long cpu = connectionThreadsCpuMillis(server.pid()) - cpuBefore;
      // Waiting for a client to read is a blocking wait on the socket, not a poll: two stalled
      // sessions over 3 s cost a few milliseconds (a spinning wait, seconds).
      assertThat(cpu).as("CPU in ms of the connection threads over 3 s, two clients stalled")
          .isLessThan(500);
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
    for (int i = 0; i < 10; i++) {
      try (Connection c = server.connect(); Statement statement = c.createStatement()) {
        statement.execute("select 1");
      }
    }
    // Connections made one after another reuse the threads of closed ones: ten of them after
    // the two stalled ones leave no more threads than the two plus a little slack.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (connectionThreads(server.pid()) > threadsBefore + 4 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(connectionThreads(server.pid()))
        .as("threads serving connections after every client closed (before: %d)", threadsBefore)
        .isLessThanOrEqualTo(threadsBefore + 4);
  }

  /** The server's threads that serve a connection (named so by the server). */
  private static long connectionThreads(long pid) throws IOException {
    return connectionThreadStats(pid).size();
  }

  /** User plus system CPU time of the threads that serve a connection, in milliseconds. */
  private static long connectionThreadsCpuMillis(long pid) throws IOException {
    long ticks = 0;
    for (String stat : connectionThreadStats(pid)) {
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime: fields 14 and 15 of the line, in clock ticks (100 per second).
      ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
    return ticks * 10;
  }

  /** /proc's stat line of each thread that serves a connection. */
  private static List<String> connectionThreadStats(long pid) throws IOException {
    List<String> stats = new ArrayList<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
          if (stat.contains("(duckgres-connec)")) {
            stats.add(stat);
          }
        } catch (IOException threadEnded) {
          // Gone between the listing and the read: it serves nothing any more.
        }
      }
    }
    return stats;
  }
}
