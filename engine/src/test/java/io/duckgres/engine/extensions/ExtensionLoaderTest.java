package io.duckgres.engine.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real DuckDB: built-in extensions, the fetched binaries, and an empty directory. */
class ExtensionLoaderTest {
  @TempDir Path emptyDirectory;

  static Connection open(Path extensionDirectory) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("extension_directory", extensionDirectory.toString());
    // DuckDB's defaults (it autoinstalls known extensions on LOAD), but as if offline, also on a
    // machine with internet: downloads go to a closed local port.
    properties.setProperty("custom_extension_repository", "http://127.0.0.1:9/");
    return DriverManager.getConnection("jdbc:duckdb:", properties);
  }

  @Test
  void builtInExtensionsJustLoad() throws Exception {
    try (Connection connection = open(emptyDirectory)) {
      new ExtensionLoader(emptyDirectory)
          .load(connection, List.of("parquet", "json", "icu"), List.of());
      assertThat(loaded(connection)).contains("parquet", "json", "icu");
    }
  }

  @Test
  void fetchedBinariesLoadFromTheExtensionDirectory() throws Exception {
    Path directory = FetchedExtensions.directory();
    try (Connection connection = open(directory)) {
      new ExtensionLoader(directory).load(connection, List.of("ducklake"),
          List.of("ducklake", "postgres_scanner", "httpfs"));
      assertThat(loaded(connection)).contains("ducklake", "postgres_scanner", "httpfs");
    }
  }

  @Test
  void aMissingRequiredExtensionFailsNamingItAndHowToGetIt() throws Exception {
    try (Connection connection = open(emptyDirectory)) {
      assertThatThrownBy(() -> new ExtensionLoader(emptyDirectory)
          .load(connection, List.of(), List.of("postgres_scanner")))
          .isInstanceOf(ExtensionException.class)
          .hasMessageStartingWith("extension \"postgres_scanner\" is not installed in "
              + emptyDirectory + "/v1.5.5/linux_amd64 and could not be downloaded")
          .hasMessageContaining("Run scripts/fetch-extensions")
          .hasMessageContaining("allow internet access so DuckDB can INSTALL it")
          .satisfies(e -> assertThat(((ExtensionException) e).extension())
              .isEqualTo("postgres_scanner"));
    }
  }

  @Test
  void ducklakeOnTheDefaultListIsOptionalWithoutALake() throws Exception {
    try (Connection connection = open(emptyDirectory)) {
      new ExtensionLoader(emptyDirectory).load(connection, List.of("ducklake", "json"), List.of());
      assertThat(loaded(connection)).contains("json").doesNotContain("ducklake");
      assertThat(Files.list(emptyDirectory)).as("nothing downloaded").isEmpty();
    }
  }

  @Test
  void anExplicitlyListedExtensionIsRequired() throws Exception {
    try (Connection connection = open(emptyDirectory)) {
      assertThatThrownBy(() -> new ExtensionLoader(emptyDirectory)
          .load(connection, List.of("httpfs"), List.of()))
          .hasMessageStartingWith("extension \"httpfs\" is not installed");
    }
  }

  @Test
  void namesMustBePlainIdentifiers() {
    assertThat(ExtensionLoader.checkName(" HTTPFS ")).isEqualTo("httpfs");
    assertThatThrownBy(() -> ExtensionLoader.checkName("httpfs; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid extension name");
    assertThatThrownBy(() -> ExtensionLoader.checkName("")).isInstanceOf(
        IllegalArgumentException.class);
  }

  private static List<String> loaded(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT extension_name FROM duckdb_extensions() WHERE loaded ORDER BY 1")) {
      List<String> names = new java.util.ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    }
  }
}
