package io.duckgres.it.ducklake;

import static io.duckgres.it.ducklake.DuckLakePostgresTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.it.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DuckLake catalog whose metadata store behaves like CockroachDB: {@link CockroachLikeProxy} in
 * front of a real PostgreSQL, because no CockroachDB server can run here.
 */
class DuckLakeCockroachTest {
  private static final int CLIENTS = 4;
  private static final int INSERTS_PER_CLIENT = 100;

  @TempDir Path directory;

  @Test
  void withoutTheFlavorAttachFailsOnBinaryCopyAndSaysWhatToSet() throws Exception {
    String database = MetadataPostgres.createDatabase("crdb_plain");
    try (CockroachLikeProxy proxy = new CockroachLikeProxy(MetadataPostgres.port(), 1)) {
      ServerProcess server = new LakeServer()
          .set("metadata_store", MetadataPostgres.connectionString(database, proxy.port()))
          .set("data_path", directory.resolve("lake-files").toString())
          .start(directory.resolve("server"));
      try {
        assertThatThrownBy(server::connect)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("could not attach DuckLake catalog")
            .hasMessageContaining("at or near \"binary\": syntax error: unimplemented")
            .hasMessageContaining("metadata_store_flavor: cockroachdb")
            .hasMessageNotContaining(MetadataPostgres.PASSWORD);
      } finally {
        server.stop();
      }
      assertThat(proxy.binaryCopiesRefused()).isPositive();
      assertThat(server.log())
          .contains("at or near \"binary\"")
          .doesNotContain(MetadataPostgres.PASSWORD);
    }
  }

  @Test
  void cockroachFlavorWorksAndConcurrentWritersLoseNoCommits() throws Exception {
    String database = MetadataPostgres.createDatabase("crdb");
    try (CockroachLikeProxy proxy = new CockroachLikeProxy(MetadataPostgres.port(), 42)) {
      ServerProcess server = new LakeServer()
          .set("metadata_store", MetadataPostgres.connectionString(database, proxy.port()))
          .set("metadata_store_flavor", "cockroachdb")
          .set("data_path", directory.resolve("lake-files").toString())
          .start(directory.resolve("server"));
      try {
        try (Connection connection = server.connect(); Statement statement =
            connection.createStatement()) {
          statement.execute("CREATE TABLE accounts (id INTEGER, balance INTEGER)");
          statement.executeUpdate("INSERT INTO accounts VALUES (1, 100), (2, 200), (3, 300)");
          statement.executeUpdate("UPDATE accounts SET balance = balance + 1 WHERE id = 1");
          statement.executeUpdate("DELETE FROM accounts WHERE id = 2");
          statement.execute("ALTER TABLE accounts ADD COLUMN note VARCHAR");
          assertThat(rows(statement, "SELECT id, balance, note FROM accounts ORDER BY id"))
              .containsExactly("1 101 null", "3 300 null");
          statement.execute("CREATE TABLE writes (client INTEGER, n INTEGER)");
        }
        assertThat(proxy.binaryCopiesRefused()).as("binary COPY reached the store").isZero();
        assertThat(proxy.ctidRefused()).as("ctid reached the store").isZero();

        proxy.failCommits(0.25);
        runConcurrentWriters(server);
        proxy.failCommits(0);

        try (Connection connection = server.connect(); Statement statement =
            connection.createStatement()) {
          assertThat(rows(statement, "SELECT count(*), count(DISTINCT (client, n)) FROM writes"))
              .containsExactly(CLIENTS * INSERTS_PER_CLIENT + " " + CLIENTS * INSERTS_PER_CLIENT);
        }
        assertThat(proxy.commitsFailed()).as("the proxy failed commits (%s)", proxy)
            .isGreaterThan(CLIENTS * INSERTS_PER_CLIENT / 10);
        assertThat(proxy.binaryCopiesRefused()).isZero();
        assertThat(proxy.ctidRefused()).isZero();
      } finally {
        server.stop();
      }
    }
  }

  /**
   * Autocommit inserts from several sessions at once; each one must land exactly once although
   * a quarter of the metadata commits fail. Simple query protocol, the path the retry is wired
   * into (see the report on EngineSession).
   */
  private static void runConcurrentWriters(ServerProcess server) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int client = 0; client < CLIENTS; client++) {
        int id = client;
        clients.add(pool.submit(() -> {
          Properties simple = new Properties();
          simple.setProperty("preferQueryMode", "simple");
          try (Connection connection = server.connect("postgres", ServerProcess.PASSWORD, simple);
              Statement statement = connection.createStatement()) {
            for (int n = 0; n < INSERTS_PER_CLIENT; n++) {
              statement.executeUpdate("INSERT INTO writes VALUES (" + id + ", " + n + ")");
            }
          }
          return null;
        }));
      }
      for (Future<?> client : clients) {
        client.get(150, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
