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
 * The node-postgres smoke tests in it/src/test/node/test — pg and pg-cursor over TLS with SCRAM
 * — run by {@code node --test} against one server process. scripts/node-env installs the pinned
 * packages (idempotent and quiet when they are up to date).
 */
class NodeClientsTest {
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
  void nodePostgresSuitePasses() throws Exception {
    PythonClientsTest.Result env = PythonClientsTest.run(
        List.of(PythonClientsTest.ROOT.resolve("scripts/node-env").toString(), "--print"),
        Map.of());
    assertThat(env.exitCode()).as("scripts/node-env failed:\n%s", env.output()).isZero();
    String node = env.output().strip().lines().reduce((first, last) -> last).orElse("");
    assertThat(Files.isExecutable(Path.of(node))).as("node %s", node).isTrue();

    // One file at a time: the tests share the server, and their output stays in order.
    PythonClientsTest.Result run = PythonClientsTest.run(
        List.of(node, "--test", "--test-concurrency=1", "--test-reporter=spec",
            "it/src/test/node/test/"),
        Map.of(
            "DUCKGRES_HOST", "127.0.0.1",
            "DUCKGRES_PORT", Integer.toString(server.port()),
            "DUCKGRES_PASSWORD", ServerProcess.PASSWORD,
            "NO_COLOR", "1"));
    System.out.println(run.output());
    assertThat(run.exitCode())
        .as("node --test exited with %d:\n%s\n--- server log ---\n%s",
            run.exitCode(), run.output(), server.log())
        .isZero();
    // A runner that found no test files would also exit 0.
    assertThat(run.output()).contains("set_config applies like SET");
  }
}
