package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pgx v5 smoke tests in it/src/test/go — TLS with SCRAM, the simple and the extended
 * protocol with binary formats, CopyFrom, pipelined batches — run by {@code go test} against one
 * server process. scripts/go-env fetches and compiles the pinned module beforehand (Go's caches
 * keep it), so this run only links and tests.
 */
class GoClientsTest extends ClientSuite {
  @Test
  void pgxSuitePasses() throws Exception {
    String go = installedTool("go-env");
    Result run = runSuite(
        List.of(go, "-C", "it/src/test/go", "test", "-count=1", "-v", "-timeout=5m", "./..."),
        Map.of());
    assertThat(run.output()).contains("--- PASS: TestCopyFrom", "--- PASS: TestPipelinedBatch");
  }
}
