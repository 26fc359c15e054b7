package io.duckgres.engine;

import java.nio.file.Path;

/**
 * How DuckDB databases are opened.
 *
 * @param dataDirectory holds one DuckDB file per database and DuckDB's temp directory
 * @param memoryLimit DuckDB {@code memory_limit} (for example "4GB"), or null for DuckDB's default
 * @param threads DuckDB {@code threads}, or 0 for DuckDB's default (one per core)
 */
public record EngineSettings(Path dataDirectory, String memoryLimit, int threads) {}
