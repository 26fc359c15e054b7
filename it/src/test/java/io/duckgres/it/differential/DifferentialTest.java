package io.duckgres.it.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.it.ServerProcess;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every statement of the corpus ({@code src/test/resources/differential/*.sql}) on a real
 * PostgreSQL 18 and on our server, and compares what came back: the column names and the rows as
 * text, row by row (the corpus orders every result that has more than one row), the affected-row
 * count of commands, or the SQLSTATE class of an error. Every difference, known or not, is listed
 * in {@code target/differential-report.txt}.
 *
 * <p>Both sides are reached with pgJDBC in the simple query protocol ({@code
 * preferQueryMode=simple}), so every value arrives as the text the server wrote into its DataRow
 * and the comparison sees exactly what psql would print. The extended protocol's type handling is
 * covered by {@code TypesTest}.
 *
 * <p>Each corpus file runs in order on one session per side, in a database that is fresh for the
 * run: a new database on PostgreSQL, a new data directory for our server; a file's set-up
 * statements (CREATE TABLE, INSERT) are part of the corpus and compared like the rest. A
 * statement marked {@code -- known: <reason>} is a documented difference (see {@code
 * docs/compatibility.md}, "Differences") and must still differ, so that fixing one shows up here;
 * every other statement must match.
 */
class DifferentialTest {
  @TempDir static Path dataDir;
  static ServerProcess server;
  static ReferencePostgres postgres;
  static final Map<String, Connection[]> SESSIONS = new HashMap<>();
  static final List<String> REPORT = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    // Both servers start at once: initdb and the JVM start are most of the run's time.
    CompletableFuture<ReferencePostgres> reference = CompletableFuture.supplyAsync(() -> {
      try {
        return ReferencePostgres.start();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    try {
      // Built into duckdb_jdbc: the run needs no downloaded extension (the default list has
      // ducklake).
      server = ServerProcess.start(dataDir, "--extensions", "parquet,json");
    } finally {
      postgres = reference.join();
    }
    try (Connection first = server.connect()) {
      // Fails the run once, here, when the server cannot open a session at all.
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Connection[] pair : SESSIONS.values()) {
      for (Connection connection : pair) {
        connection.close();
      }
    }
    Path report = Path.of("target", "differential-report.txt");
    Files.createDirectories(report.getParent());
    Files.write(report, REPORT, StandardCharsets.UTF_8);
    if (server != null) {
      server.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @TestFactory
  Stream<DynamicContainer> corpus() throws IOException, URISyntaxException {
    Path directory = Path.of(DifferentialTest.class.getResource("/differential").toURI());
    List<String> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
          .sorted().toList();
    }
    return files.stream().map(file -> DynamicContainer.dynamicContainer(file,
        Corpus.load(file).stream().map(statement -> DynamicTest.dynamicTest(
            statement.location() + " " + firstLine(statement.sql()), () -> check(statement)))));
  }

  private static void check(CorpusStatement statement) throws SQLException {
    Connection[] sessions = sessions(statement.file());
    // The two servers run the statement at the same time; each session still runs in order.
    CompletableFuture<Outcome> reference = CompletableFuture.supplyAsync(
        () -> Outcome.of(sessions[0], statement.sql(), statement.unordered()));
    Outcome actual = Outcome.of(sessions[1], statement.sql(), statement.unordered());
    Outcome expected = reference.join();
    boolean same = expected.sameAs(actual);
    String comparison = statement.location() + "\n  " + statement.sql().replace("\n", "\n  ")
        + "\n  postgres: " + expected.describe() + "\n  duckgres: " + actual.describe();
    if (!same || statement.isKnownDifference()) {
      REPORT.add((same ? "NOW MATCHES " : statement.isKnownDifference() ? "KNOWN " : "DIFFERS ")
          + comparison + (statement.isKnownDifference()
              ? "\n  known: " + statement.knownDifference() : "") + "\n");
    }
    if (statement.isKnownDifference()) {
      assertThat(same)
          .as("known difference (%s) no longer differs — remove its marker and its entry in"
              + " docs/compatibility.md\n%s", statement.knownDifference(), comparison)
          .isFalse();
    } else {
      assertThat(same).as("PostgreSQL and duckgres differ\n%s", comparison).isTrue();
    }
  }

  /** The file's session on each side: [PostgreSQL, duckgres], reopened if one was lost. */
  private static Connection[] sessions(String file) throws SQLException {
    Connection[] pair = SESSIONS.get(file);
    if (pair == null || pair[0].isClosed() || pair[1].isClosed()) {
      Properties simple = new Properties();
      simple.setProperty("preferQueryMode", "simple");
      pair = new Connection[] {
          postgres.connect(simple), server.connect("postgres", ServerProcess.PASSWORD, simple)};
      SESSIONS.put(file, pair);
    }
    return pair;
  }

  private static String firstLine(String sql) {
    String first = sql.lines().findFirst().orElse("");
    return first.length() > 80 ? first.substring(0, 77) + "..." : first;
  }
}
