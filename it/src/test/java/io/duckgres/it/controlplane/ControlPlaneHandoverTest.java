package io.duckgres.it.controlplane;

import static io.duckgres.it.controlplane.ControlPlaneTest.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.it.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second control plane started with the same {@code --handover-socket} takes over the first
 * one's listening socket and workers while clients connect and query in a loop.
 */
class ControlPlaneHandoverTest {
  @TempDir Path dir;

  @Test
  void successorTakesOverUnderLoadAndOwnsTheWorkers() throws Exception {
    int port = ServerProcess.freePort();
    String[] args = {"--worker-count", "2", "--health-check-interval", "1s"};
    ControlPlaneProcess first = new ControlPlaneProcess(dir, port, "first.log", args);
    ControlPlaneProcess second = new ControlPlaneProcess(dir, port, "second.log", args);
    try {
      first.start();
      Set<Long> workers = first.workerPids();
      assertThat(workers).hasSize(2);
      refusesPlaintextLikeStandalone(first);
      try (Connection open = first.connect(); Statement openStatement = open.createStatement();
          QueryLoad load = new QueryLoad(first, 2, Duration.ofMinutes(2)).start()) {
        assertThat(scalar(openStatement, "select 'before'")).isEqualTo("before");
        load.awaitProgress(5, Duration.ofSeconds(30));

        second.start();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS))
            .as("the first control plane exits after the handover").isTrue();
        assertThat(first.process().exitValue()).isEqualTo(0);
        assertThat(first.log()).contains("handover complete: 2 workers now belong to the new");

        load.awaitProgress(10, Duration.ofSeconds(30));
        load.close();
        assertThat(load.failures()).isEmpty();
        // Same workers, same session: nothing was restarted.
        assertThat(scalar(openStatement, "select 'after'")).isEqualTo("after");
        assertThat(second.workerPids()).isEqualTo(workers);
      }
      // The successor monitors the workers it received like its own: one that dies is replaced.
      long victim = workers.iterator().next();
      ControlPlaneProcess.signal(victim, "KILL");
      second.await("the successor to replace a handed-over worker", Duration.ofSeconds(60), () -> {
        Set<Long> now = second.workerPids();
        return now.size() == 2 && !now.contains(victim)
            && second.log().contains(") ready in ");
      });
      try (Connection fresh = second.connect(); Statement s = fresh.createStatement()) {
        assertThat(scalar(s, "select 'served'")).isEqualTo("served");
      }
      // ...and stops them on SIGTERM without waiting out a timeout (the original's bug).
      long stopping = System.nanoTime();
      assertThat(second.stop(Duration.ofSeconds(60))).isEqualTo(0);
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
      System.out.println("successor stopped with its workers in " + tookMillis + " ms");
      assertThat(tookMillis).isLessThan(20_000);
      second.await("every worker to exit", Duration.ofSeconds(10),
          () -> second.workerPids().isEmpty());
    } finally {
      second.close();
      first.close();
      first.killLeftoverWorkers();
    }
  }

  /** TLS is required here, so a plaintext startup ends in the control plane, as standalone. */
  private static void refusesPlaintextLikeStandalone(ControlPlaneProcess controlPlane) {
    Properties plaintext = new Properties();
    plaintext.setProperty("sslmode", "disable");
    assertThatThrownBy(() -> controlPlane.connect(plaintext).close())
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("28000");
          assertThat(e.getMessage()).contains("SSL/TLS is required: connect with sslmode=require"
              + " (unencrypted connection for user \"postgres\" refused)");
        });
  }
}
