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
 * Results stream from DuckDB, and DuckDB keeps one open streaming result per connection: a
 * portal suspended half-way (pgJDBC's fetch size) must still deliver all its rows, in order,
 * when the client runs other statements on the same connection in between.
 */
class InterleavedPortalsTest {
  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aSuspendedPortalSurvivesOtherStatementsOnTheSameConnection() throws Exception {
    try (Connection connection = server.connect()) {
      connection.setAutoCommit(false);
      try (Statement outer = connection.createStatement();
          Statement inner = connection.createStatement()) {
        outer.setFetchSize(10);
        try (ResultSet rows = outer.executeQuery("select i from range(1000) t(i) order by i")) {
          long expected = 0;
          while (rows.next()) {
            assertThat(rows.getLong(1)).isEqualTo(expected++);
            if (expected % 97 == 0) {
              try (ResultSet other = inner.executeQuery("select count(*) from range(10)")) {
                other.next();
                assertThat(other.getLong(1)).isEqualTo(10);
              }
            }
          }
          assertThat(expected).isEqualTo(1000);
        }
      }
      connection.commit();
    }
  }
}
