package io.duckgres.server.auth;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;

/**
 * A password check failed: FATAL 28P01 with PostgreSQL's exact wording. Wrong password, unknown
 * user and a user without a usable password all end here with the same client-visible message, so
 * a client cannot probe which user names exist. Why it failed is kept in {@link #logDetail()},
 * meant for the server log only, as PostgreSQL writes its DETAIL to the log and not to the client.
 */
public final class AuthenticationFailedException extends PgException {
  private static final long serialVersionUID = 1L;

  private final String user;
  private final String logDetail;

  public AuthenticationFailedException(String user, String logDetail) {
    super(Severity.FATAL, SqlState.INVALID_PASSWORD, message(user), null, null, 0, null);
    this.user = user;
    this.logDetail = logDetail;
  }

  /**
   * The one place the failure text is produced (auth.c, {@code auth_failed} for
   * {@code uaPassword}/{@code uaSCRAM}). The name is not escaped, as in PostgreSQL.
   */
  public static String message(String user) {
    return "password authentication failed for user \"" + user + "\"";
  }

  /** The user named in the startup message. */
  public String user() {
    return user;
  }

  /** Why the check failed; for the server log only, never for the client. */
  public String logDetail() {
    return logDetail;
  }
}
