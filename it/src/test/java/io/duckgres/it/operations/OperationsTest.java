package io.duckgres.it.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.it.ServerProcess;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The metrics endpoint and the query log of a real standalone server process, driven by pgJDBC:
 * the numbers move as statements run, and each statement leaves one JSON line.
 */
class OperationsTest {
  @TempDir static Path dataDir;
  static ServerProcess server;
  static int metricsPort;
  static Path queryLog;

  @BeforeAll
  static void start() throws Exception {
    metricsPort = ServerProcess.freePort();
    queryLog = dataDir.resolve("logs/queries.log");
    server = ServerProcess.start(dataDir, "--metrics-port", Integer.toString(metricsPort),
        "--query-log-path", queryLog.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String scrape() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
            .timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The value of the first sample whose name and labels start with {@code prefix}; 0 if none. */
  private static double value(String text, String prefix) {
    double sum = 0;
    for (String line : text.lines().toList()) {
      if (line.startsWith(prefix)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  @Test
  void metricsMoveAsStatementsRun() throws Exception {
    String before = scrape();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      String during = scrape();
      assertThat(value(during, "duckgres_connections{user=\"postgres\"}"))
          .isGreaterThanOrEqualTo(1);
      s.execute("create table metric_rows as select range as n from range(1000)");
      try (ResultSet rs = s.executeQuery("select n from metric_rows")) {
        while (rs.next()) {
          // Read every row: they are sent.
        }
      }
      assertThatThrownBy(() -> s.execute("select 'abc'::int")).isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> s.execute("select * from no_such_table"))
          .isInstanceOf(SQLException.class);
      long loaded = c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY metric_rows FROM STDIN", new StringReader("1\n2\n3\n"));
      assertThat(loaded).isEqualTo(3);
    }
    Properties wrong = new Properties();
    assertThatThrownBy(() -> server.connect("postgres", "not the password", wrong).close())
        .isInstanceOf(SQLException.class);

    String after = scrape();
    assertThat(value(after, "duckgres_statements_total{command=\"SELECT\",sqlstate_class=\"00\"}")
        - value(before, "duckgres_statements_total{command=\"SELECT\",sqlstate_class=\"00\"}"))
        .isGreaterThanOrEqualTo(2);
    assertThat(value(after, "duckgres_statements_total{command=\"SELECT\",sqlstate_class=\"22\"}")
        - value(before, "duckgres_statements_total{command=\"SELECT\",sqlstate_class=\"22\"}"))
        .isEqualTo(1);
    assertThat(value(after, "duckgres_statements_total{command=\"SELECT\",sqlstate_class=\"42\"}")
        - value(before, "duckgres_statements_total{command=\"SELECT\",sqlstate_class=\"42\"}"))
        .isEqualTo(1);
    assertThat(value(after, "duckgres_rows_sent_total") - value(before, "duckgres_rows_sent_total"))
        .isGreaterThanOrEqualTo(1000);
    assertThat(value(after, "duckgres_bytes_sent_total")
        - value(before, "duckgres_bytes_sent_total")).isGreaterThan(1000 * 5);
    assertThat(value(after, "duckgres_copy_rows_in_total")
        - value(before, "duckgres_copy_rows_in_total")).isEqualTo(3);
    assertThat(value(after, "duckgres_authentication_failures_total")
        - value(before, "duckgres_authentication_failures_total")).isEqualTo(1);
    assertThat(value(after, "duckgres_statement_duration_seconds_count")
        - value(before, "duckgres_statement_duration_seconds_count")).isGreaterThanOrEqualTo(5);
    assertThat(after).contains("duckgres_statement_duration_seconds_bucket{le=\"0.1\"}");
    assertThat(value(after, "duckgres_duckdb_memory_bytes")).isGreaterThan(0);
    assertThat(after).contains("duckgres_duckdb_spilled_bytes");
    assertThat(value(after, "duckgres_connections{user=\"postgres\"}")).isEqualTo(0);
  }

  @Test
  void queryLogHasOneLinePerStatementAndNoPassword() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("select 'log me' as marker");
      try {
        s.execute("ALTER USER postgres PASSWORD 'very-secret-word'");
      } catch (SQLException refusedOrNot) {
        // Whether or not the server accepts it, the password must not be logged.
      }
    }
    List<String> lines = awaitLine("log me");
    String marker = lines.stream().filter(line -> line.contains("log me")).findFirst().get();
    assertThat(marker).contains("\"user\":\"postgres\"").contains("\"protocol\":\"extended\"")
        .contains("\"sqlstate\":\"00000\"").contains("\"rows\":1").contains("\"pid\":")
        .contains("\"duration_ms\":");
    assertThat(lines).anyMatch(line -> line.contains("ALTER USER postgres PASSWORD $1"));
    assertThat(String.join("\n", lines)).doesNotContain("very-secret-word");
  }

  private static List<String> awaitLine(String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<String> lines = Files.exists(queryLog) ? Files.readAllLines(queryLog) : List.of();
      boolean found = lines.stream().anyMatch(line -> line.contains(text))
          && lines.stream().anyMatch(line -> line.contains("ALTER USER"));
      if (found || System.nanoTime() > deadline) {
        return lines;
      }
      Thread.sleep(50);
    }
  }
}
