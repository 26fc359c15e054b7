package io.duckgres.it.ducklake;

import static io.duckgres.it.ducklake.DuckLakePostgresTest.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.it.ServerProcess;
import io.duckgres.it.controlplane.ControlPlaneProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The control plane with a DuckLake (the real deployment): every worker attaches the same lake,
 * so a table written through a session on one worker is read through a session on another, and
 * is still there after a rolling update has replaced every worker process. (Without a DuckLake
 * each worker has its own DuckDB files; see ControlPlaneTest for what is kept then.)
 */
class DuckLakeControlPlaneTest {
  @TempDir Path directory;

  @Test
  void workersShareTheLakeAcrossSessionsAndARollingUpdate() throws Exception {
    String database = MetadataPostgres.createDatabase("cplake");
    Path config = directory.resolve("duckgres.yaml");
    Files.writeString(config, "extension_directory: '" + LakeServer.extensionDirectory() + "'\n"
        + "ducklake:\n"
        + "  metadata_store: '"
        + MetadataPostgres.connectionString(database, MetadataPostgres.port()) + "'\n"
        + "  data_path: '" + directory.resolve("lake-files") + "'\n", StandardCharsets.UTF_8);
    ControlPlaneProcess controlPlane = new ControlPlaneProcess(directory, ServerProcess.freePort(),
        "control-plane.log", "--worker-count", "2", "--health-check-interval", "1s",
        "--config", config.toString());
    List<Connection> open = new ArrayList<>();
    try {
      controlPlane.start();
      assertThat(controlPlane.log()).contains("tables are shared by all workers");
      Connection first = controlPlane.connect();
      open.add(first);
      Connection second = sessionOnAnotherWorker(controlPlane, first, open);
      try (Statement a = first.createStatement(); Statement b = second.createStatement()) {
        a.execute("CREATE TABLE shared_events (id INTEGER, name VARCHAR)");
        a.executeUpdate("INSERT INTO shared_events VALUES (1, 'written on worker A')");
        assertThat(rows(b, "SELECT id, name FROM shared_events ORDER BY id"))
            .containsExactly("1 written on worker A");
        b.executeUpdate("INSERT INTO shared_events VALUES (2, 'written on worker B')");
        assertThat(rows(a, "SELECT id, name FROM shared_events ORDER BY id"))
            .containsExactly("1 written on worker A", "2 written on worker B");
      }
      for (Connection connection : open) {
        connection.close();
      }
      open.clear();

      Set<Long> before = controlPlane.workerPids();
      controlPlane.signal("USR2");
      controlPlane.await("every worker replaced", Duration.ofMinutes(5), () -> {
        Set<Long> now = controlPlane.workerPids();
        return controlPlane.log().contains("rolling update done: 2 workers replaced")
            && now.size() == 2 && now.stream().noneMatch(before::contains);
      });
      Connection afterUpdate = controlPlane.connect();
      open.add(afterUpdate);
      Connection otherAfterUpdate = sessionOnAnotherWorker(controlPlane, afterUpdate, open);
      for (Connection connection : List.of(afterUpdate, otherAfterUpdate)) {
        try (Statement s = connection.createStatement()) {
          assertThat(rows(s, "SELECT id, name FROM shared_events ORDER BY id"))
              .containsExactly("1 written on worker A", "2 written on worker B");
        }
      }
    } finally {
      for (Connection connection : open) {
        connection.close();
      }
      controlPlane.close();
      controlPlane.killLeftoverWorkers();
    }
    assertThat(controlPlane.log()).as("the metadata store's password never reaches the log")
        .doesNotContain(MetadataPostgres.PASSWORD);
  }

  /** Connects until a session lands on another worker than {@code session}'s (by PID range). */
  private static Connection sessionOnAnotherWorker(ControlPlaneProcess controlPlane,
      Connection session, List<Connection> open) throws SQLException {
    int range = backendPid(session) >> 20;
    for (int i = 0; i < 6; i++) {
      Connection candidate = controlPlane.connect();
      open.add(candidate);
      if (backendPid(candidate) >> 20 != range) {
        return candidate;
      }
    }
    throw new AssertionError("six sessions, all on one worker");
  }

  private static int backendPid(Connection connection) throws SQLException {
    return connection.unwrap(PGConnection.class).getBackendPID();
  }
}
