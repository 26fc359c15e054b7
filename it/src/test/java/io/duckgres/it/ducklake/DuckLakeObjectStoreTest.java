package io.duckgres.it.ducklake;

import static io.duckgres.it.ducklake.DuckLakePostgresTest.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.it.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake with its Parquet files in S3: a real S3-API server on loopback (s3proxy), the catalog
 * in the real PostgreSQL, the real server process in between.
 */
class DuckLakeObjectStoreTest {
  @TempDir Path directory;

  @Test
  void parquetFilesAreWrittenToTheBucketAndReadBack() throws Exception {
    String database = MetadataPostgres.createDatabase("s3lake");
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
          .start(directory.resolve("server"));
      try (Connection connection = server.connect(); Statement statement =
          connection.createStatement()) {
        statement.execute("CREATE TABLE measurements AS"
            + " SELECT range AS id, range * 0.5 AS value FROM range(5000)");
        statement.executeUpdate("DELETE FROM measurements WHERE id >= 4000");
        assertThat(rows(statement, "SELECT count(*), sum(id) FROM measurements"))
            .containsExactly("4000 7998000");
      } finally {
        server.stop();
      }
      assertThat(s3.objects("lake", ".parquet"))
          .as("data files in the bucket, under the prefix")
          .isNotEmpty()
          .allSatisfy(key -> assertThat(key).startsWith("warehouse/"));
      assertThat(server.log()).as("the S3 secret never reaches the log")
          .doesNotContain(ObjectStore.SECRET_KEY);
    }
  }
}
