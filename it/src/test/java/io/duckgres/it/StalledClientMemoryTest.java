package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that asks for a huge result and stops reading must not make the server hold that
 * result: rows stream from DuckDB with backpressure, so the server process's resident memory
 * (VmRSS, which counts DuckDB's native memory, not only the Java heap) stays flat.
 */
class StalledClientMemoryTest extends PlaintextServerTest {
  /** About 3 GB of result text: far more than the allowed growth. */
  static final String HUGE = "select i, repeat('x', 50) as pad from range(50000000) t(i)";
  static final long ALLOWED_GROWTH_MB = 400;

  @Test
  void residentMemoryStaysFlatWhileClientsStopReadingHugeResults() throws Exception {
    try (Connection bystander = server.connect(); Statement statement = bystander.createStatement()) {
      // Warm up: the database is open and a result has streamed once.
      try (ResultSet rows = statement.executeQuery("select count(*) from range(1000000)")) {
        rows.next();
      }
      long before = residentMegabytes(server.pid());
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          stalled.add(stalledClient());
        }
        long peak = before;
        for (int second = 0; second < 20; second++) {
          Thread.sleep(1000);
          peak = Math.max(peak, residentMegabytes(server.pid()));
        }
        System.out.printf("server RSS with two stalled clients: before %d MB, peak %d MB%n",
            before, peak);
        assertThat(peak - before)
            .as("RSS growth in MB with two stalled clients (before %d MB, peak %d MB)", before, peak)
            .isLessThan(ALLOWED_GROWTH_MB);
        try (ResultSet rows = statement.executeQuery("select 42")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getInt(1)).isEqualTo(42);
        }
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }
    }
  }

  /** Logs in, sends the huge query and never reads again, with a tiny receive window. */
  static Socket stalledClient() throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
    socket.setSoTimeout(15_000);
    RawClient client = new RawClient(socket);
    client.login("postgres", ServerProcess.PASSWORD);
    client.query(HUGE);
    return socket;
  }

  static long residentMegabytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"),
        StandardCharsets.UTF_8)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IOException("no VmRSS for process " + pid);
  }
}
