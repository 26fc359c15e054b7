package io.duckgres.engine.extensions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** Where scripts/fetch-extensions put ducklake, postgres_scanner and httpfs for the tests. */
public final class FetchedExtensions {
  private FetchedExtensions() {}

  /** The directory (the engine pom passes it in); fails with what to run when it is empty. */
  public static Path directory() {
    Path directory = Path.of(System.getProperty("duckgres.extensions", "../.extensions"))
        .toAbsolutePath().normalize();
    assertThat(directory.resolve("v1.5.5/linux_amd64/ducklake.duckdb_extension"))
        .as("run scripts/fetch-extensions (bin/test does) to get the DuckLake extensions")
        .exists();
    return directory;
  }
}
