package io.duckgres.it.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.it.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * One control plane with two real worker processes, driven through its life in order: queries,
 * cancel, a killed worker, a rolling update under load, SIGTERM. (One process for all of it keeps
 * the suite fast; each step leaves the pool at full size for the next.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneTest {
  static final String LONG_QUERY = "select count(*) from range(1000000000000) t(i) where i % 7 = 3";
  private static final Pattern WORKER_READY = Pattern.compile(
      "worker (\\d+) \\(pid (\\d+)\\) ready in (\\d+) ms"
          + " \\(backend PIDs from (\\d+), data slot (\\d+)\\)");
  private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(1);

  @TempDir static Path dir;
  static ControlPlaneProcess controlPlane;

  @BeforeAll
  static void start() throws Exception {
    controlPlane = new ControlPlaneProcess(dir, ServerProcess.freePort(), "control-plane.log",
        "--worker-count", "2", "--health-check-interval", "1s", "--allow-plaintext").start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (controlPlane != null) {
      controlPlane.close();
      controlPlane.killLeftoverWorkers();
    }
  }

  @Test
  @Order(1)
  void queriesRunOnBothWorkers() throws Exception {
    assertThat(controlPlane.workerPids()).hasSize(2);
    List<Connection> open = new ArrayList<>();
    Set<Integer> ranges = new HashSet<>();
    try {
      for (int i = 0; i < 4; i++) {
        Connection connection = controlPlane.connect();
        open.add(connection);
        try (Statement s = connection.createStatement();
            ResultSet rs = s.executeQuery("select 40 + " + i)) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(40 + i);
        }
        ranges.add(backendPid(connection) >> 20);
      }
      // Least connections: four sessions at once spread over both workers' PID ranges.
      assertThat(ranges).hasSize(2);
      // The plaintext path: the control plane reads the startup packet and the worker replays it.
      Properties plaintext = new Properties();
      plaintext.setProperty("sslmode", "disable");
      try (Connection connection = controlPlane.connect(plaintext);
          Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("select 'replayed'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("replayed");
      }
    } finally {
      for (Connection connection : open) {
        connection.close();
      }
    }
  }

  @Test
  @Order(2)
  void cancelThroughTheControlPlaneReachesTheRightWorker() throws Exception {
    List<Connection> extra = new ArrayList<>();
    try (Connection first = controlPlane.connect()) {
      int target = backendPid(first);
      Connection second = null;
      for (int i = 0; i < 6 && second == null; i++) {
        Connection candidate = controlPlane.connect();
        extra.add(candidate);
        if (backendPid(candidate) >> 20 != target >> 20) {
          second = candidate;
        }
      }
      assertThat(second).as("a session on the other worker").isNotNull();
      try (Statement busy = first.createStatement(); Statement other = second.createStatement()) {
        CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
          try {
            Thread.sleep(700);
            busy.cancel(); // pgJDBC sends CancelRequest to the control plane's address.
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        long started = System.nanoTime();
        assertThatThrownBy(() -> busy.executeQuery(LONG_QUERY))
            .isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("57014");
              assertThat(e.getMessage()).contains("canceling statement due to user request");
            });
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
        canceller.get(10, TimeUnit.SECONDS);
        // Only the statement ended: both sessions go on.
        assertThat(scalar(busy, "select 'after cancel'")).isEqualTo("after cancel");
        assertThat(scalar(other, "select 'untouched'")).isEqualTo("untouched");
      }
      controlPlane.await("the cancel to be logged by the worker", Duration.ofSeconds(10),
          () -> controlPlane.log().contains(
              "cancel request for session " + target + " (routed by the control plane)"));
    } finally {
      for (Connection connection : extra) {
        connection.close();
      }
    }
  }

  @Test
  @Order(3)
  void killedWorkerIsReplacedAndServiceContinues() throws Exception {
    Map<Integer, ReadyWorker> byRange = readyWorkersByPidRange();
    List<Connection> extra = new ArrayList<>();
    try (Connection survivor = controlPlane.connect()) {
      ReadyWorker survivorWorker = byRange.get(backendPid(survivor) >> 20);
      Connection onVictim = null;
      for (int i = 0; i < 6 && onVictim == null; i++) {
        Connection candidate = controlPlane.connect();
        extra.add(candidate);
        if (byRange.get(backendPid(candidate) >> 20).pid() != survivorWorker.pid()) {
          onVictim = candidate;
        }
      }
      assertThat(onVictim).as("a session on the other worker").isNotNull();
      ReadyWorker victim = byRange.get(backendPid(onVictim) >> 20);
      // The other sessions on the survivor's worker would steer new connections to the victim.
      for (Connection connection : extra) {
        if (connection != onVictim) {
          connection.close();
        }
      }
      // Without a DuckLake a worker's tables live in its data slot, which its replacement gets.
      try (Statement s = onVictim.createStatement()) {
        s.execute("create table kept_by_slot as select 42 as answer");
      }
      int readyBefore = countReady();
      long killed = System.nanoTime();
      ControlPlaneProcess.signal(victim.pid(), "KILL");
      // At once, before any health round: least connections points at the victim (it held
      // fewer sessions), so these hand-offs meet the dead worker and must go to the survivor.
      for (int i = 0; i < 3; i++) {
        try (Connection fresh = controlPlane.connect(); Statement s = fresh.createStatement()) {
          assertThat(scalar(s, "select 'fresh'")).isEqualTo("fresh");
        }
      }
      // Only the killed worker's own session ended; the other one never noticed.
      Connection lost = onVictim;
      assertThatThrownBy(() -> lost.createStatement().executeQuery("select 1"))
          .isInstanceOf(SQLException.class);
      try (Statement s = survivor.createStatement()) {
        assertThat(scalar(s, "select 'still here'")).isEqualTo("still here");
      }
      controlPlane.await("a replacement worker", Duration.ofSeconds(180),
          () -> countReady() > readyBefore);
      long replacedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
      ReadyWorker replacement = lastReady();
      assertThat(replacement.slot()).as("the replacement's data slot").isEqualTo(victim.slot());
      // Back to full size within two health intervals of the death, not counting the new JVM's
      // own start-up (reported by the control plane as "ready in N ms"): the death is seen and
      // the replacement started at once, not at the next health round.
      long detectionMillis = replacedMillis - replacement.startMillis();
      System.out.println("killed worker replaced in " + replacedMillis + " ms, of which "
          + replacement.startMillis() + " ms the replacement's start-up");
      assertThat(detectionMillis).isLessThan(2 * HEALTH_INTERVAL.toMillis());
      controlPlane.await("two workers", Duration.ofSeconds(30),
          () -> controlPlane.workerPids().size() == 2
              && !controlPlane.workerPids().contains(victim.pid()));
      try (Statement s = survivor.createStatement()) {
        assertThat(scalar(s, "select 'still here'")).isEqualTo("still here");
      }
      assertThat(controlPlane.metrics()).contains("duckgres_worker_restarts_total 1.0");
      // A session on the replacement (it has no sessions, so least connections picks it) sees
      // the table its slot's previous worker committed.
      Connection onReplacement = null;
      List<Connection> others = new ArrayList<>();
      try {
        for (int i = 0; i < 4 && onReplacement == null; i++) {
          Connection candidate = controlPlane.connect();
          if (backendPid(candidate) >> 20 == replacement.firstBackendPid() >> 20) {
            onReplacement = candidate;
          } else {
            others.add(candidate);
          }
        }
        assertThat(onReplacement).as("a session on the replacement").isNotNull();
        try (Statement s = onReplacement.createStatement()) {
          assertThat(scalar(s, "select answer from kept_by_slot")).isEqualTo("42");
        }
      } finally {
        if (onReplacement != null) {
          onReplacement.close();
        }
        for (Connection other : others) {
          other.close();
        }
      }
    } finally {
      for (Connection connection : extra) {
        connection.close();
      }
    }
  }

  @Test
  @Order(4)
  void rollingUpdateUnderLoadFailsNothing() throws Exception {
    Set<Long> before = controlPlane.workerPids();
    assertThat(before).hasSize(2);
    int updatesBefore = count(controlPlane.log(), "rolling update done");
    // Generous but bounded waits: each step starts a JVM, which takes a minute or more on a
    // host at load average 15.
    try (Connection open = controlPlane.connect(); Statement openStatement = open.createStatement();
        QueryLoad load = new QueryLoad(controlPlane, 2, Duration.ofMinutes(8)).start()) {
      assertThat(scalar(openStatement, "select 'before'")).isEqualTo("before");
      load.awaitProgress(5, Duration.ofSeconds(60));
      long signalled = System.nanoTime();
      controlPlane.signal("USR2");
      controlPlane.await("the rolling update", Duration.ofMinutes(5),
          () -> count(controlPlane.log(), "rolling update done: 2 workers replaced")
              > updatesBefore);
      System.out.println("rolling update of 2 workers took "
          + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled) + " ms");
      load.awaitProgress(10, Duration.ofSeconds(60));
      load.close();
      assertThat(load.failures()).isEmpty();
      assertThat(load.succeeded()).isGreaterThan(10);
      // The open session's worker is draining, not stopped: the session works.
      assertThat(scalar(openStatement, "select 'after'")).isEqualTo("after");
    }
    // Its last client gone, the old worker stops; every worker is now a new process.
    controlPlane.await("the old workers to stop", Duration.ofSeconds(90), () -> {
      Set<Long> now = controlPlane.workerPids();
      return now.size() == 2 && now.stream().noneMatch(before::contains);
    });
  }

  @Test
  @Order(5)
  void sigtermDrainsAndStopsTheWorkers() throws Exception {
    assertThat(controlPlane.stop(Duration.ofSeconds(60))).isEqualTo(0);
    controlPlane.await("every worker to exit", Duration.ofSeconds(10),
        () -> controlPlane.workerPids().isEmpty());
  }

  // ---- helpers ----

  static int backendPid(Connection connection) throws SQLException {
    return connection.unwrap(PGConnection.class).getBackendPID();
  }

  static String scalar(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  /** A "ready" line of the control plane's log. */
  record ReadyWorker(long pid, long startMillis, int firstBackendPid, int slot) {}

  private static List<ReadyWorker> readyWorkers() {
    List<ReadyWorker> ready = new ArrayList<>();
    Matcher m = WORKER_READY.matcher(controlPlane.log());
    while (m.find()) {
      ready.add(new ReadyWorker(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
    }
    return ready;
  }

  /** The latest worker ready in each PID range (ranges are reused), by range index. */
  private static Map<Integer, ReadyWorker> readyWorkersByPidRange() {
    Map<Integer, ReadyWorker> byRange = new HashMap<>();
    for (ReadyWorker worker : readyWorkers()) {
      byRange.put(worker.firstBackendPid() >> 20, worker);
    }
    return byRange;
  }

  private static ReadyWorker lastReady() {
    List<ReadyWorker> ready = readyWorkers();
    return ready.get(ready.size() - 1);
  }

  private static int countReady() {
    return readyWorkers().size();
  }

  static int count(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }

  static Duration healthInterval() {
    return HEALTH_INTERVAL;
  }
}
