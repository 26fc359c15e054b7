package io.duckgres.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryLogTest {
  @TempDir Path directory;

  private static QueryLog.Entry entry(String sql) {
    return new QueryLog.Entry(0, "alice", "alice", null, 1001, "simple", 2_500_000, 1, null, sql);
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  @Test
  void rotatesBySizeAndKeepsMaxFiles() throws Exception {
    Path path = directory.resolve("queries.log");
    QueryLog log = new QueryLog(new QueryLogSettings(path, 1024, 2, false), 1000, () -> { });
    log.start();
    for (int i = 0; i < 40; i++) {
      log.offer(entry("select " + i + " /* " + "x".repeat(100) + " */"));
    }
    log.close();
    assertThat(Files.size(path)).isLessThanOrEqualTo(1024);
    assertThat(Files.size(path.resolveSibling("queries.log.1"))).isLessThanOrEqualTo(1024);
    assertThat(path.resolveSibling("queries.log.2")).exists();
    assertThat(path.resolveSibling("queries.log.3")).doesNotExist();
    List<String> newest = lines(path);
    assertThat(newest.get(newest.size() - 1)).contains("\"query\":\"select 39 /*");
    // Files hold consecutive statements: .1 ends right before the current file begins.
    List<String> previous = lines(path.resolveSibling("queries.log.1"));
    int lastOfPrevious = number(previous.get(previous.size() - 1));
    assertThat(number(newest.get(0))).isEqualTo(lastOfPrevious + 1);
  }

  private static int number(String line) {
    String rest = line.substring(line.indexOf("\"query\":\"select ") + 16);
    return Integer.parseInt(rest.substring(0, rest.indexOf(' ')));
  }

  @Test
  void lineHasTheFieldsAndRedactsWhenAsked() throws Exception {
    Path path = directory.resolve("redacted.log");
    QueryLog log = new QueryLog(new QueryLogSettings(path, 1 << 20, 1, true), 10, () -> { });
    log.start();
    log.offer(new QueryLog.Entry(0, "alice", "acme", "acme", 1001, "extended", 2_500_000, 3, "22012",
        "select * from t where name = 'Ada' and id > 42"));
    log.close();
    assertThat(lines(path)).containsExactly("{\"time\":\"1970-01-01T00:00:00Z\",\"user\":\"alice\","
        + "\"org\":\"acme\",\"pid\":1001,\"protocol\":\"extended\",\"duration_ms\":2.5,\"rows\":3,"
        + "\"sqlstate\":\"22012\",\"query\":\"select * from t where name = $1 and id > $2\"}");
  }

  @Test
  void passwordsNeverReachTheLogEvenWithoutRedaction() throws Exception {
    Path path = directory.resolve("plain.log");
    QueryLog log = new QueryLog(new QueryLogSettings(path, 1 << 20, 1, false), 10, () -> { });
    log.start();
    log.offer(entry("ALTER USER bob PASSWORD 'hunter2'"));
    log.offer(entry("create secret s3cred (TYPE s3, KEY_ID 'AKIAX', SECRET 'hunter3')"));
    log.offer(entry("select 'visible'"));
    log.close();
    String text = Files.readString(path);
    assertThat(text).doesNotContain("hunter2").doesNotContain("hunter3").doesNotContain("AKIAX")
        .contains("ALTER USER bob PASSWORD $1").contains("select 'visible'");
  }

  @Test
  void fullQueueDropsAndCountsWithoutBlocking() throws Exception {
    Path path = directory.resolve("full.log");
    AtomicInteger dropped = new AtomicInteger();
    QueryLog log = new QueryLog(new QueryLogSettings(path, 1 << 20, 1, false), 5,
        dropped::incrementAndGet);
    // The writer is not running yet: the queue fills and the rest is dropped at once.
    long started = System.nanoTime();
    for (int i = 0; i < 12; i++) {
      log.offer(entry("select " + i));
    }
    assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    assertThat(dropped).hasValue(7);
    log.start();
    log.close();
    List<String> written = new ArrayList<>(lines(path));
    assertThat(written).hasSize(5);
    assertThat(written.get(4)).contains("select 4");
  }
}
