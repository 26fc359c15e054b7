package io.duckgres.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real server for a test class, reachable without TLS and with cleartext passwords, for
 * tests that speak the protocol byte by byte or watch the server's threads and memory.
 */
abstract class PlaintextServerTest {
  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dataDir, "--allow-plaintext", "--auth-method", "password");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }
}
