package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large results stream: 10 million rows of (int8, float8, varchar) — about 300 MB on the wire —
 * pass through a server whose whole heap is capped at 64 MB. A server that collected the result,
 * or let writes pile up for a slow client, would run out of memory.
 */
class StreamingTest {
  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = new ServerProcess(dataDir, "--allow-plaintext", "--auth-method", "password")
        .jvmOptions("-Xmx64m", "-XX:+UseSerialGC");
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void tenMillionRowsThroughASlowClientWithASmallHeap() throws Exception {
    try (RawClient client = new RawClient(server.port())) {
      client.login("postgres", ServerProcess.PASSWORD);
      client.query("select i::bigint, i * 1.5::double, 'row number ' || i from range(10000000) t(i)");
      long rows = 0;
      long bytes = 0;
      RawClient.Message message;
      while ((message = client.read()).type() != 'Z') {
        if (message.type() == 'D') {
          rows++;
          bytes += message.body().length;
          if (rows == 1000) {
            // Stall like a slow client so the server's writes back up.
            Thread.sleep(3000);
          }
        } else if (message.type() == 'E') {
          throw new AssertionError("server error: " + message.fields() + "\n" + server.log());
        }
      }
      assertThat(rows).isEqualTo(10_000_000L);
      assertThat(bytes).isGreaterThan(250_000_000L);
    }
    assertThat(server.log()).doesNotContain("OutOfMemoryError");
  }

  @Test
  void copyFromAClientFasterThanTheServerKeepsTheHeapSmall() throws Exception {
    // 2,000 CopyData messages of 64 KiB (128 MiB, 6.5 million rows) sent as fast as the socket
    // takes them, into a server with a 64 MB heap: the server must stop reading while it is
    // behind instead of queueing what arrives.
    StringBuilder rows = new StringBuilder();
    int rowsPerChunk = 0;
    while (rows.length() < 64 * 1024 - 32) {
      rows.append(rowsPerChunk).append('\t').append(rowsPerChunk * 0.5).append("\trow\n");
      rowsPerChunk++;
    }
    byte[] chunk = rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int chunks = 2000;
    try (RawClient client = new RawClient(server.port())) {
      client.login("postgres", ServerProcess.PASSWORD);
      client.query("create table copy_flood (a bigint, b double, c varchar)");
      client.readUntil('Z');
      client.query("copy copy_flood from stdin");
      assertThat(client.readUntil('G').type()).isEqualTo('G');
      for (int i = 0; i < chunks; i++) {
        client.send('d', chunk);
      }
      client.send('c', new byte[0]);
      long expected = (long) rowsPerChunk * chunks;
      RawClient.Message done = client.read();
      while (done.type() != 'C') {
        assertThat(done.type()).as("COPY failed: %s\n%s", done.fields(), server.log())
            .isNotEqualTo('E');
        done = client.read();
      }
      assertThat(done.text()).startsWith("COPY " + expected);
      client.readUntil('Z');
      client.query("select count(*) from copy_flood");
      assertThat(client.readUntil('D').text()).contains(Long.toString(expected));
      client.readUntil('Z');
    }
    assertThat(server.log()).doesNotContain("OutOfMemoryError");
  }

  @Test
  void cursorFetchesInPortions() throws Exception {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("sslmode", "disable");
    try (Connection c = server.connect("postgres", ServerProcess.PASSWORD, properties)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(1000);
        long sum = 0;
        long count = 0;
        try (ResultSet rs = s.executeQuery("select i from range(2000000) t(i)")) {
          while (rs.next()) {
            sum += rs.getLong(1);
            count++;
          }
        }
        assertThat(count).isEqualTo(2_000_000L);
        assertThat(sum).isEqualTo(1999999L * 2000000L / 2);
      }
      c.commit();
    }
  }
}
