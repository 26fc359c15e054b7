package io.duckgres.engine.security;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a database opened for an ordinary user may reach, enforced by DuckDB itself once the
 * server has finished opening it (loading extensions, attaching the lake, installing the catalog):
 *
 * <ul>
 *   <li>{@code enable_external_access = false}: no file, URL or database outside the server's own
 *       directories, so no read_text/read_csv/glob of server files, no COPY to or from a path, no
 *       ATTACH of a path, no EXPORT/IMPORT DATABASE, no LOAD/INSTALL. DuckDB keeps allowing its
 *       temp directory (one per database here, so users never see each other's spill or COPY
 *       files) and the {@code allowed_directories} the server needs (the lake's data path).
 *       Once off it cannot be turned on again while the database runs.
 *   <li>{@code lock_configuration = true} with {@code allowed_configs}: no SET of a DuckDB setting
 *       beyond {@link #SESSION_SETTINGS}, the per-session ones (time zone, error format, ...).
 *       memory_limit, threads, temp_directory and the rest stay as the operator set them.
 * </ul>
 *
 * A superuser's database is opened without these, as a PostgreSQL superuser may read server files
 * and change any setting; {@link #allowSessionSettings} still runs there, so a superuser who locks
 * the configuration does not lock every later session out.
 *
 * <p>A tenant's admin is a superuser inside the tenant's walls only: its sessions get a database
 * instance of their own that is closed to files like an ordinary user's (one org never names
 * another org's or the server's files, and LOAD of native code into the shared worker stays
 * refused) but whose configuration also allows {@link #SUPERUSER_SETTINGS}. Settings that name a
 * path (temp_directory, extension_directory, secret_directory, profile_output, ...) stay locked:
 * DuckDB lets a database reach its temp directory even without external access, so moving it
 * would open a way out.
 */
public final class DatabaseAccess {
  /**
   * DuckDB settings every user may SET. All but default_null_order are kept per connection in
   * DuckDB 1.5 (a plain SET changes the session that runs it and nothing else). default_null_order
   * is database-wide there, but every session sets it when it opens (PostgreSQL's NULL order), so
   * it must stay settable; one user's database is that user's alone, so a change reaches only the
   * same user's sessions, and the next session to open puts PostgreSQL's order back. Settings that
   * DuckDB keeps database-wide (default_order, default_collation, memory_limit, threads, ...),
   * that print to the server's output (profiling) or that change the form of DuckDB's errors
   * (errors_as_json, which the server reads to pick SQLSTATEs) are not here.
   */
  public static final List<String> SESSION_SETTINGS = List.of(
      "TimeZone", "integer_division", "default_null_order", "Calendar", "search_path", "schema",
      "enable_progress_bar", "enable_progress_bar_print", "progress_bar_time",
      "explain_output", "ieee_floating_point_ops", "max_expression_depth",
      "ordered_aggregate_threshold", "binary_as_string", "enable_caching_operators",
      "jdbc_stream_results");

  /**
   * Database-wide DuckDB settings a tenant's admin may SET besides {@link #SESSION_SETTINGS}: they
   * change the admin sessions' own database instance and name no file.
   */
  public static final List<String> SUPERUSER_SETTINGS = List.of(
      "memory_limit", "max_memory", "threads", "worker_threads", "default_order",
      "default_collation", "preserve_insertion_order", "checkpoint_threshold",
      "wal_autocheckpoint", "max_temp_directory_size", "enable_object_cache",
      "immediate_transaction_mode", "late_materialization_max_rows");

  private DatabaseAccess() {}

  /** Lets {@link #SESSION_SETTINGS} be changed even under a locked configuration. */
  public static void allowSessionSettings(Connection root) throws SQLException {
    allowSettings(root, SESSION_SETTINGS);
  }

  /**
   * Lets {@link #SESSION_SETTINGS} and {@link #SUPERUSER_SETTINGS} be changed under a locked
   * configuration: a tenant admin's database.
   */
  public static void allowSuperuserSettings(Connection root) throws SQLException {
    List<String> settings = new ArrayList<>(SESSION_SETTINGS);
    settings.addAll(SUPERUSER_SETTINGS);
    allowSettings(root, settings);
  }

  private static void allowSettings(Connection root, List<String> names) throws SQLException {
    Set<String> known = new HashSet<>();
    try (Statement statement = root.createStatement();
        ResultSet rows = statement.executeQuery("SELECT name FROM duckdb_settings()")) {
      while (rows.next()) {
        known.add(rows.getString(1));
      }
    }
    List<String> allowed = new ArrayList<>();
    for (String name : names) {
      if (known.contains(name)) {
        allowed.add(literal(name));
      }
    }
    try (Statement statement = root.createStatement()) {
      statement.execute("SET allowed_configs = [" + String.join(", ", allowed) + "]");
    }
  }

  /**
   * Closes the database to everything outside {@code directories} (and DuckDB's temp directory)
   * and locks its configuration. Irreversible for the life of the database instance.
   *
   * @param directories directories (or URL prefixes such as {@code s3://bucket/lake/}) sessions
   *     must still read and write, each ending in a separator
   */
  public static void restrict(Connection root, List<String> directories) throws SQLException {
    List<String> quoted = new ArrayList<>();
    for (String directory : directories) {
      quoted.add(literal(directory));
    }
    try (Statement statement = root.createStatement()) {
      statement.execute("SET allowed_directories = [" + String.join(", ", quoted) + "]");
      statement.execute("SET enable_external_access = false");
      statement.execute("SET lock_configuration = true");
    }
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
