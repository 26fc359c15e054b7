package io.duckgres.it.ducklake;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.it.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DuckLake catalog in a real PostgreSQL (the metadata store) with its Parquet files in a local
 * directory, driven through the real server process with pgJDBC.
 */
class DuckLakePostgresTest {
  @TempDir Path directory;

  @Test
  void tablesLiveInTheLakeAndSurviveARestart() throws Exception {
    String database = MetadataPostgres.createDatabase("lake");
    Path dataPath = directory.resolve("lake-files");
    LakeServer config = new LakeServer()
        .set("metadata_store", MetadataPostgres.connectionString(database, MetadataPostgres.port()))
        .set("data_path", dataPath.toString());
    ServerProcess server = config.start(directory.resolve("server"));
    try (Connection connection = server.connect(); Statement statement =
        connection.createStatement()) {
      statement.execute("CREATE TABLE events (id INTEGER, name VARCHAR)");
      assertThat(statement.executeUpdate(
          "INSERT INTO events VALUES (1, 'one'), (2, 'two'), (3, 'three')")).isEqualTo(3);
      assertThat(statement.executeUpdate("UPDATE events SET name = 'TWO' WHERE id = 2"))
          .isEqualTo(1);
      assertThat(statement.executeUpdate("DELETE FROM events WHERE id = 3")).isEqualTo(1);
      assertThat(rows(statement, "SELECT id, name FROM events ORDER BY id"))
          .containsExactly("1 one", "2 TWO");
      // Small inserts are inlined into the catalog; a larger one is written as Parquet.
      statement.execute("CREATE TABLE numbers AS SELECT range AS n FROM range(1000)");
      assertThat(rows(statement, "SELECT count(*), sum(n) FROM numbers"))
          .containsExactly("1000 499500");
    }
    assertThat(parquetFiles(dataPath)).as("Parquet files under the data path").isNotEmpty();
    assertThat(MetadataPostgres.tables(database, "ducklake_"))
        .as("DuckLake's catalog tables in PostgreSQL")
        .contains("ducklake_metadata", "ducklake_snapshot", "ducklake_table", "ducklake_data_file");
    assertThat(MetadataPostgres.lakeTables(database))
        .as("unqualified CREATE TABLE landed in the lake, not in the user's DuckDB file")
        .containsExactly("events", "numbers");
    assertThat(server.stop()).isZero();
    assertThat(server.log()).as("the metadata store's password never reaches the log")
        .doesNotContain(MetadataPostgres.PASSWORD)
        .contains("password=***");

    ServerProcess restarted = config.start(directory.resolve("server"));
    try (Connection connection = restarted.connect(); Statement statement =
        connection.createStatement()) {
      assertThat(rows(statement, "SELECT id, name FROM events ORDER BY id"))
          .containsExactly("1 one", "2 TWO");
      assertThat(rows(statement, "SELECT count(*) FROM numbers")).containsExactly("1000");
    } finally {
      restarted.stop();
    }
  }

  static List<String> rows(Statement statement, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i == 1 ? "" : " ").append(result.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  static List<Path> parquetFiles(Path root) throws Exception {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(file -> file.toString().endsWith(".parquet")).toList();
    }
  }
}
