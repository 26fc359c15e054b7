package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node-postgres smoke tests in it/src/test/node/test — pg and pg-cursor over TLS with SCRAM
 * — run by {@code node --test} against one server process. scripts/node-env installs the pinned
 * packages (idempotent and quiet when they are up to date).
 */
class NodeClientsTest extends ClientSuite {
  @Test
  void nodePostgresSuitePasses() throws Exception {
    String node = installedTool("node-env");
    // One file at a time: the tests share the server, and their output stays in order.
    Result run = runSuite(
        List.of(node, "--test", "--test-concurrency=1", "--test-reporter=spec",
            "it/src/test/node/test/"),
        Map.of("NO_COLOR", "1"));
    // A runner that found no test files would also exit 0.
    assertThat(run.output()).contains("set_config applies like SET");
  }
}
