package io.duckgres.engine;

import io.duckgres.engine.ducklake.DuckLakeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How DuckDB databases are opened.
 *
 * @param dataDirectory holds one DuckDB file per database and DuckDB's temp directory
 * @param memoryLimit DuckDB {@code memory_limit} (for example "4GB"), or null for DuckDB's default
 * @param threads DuckDB {@code threads}, or 0 for DuckDB's default (one per core)
 * @param extensions extensions to load when a database opens (see
 *     {@link io.duckgres.engine.extensions.ExtensionLoader})
 * @param extensionDirectory DuckDB's {@code extension_directory}, or null for DuckDB's default
 * @param duckLake the lake to attach when a database opens, or {@link DuckLakeConfig#disabled()}
 * @param superusers databases opened with every capability: those of superusers (a database is
 *     named after its user); every other database is closed to the server's files and settings
 */
public record EngineSettings(
    Path dataDirectory,
    String memoryLimit,
    int threads,
    List<String> extensions,
    Path extensionDirectory,
    DuckLakeConfig duckLake,
    Set<String> superusers) {

  public EngineSettings {
    superusers = superusers == null ? Set.of() : Set.copyOf(superusers);
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
    duckLake = duckLake == null ? DuckLakeConfig.disabled() : duckLake;
  }

  /** Without superusers: every database is an ordinary user's. */
  public EngineSettings(Path dataDirectory, String memoryLimit, int threads,
      List<String> extensions, Path extensionDirectory, DuckLakeConfig duckLake) {
    this(dataDirectory, memoryLimit, threads, extensions, extensionDirectory, duckLake, Set.of());
  }

  /** Plain DuckDB files: no extensions beyond the built-in ones, no lake, no superuser. */
  public EngineSettings(Path dataDirectory, String memoryLimit, int threads) {
    this(dataDirectory, memoryLimit, threads, List.of(), null, DuckLakeConfig.disabled());
  }
}
