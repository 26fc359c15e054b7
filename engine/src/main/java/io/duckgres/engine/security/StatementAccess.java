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
 *       configuration file, not in the database (0A000, saying where they live).
 * </ul>
 *
 * Only the first words of the statement are read.
 */
public final class StatementAccess {
  private static final Pattern GLOBAL_SETTING = Pattern.compile(
      "^\\s*(?:set|reset)\\s+global\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern ALTER_ROLE = Pattern.compile(
      "^\\s*alter\\s+(?:user|role)\\b", Pattern.CASE_INSENSITIVE);

  private StatementAccess() {}

  /**
   * Throws the error PostgreSQL-like clients should see for {@code sql}, or returns.
   *
   * @param superuser whether the session's user is a superuser (configured {@code superuser:
   *     true}), who keeps every capability
   */
  public static void check(String sql, boolean superuser) {
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
}
