package io.duckgres.engine.security;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.regex.Pattern;

/**
 * The statements a session may not run, checked before DuckDB sees them. What an ordinary user
 * may touch is enforced by DuckDB itself (see {@link DatabaseAccess}: no external access outside
 * the server's own directories, a locked configuration with an allowlist of session settings);
 * this check only adds what DuckDB cannot tell apart:
 *
 * <ul>
 *   <li>{@code SET GLOBAL} / {@code RESET GLOBAL} by an ordinary user: DuckDB would accept it for
 *       an allowed setting and change the default of every session of the database, where
 *       PostgreSQL keeps SET session-local (42501);
 *   <li>{@code ALTER USER|ROLE ... PASSWORD}, for everyone: passwords live in the server's
 *       configuration file, not in the database (0A000, saying where they live);
 *   <li>in a database closed to the server's files (every user's but an unconfined superuser's):
 *       calls of the postgres extension's functions that open or use connections to database
 *       servers (postgres_scan, postgres_query, postgres_execute, ...), which DuckDB's external
 *       access switch does not cover, and which would reach the config store's server or the
 *       lake's catalog connection; the functions that run a statement given as text (query,
 *       query_table), which would hide such a call; and any mention of the lake's catalog
 *       database ({@code __ducklake_metadata_*}), which PostgreSQL would keep as a system
 *       catalog (42501). Names are read from the text outside string constants and comments.
 * </ul>
 *
 * Besides those names, only the first words of the statement are read.
 */
public final class StatementAccess {
  private static final Pattern GLOBAL_SETTING = Pattern.compile(
      "^\\s*(?:set|reset)\\s+global\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern ALTER_ROLE = Pattern.compile(
      "^\\s*alter\\s+(?:user|role)\\b", Pattern.CASE_INSENSITIVE);

  /** A cheap look before the lexical one: could the text mention a refused name at all? */
  private static final Pattern MAY_NAME_REFUSED = Pattern.compile(
      "postgres_|query|__ducklake_metadata_", Pattern.CASE_INSENSITIVE);
  private static final java.util.Set<String> CONNECTION_FUNCTIONS = java.util.Set.of(
      "postgres_scan", "postgres_scan_pushdown", "postgres_query", "postgres_execute",
      "postgres_attach", "postgres_clear_cache", "postgres_configure_pool");
  private static final java.util.Set<String> TEXT_STATEMENT_FUNCTIONS =
      java.util.Set.of("query", "query_table");
  private static final String LAKE_CATALOG_PREFIX = "__ducklake_metadata_";

  private StatementAccess() {}

  /**
   * As {@link #check(String, boolean, boolean)}; a superuser's database is unconfined, everyone
   * else's confined.
   */
  public static void check(String sql, boolean superuser) {
    check(sql, superuser, !superuser);
  }

  /**
   * Throws the error PostgreSQL-like clients should see for {@code sql}, or returns.
   *
   * @param superuser whether the session's user is a superuser (configured {@code superuser:
   *     true}, or a tenant's admin), who may change database-wide settings
   * @param confined whether the session's database is closed to the server's files (all but a
   *     configured superuser's own database)
   */
  public static void check(String sql, boolean superuser, boolean confined) {
    if (confined && MAY_NAME_REFUSED.matcher(sql).find()) {
      checkNames(sql);
    }
    if (ALTER_ROLE.matcher(sql).find()) {
      throw new PgException(PgException.Severity.ERROR, SqlState.FEATURE_NOT_SUPPORTED,
          "ALTER USER/ROLE is not supported: users and their passwords are set in the users "
              + "section of the server's configuration file",
          null, "Change the password in the configuration file and restart the server.", 0, null);
    }
    if (!superuser && GLOBAL_SETTING.matcher(sql).find()) {
      throw new PgException(PgException.Severity.ERROR, SqlState.INSUFFICIENT_PRIVILEGE,
          "permission denied to change a setting for the whole database",
          null, "Use SET without GLOBAL: it lasts for this session.", 0, null);
    }
  }

  private static void checkNames(String sql) {
    for (io.duckgres.engine.sql.SqlNames.Name name : io.duckgres.engine.sql.SqlNames.of(sql)) {
      if (name.called() && CONNECTION_FUNCTIONS.contains(name.name())) {
        throw new PgException(PgException.Severity.ERROR, SqlState.INSUFFICIENT_PRIVILEGE,
            "permission denied for function " + name.name(), null,
            "Only the server's superusers may open connections to other database servers.", 0,
            null);
      }
      if (name.called() && TEXT_STATEMENT_FUNCTIONS.contains(name.name())) {
        throw new PgException(PgException.Severity.ERROR, SqlState.INSUFFICIENT_PRIVILEGE,
            "permission denied for function " + name.name(), null,
            "Run the statement itself instead of passing it as text.", 0, null);
      }
      if (name.name().startsWith(LAKE_CATALOG_PREFIX)) {
        throw new PgException(PgException.Severity.ERROR, SqlState.INSUFFICIENT_PRIVILEGE,
            "permission denied for database " + name.name(), null,
            "The lake's catalog is kept by the server; use the lake's tables.", 0, null);
      }
    }
  }
}
