package io.duckgres.server.operations;

import java.nio.file.Path;

/**
 * Where and how the query log is written.
 *
 * @param path the current file; older ones are {@code path.1} (newest) to {@code path.N}
 * @param maxSize bytes after which the file is rotated
 * @param maxFiles rotated files kept besides the current one
 * @param redact whether literals in the statement text are replaced by {@code $n} placeholders
 */
public record QueryLogSettings(Path path, long maxSize, int maxFiles, boolean redact) {
  public static final long DEFAULT_MAX_SIZE = 100L * 1024 * 1024;
  public static final int DEFAULT_MAX_FILES = 5;

  public QueryLogSettings {
    if (maxSize < 1024) {
      throw new IllegalArgumentException("query_log.max_size must be at least 1kB");
    }
    if (maxFiles < 0) {
      throw new IllegalArgumentException("query_log.max_files must not be negative");
    }
  }
}
