package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pgx v5 smoke tests in it/src/test/go — TLS with SCRAM, the simple and the extended
 * protocol with binary formats, CopyFrom, pipelined batches — run by {@code go test} against one
 * server process. scripts/go-env fetches and compiles the pinned module beforehand (Go's caches
 * keep it), so this run only links and tests.
 */
class GoClientsTest {
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

  @Test
  void pgxSuitePasses() throws Exception {
    PythonClientsTest.Result env = PythonClientsTest.run(
        List.of(PythonClientsTest.ROOT.resolve("scripts/go-env").toString(), "--print"),
        Map.of());
    assertThat(env.exitCode()).as("scripts/go-env failed:\n%s", env.output()).isZero();
    String go = env.output().strip().lines().reduce((first, last) -> last).orElse("");
    assertThat(Files.isExecutable(Path.of(go))).as("go %s", go).isTrue();

    PythonClientsTest.Result run = PythonClientsTest.run(
        List.of(go, "-C", "it/src/test/go", "test", "-count=1", "-v", "-timeout=5m", "./..."),
        Map.of(
            "DUCKGRES_HOST", "127.0.0.1",
            "DUCKGRES_PORT", Integer.toString(server.port()),
            "DUCKGRES_PASSWORD", ServerProcess.PASSWORD));
    System.out.println(run.output());
    assertThat(run.exitCode())
        .as("go test exited with %d:\n%s\n--- server log ---\n%s",
            run.exitCode(), run.output(), server.log())
        .isZero();
    assertThat(run.output()).contains("--- PASS: TestCopyFrom", "--- PASS: TestPipelinedBatch");
  }
}
