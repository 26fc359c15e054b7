package io.duckgres.it.ducklake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.duckgres.it.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ordinary user's database has no external access, yet the lake the server attached keeps
 * working for it: Parquet files in the data path (local or S3) are written and read, the
 * metadata store is reached. Files outside the lake stay refused.
 */
class DuckLakeOrdinaryUserTest {
  @TempDir Path directory;

  @Test
  void anOrdinaryUserWorksInALocalLakeAndReachesNothingElse() throws Exception {
    String database = MetadataPostgres.createDatabase("userlake");
    ServerProcess server = new LakeServer()
        .set("metadata_store", MetadataPostgres.connectionString(database, MetadataPostgres.port()))
        .set("data_path", directory.resolve("lake-files").toString())
        .users(Map.of("alice", "wonderland"))
        .start(directory.resolve("server"));
    try {
      exercise(server);
    } finally {
      server.stop();
    }
  }

  @Test
  void anOrdinaryUserWorksInALakeOnS3() throws Exception {
    String database = MetadataPostgres.createDatabase("users3lake");
    try (ObjectStore s3 = ObjectStore.start(directory.resolve("s3"), "lake")) {
      ServerProcess server = new LakeServer()
          .set("metadata_store",
              MetadataPostgres.connectionString(database, MetadataPostgres.port()))
          .set("object_store", "s3://lake/warehouse/")
          .set("s3_endpoint", s3.endpoint())
          .set("s3_access_key", ObjectStore.ACCESS_KEY)
          .set("s3_secret_key", ObjectStore.SECRET_KEY)
          .set("s3_region", "us-east-1")
          .set("s3_url_style", "path")
          .set("s3_use_ssl", "false")
          .users(Map.of("alice", "wonderland"))
          .start(directory.resolve("server"));
      try {
        exercise(server);
      } finally {
        server.stop();
      }
      assertThat(s3.objects("lake", ".parquet")).isNotEmpty();
    }
  }

  private static void exercise(ServerProcess server) throws SQLException {
    try (Connection alice = server.connect("alice", "wonderland", new Properties());
        Statement statement = alice.createStatement()) {
      statement.execute("CREATE TABLE readings AS SELECT range AS id FROM range(20000)");
      statement.executeUpdate("DELETE FROM readings WHERE id >= 10000");
      statement.executeUpdate("INSERT INTO readings SELECT range FROM range(50000, 60000)");
      try (ResultSet rows = statement.executeQuery("SELECT count(*), sum(id) FROM readings")) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(20000);
        assertThat(rows.getLong(2)).isEqualTo(49995000L + 549995000L);
      }
      SQLException refused = catchThrowableOfType(SQLException.class,
          () -> statement.execute("SELECT * FROM read_text('/etc/passwd')"));
      assertThat(refused.getSQLState()).isEqualTo("42501");
    }
  }
}
