package io.duckgres.engine.extensions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads DuckDB extensions into a freshly opened database, offline first.
 *
 * <p>parquet, json, icu and core_functions are compiled into duckdb_jdbc and just load. The
 * others (ducklake, postgres_scanner, httpfs, ...) are binaries in DuckDB's extension directory,
 * laid out as {@code <extension_directory>/v<duckdb version>/<platform>/<name>.duckdb_extension}.
 * {@code scripts/fetch-extensions} fills that directory from the PyPI wheels
 * ({@code duckdb-extension-<name>}) when there is no internet; with internet, DuckDB's own
 * {@code INSTALL} downloads them. So each extension is LOADed from the directory first, and only
 * when it is not there is INSTALL tried, then LOAD again.
 *
 * <p>A required extension that still cannot be loaded fails the database open with one message
 * naming it and how to get it. {@code ducklake} is on the default list so that
 * {@code ATTACH 'ducklake:...'} works by hand, but without a configured lake nothing depends on
 * it: when it is missing then, the server warns once and goes on.
 */
public final class ExtensionLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ExtensionLoader.class);

  /** Compiled into duckdb_jdbc: LOAD never needs a file. */
  public static final Set<String> BUILT_IN = Set.of("parquet", "json", "icu", "core_functions");

  /** Loaded when present; missing only matters when a configured lake needs it. */
  static final String OPTIONAL_BY_DEFAULT = "ducklake";

  /** Extension names go into LOAD/INSTALL statements: nothing but a plain identifier. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private final Path directory;

  /**
   * @param directory the extension directory the database was opened with, or null for DuckDB's
   *     default ({@code ~/.duckdb/extensions}); only used in messages
   */
  public ExtensionLoader(Path directory) {
    this.directory = directory;
  }

  /** Checks a configured name, lower-cased. */
  public static String checkName(String name) {
    String normalized = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    if (!NAME.matcher(normalized).matches()) {
      throw new IllegalArgumentException(
          "invalid extension name '" + name + "' (expected a name such as ducklake or httpfs)");
    }
    return normalized;
  }

  /**
   * Loads {@code configured} (the {@code extensions} setting) and then whatever of
   * {@code neededByLake} is not among them.
   *
   * @throws ExtensionException for the first required extension that cannot be loaded
   */
  public void load(Connection connection, List<String> configured, List<String> neededByLake) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : configured) {
      names.add(checkName(name));
    }
    names.addAll(neededByLake);
    for (String name : names) {
      boolean required = neededByLake.contains(name) || !name.equals(OPTIONAL_BY_DEFAULT);
      loadOne(connection, name, required);
    }
  }

  private void loadOne(Connection connection, String name, boolean required) {
    if (!required && !isInstalled(connection, name)) {
      // Asked before LOAD, which would try to download it (DuckDB autoinstalls known extensions).
      if (WARNED.add(name)) {
        LOG.warn("extension {} is not installed in {}; it is only needed for a DuckLake catalog."
            + " Run scripts/fetch-extensions to get it", name, describeDirectory(connection));
      }
      return;
    }
    SQLException loadFailure;
    try {
      execute(connection, "LOAD " + name);
      LOG.debug("loaded extension {}", name);
      return;
    } catch (SQLException e) {
      loadFailure = e;
    }
    if (BUILT_IN.contains(name) || !isNotInstalled(loadFailure)) {
      throw new ExtensionException(name, "could not load extension \"" + name + "\": "
          + firstLine(loadFailure.getMessage()), loadFailure);
    }
    try {
      execute(connection, "INSTALL " + name);
      execute(connection, "LOAD " + name);
      LOG.info("installed extension {} from DuckDB's repository", name);
    } catch (SQLException installFailure) {
      throw new ExtensionException(name, missingMessage(connection, name, installFailure),
          installFailure);
    }
  }

  /**
   * The message an operator needs: which extension, where it was looked for, and the two ways to
   * get it.
   */
  private String missingMessage(Connection connection, String name, SQLException installFailure) {
    return "extension \"" + name + "\" is not installed in " + describeDirectory(connection)
        + " and could not be downloaded (" + firstLine(installFailure.getMessage()) + "). "
        + "Run scripts/fetch-extensions to unpack it from PyPI into the extension directory"
        + " (extension_directory), or allow internet access so DuckDB can INSTALL it";
  }

  /** {@code <dir>/v1.5.5/linux_amd64}, the folder DuckDB looked in. */
  private String describeDirectory(Connection connection) {
    String base = directory != null ? directory.toString() : "~/.duckdb/extensions";
    try {
      return base + "/" + queryOne(connection, "SELECT library_version FROM pragma_version()")
          + "/" + queryOne(connection, "SELECT platform FROM pragma_platform()");
    } catch (SQLException unknown) {
      return base;
    }
  }

  /**
   * DuckDB's "Extension ... not found" for a file that is absent, or its autoinstall's "Failed to
   * download extension" (not a file that is there but broken).
   */
  static boolean isNotInstalled(SQLException failure) {
    String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("not found") || message.contains("install it first")
        || message.contains("not installed") || message.contains("failed to download");
  }

  /** Whether the extension's file is in the extension directory (no network involved). */
  private static boolean isInstalled(Connection connection, String name) {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT installed FROM duckdb_extensions() WHERE extension_name = ?")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getBoolean(1);
      }
    } catch (SQLException unknown) {
      return false;
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String queryOne(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : "";
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
  }

  /** The names of {@code configured}, checked; for configuration code. */
  public static List<String> checkNames(List<String> configured) {
    List<String> names = new ArrayList<>();
    for (String name : configured) {
      names.add(checkName(name));
    }
    return List.copyOf(names);
  }
}
