package io.duckgres.server.operations;

import io.duckgres.engine.Database;
import io.duckgres.engine.DatabaseManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * DuckDB's own memory figures, summed over every open database: {@code duckdb_memory()} reports
 * the buffer manager's memory per tag and the bytes each tag spilled to temporary files. Read when
 * Prometheus scrapes (at most once a second), on a short-lived connection, so no session pays.
 */
final class DuckDbMemory {
  private static final long CACHE_NANOS = 1_000_000_000L;
  private static final String QUERY = "SELECT coalesce(sum(memory_usage_bytes), 0),"
      + " coalesce(sum(temporary_storage_bytes), 0) FROM duckdb_memory()";

  private volatile Supplier<DatabaseManager> databases = () -> null;
  private long readAt;
  private long memory;
  private long spilled;

  /** The databases to read from; replaced when a worker is bound to its tenant. */
  void watch(Supplier<DatabaseManager> databases) {
    this.databases = databases;
  }

  synchronized double memoryBytes() {
    refresh();
    return memory;
  }

  synchronized double spilledBytes() {
    refresh();
    return spilled;
  }

  private void refresh() {
    long now = System.nanoTime();
    if (readAt != 0 && now - readAt < CACHE_NANOS) {
      return;
    }
    readAt = now;
    long memorySum = 0;
    long spilledSum = 0;
    DatabaseManager manager = databases.get();
    if (manager != null) {
      for (Database database : manager.openDatabases()) {
        try (Connection connection = database.connect();
            Statement statement = connection.createStatement();
            ResultSet row = statement.executeQuery(QUERY)) {
          if (row.next()) {
            memorySum += row.getLong(1);
            spilledSum += row.getLong(2);
          }
        } catch (SQLException | RuntimeException closedMeanwhile) {
          // A database closed between listing and reading has nothing left to report.
        }
      }
    }
    memory = memorySum;
    spilled = spilledSum;
  }
}
