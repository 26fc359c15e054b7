package io.duckgres.it.ducklake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.it.ServerProcess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/**
 * COPY FROM STDIN into a DuckLake table, large enough that the server loads its first spool
 * segment while the client still sends: the lake table gets every row, or none after a bad one.
 */
class DuckLakeCopyTest {
  @TempDir Path directory;

  @Test
  void copyIntoALakeTableIsAtomicAcrossSegments() throws Exception {
    String database = MetadataPostgres.createDatabase("lakecopy");
    LakeServer config = new LakeServer()
        .set("metadata_store", MetadataPostgres.connectionString(database, MetadataPostgres.port()))
        .set("data_path", directory.resolve("lake-files").toString());
    ServerProcess server = config.start(directory.resolve("server"));
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE loaded (id BIGINT, note VARCHAR)");
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      assertThatThrownBy(() -> copy.copyIn("COPY loaded FROM STDIN (FORMAT csv)",
          new ByteArrayInputStream(wideCsv(400_000, 20_001))))
          .isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("22P02");
            assertThat(e.getServerErrorMessage().getWhere()).contains("line 20001");
          });
      assertThat(DuckLakePostgresTest.rows(statement, "SELECT count(*) FROM loaded"))
          .containsExactly("0");
      assertThat(copy.copyIn("COPY loaded FROM STDIN (FORMAT csv)",
          new ByteArrayInputStream(wideCsv(400_000, 0)))).isEqualTo(400_000);
      assertThat(DuckLakePostgresTest.rows(statement, "SELECT count(*), sum(id) FROM loaded"))
          .containsExactly("400000 80000200000");
    } finally {
      server.stop();
    }
    assertThat(MetadataPostgres.lakeTables(database)).contains("loaded");
  }

  /** Rows of about 200 bytes, so 400,000 of them spool to more than one 64 MB segment. */
  private static byte[] wideCsv(int rows, int badLine) {
    ByteArrayOutputStream csv = new ByteArrayOutputStream(rows * 205);
    byte[] padding = (",\"" + "p".repeat(190) + "\"\n").getBytes(StandardCharsets.US_ASCII);
    for (int i = 1; i <= rows; i++) {
      csv.writeBytes((i == badLine ? "x" : Integer.toString(i)).getBytes(StandardCharsets.US_ASCII));
      csv.writeBytes(padding);
    }
    return csv.toByteArray();
  }

}
