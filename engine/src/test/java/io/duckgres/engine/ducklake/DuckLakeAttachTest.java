package io.duckgres.engine.ducklake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.engine.Database;
import io.duckgres.engine.DatabaseManager;
import io.duckgres.engine.EngineSettings;
import io.duckgres.engine.extensions.FetchedExtensions;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening databases with a lake, through {@link DatabaseManager} and real DuckDB with the real
 * ducklake extension (a local catalog file: no PostgreSQL needed at this layer).
 */
class DuckLakeAttachTest {
  @TempDir Path directory;

  @AfterEach
  void forgetFlavor() {
    FlavorGuard.resetForTests();
  }

  private EngineSettings settings(DuckLakeConfig lake) {
    return new EngineSettings(directory.resolve("data"), "512MB", 1, List.of("ducklake"),
        FetchedExtensions.directory(), lake);
  }

  @Test
  void sessionsLandInTheLakeAndItsDataOutlivesTheProcess() throws Exception {
    DuckLakeConfig lake = DuckLakeConfig.of(
        directory.resolve("catalog.ducklake").toString(), directory.resolve("files"));
    try (DatabaseManager databases = new DatabaseManager(settings(lake))) {
      Database database = databases.database("alice");
      try (Connection first = database.connect(); Connection second = database.connect();
          Statement writer = first.createStatement(); Statement reader = second.createStatement()) {
        writer.execute("CREATE TABLE t AS SELECT range AS i FROM range(100)");
        assertThat(single(reader, "SELECT current_database()")).isEqualTo("ducklake");
        assertThat(single(reader, "SELECT sum(i) FROM t")).isEqualTo("4950");
      }
    }
    try (Stream<Path> files = Files.walk(directory.resolve("files"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".parquet"))).isNotEmpty();
    }
    try (DatabaseManager databases = new DatabaseManager(settings(lake));
        Connection connection = databases.database("alice").connect();
        Statement statement = connection.createStatement()) {
      assertThat(single(statement, "SELECT count(*) FROM t")).isEqualTo("100");
    }
  }

  @Test
  void anUnreachableMetadataStoreFailsTheOpenWithoutShowingThePassword() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    DuckLakeConfig lake = DuckLakeConfig.of("postgres:dbname=lake host=127.0.0.1 port="
        + closedPort + " user=u password=hunter2 connect_timeout=2", directory.resolve("files"));
    try (DatabaseManager databases = new DatabaseManager(settings(lake))) {
      assertThatThrownBy(() -> databases.database("bob"))
          .isInstanceOf(PgException.class)
          .satisfies(e -> {
            PgException error = (PgException) e;
            assertThat(error.severity()).isEqualTo(PgException.Severity.FATAL);
            assertThat(error.sqlState()).isEqualTo(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE);
          })
          .hasMessageStartingWith("could not attach DuckLake catalog (metadata store"
              + " postgres:dbname=lake host=127.0.0.1 port=" + closedPort
              + " user=u password=*** connect_timeout=2, flavor postgres)")
          .hasMessageNotContaining("hunter2");
    }
  }

  @Test
  void aSecondFlavorInTheSameProcessIsRefused() throws Exception {
    FlavorGuard.claim(MetadataStoreFlavor.POSTGRES);
    DuckLakeConfig lake = DuckLakeConfig.of("postgres:dbname=lake host=127.0.0.1 port=9",
        directory.resolve("files")).withMetadataStoreFlavor(MetadataStoreFlavor.COCKROACHDB);
    try (DatabaseManager databases = new DatabaseManager(settings(lake))) {
      assertThatThrownBy(() -> databases.database("carol"))
          .isInstanceOf(PgException.class)
          .hasMessageContaining("cannot also attach one of flavor cockroachdb");
    }
  }

  @Test
  void theCockroachHintAppearsOnlyForItsSymptoms() {
    DuckLakeConfig postgres = DuckLakeConfig.of("postgres:dbname=x", null);
    String binary = "Failed to prepare COPY \"COPY (...) TO STDOUT (FORMAT \"binary\")\": ERROR:"
        + "  at or near \"binary\": syntax error: unimplemented";
    assertThat(DuckLakeAttacher.failureHint(postgres, binary)).contains("cockroachdb");
    assertThat(DuckLakeAttacher.failureHint(postgres, "column \"ctid\" does not exist"))
        .contains("cockroachdb");
    assertThat(DuckLakeAttacher.failureHint(postgres, "connection refused")).isNull();
    assertThat(DuckLakeAttacher.failureHint(
        postgres.withMetadataStoreFlavor(MetadataStoreFlavor.COCKROACHDB), binary)).isNull();
  }

  private static String single(Statement statement, String sql) throws Exception {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }
}
