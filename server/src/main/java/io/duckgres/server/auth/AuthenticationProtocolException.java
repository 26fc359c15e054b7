package io.duckgres.server.auth;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;

/**
 * The client broke the authentication protocol (a malformed SCRAM or password message, an
 * unsupported SCRAM feature). Always FATAL: PostgreSQL ends the connection on these, and the
 * message and DETAIL follow the wording of PostgreSQL's {@code auth-scram.c} so clients and people
 * reading logs see the familiar text. Distinct from {@link AuthenticationFailedException} so the
 * session can tell a wrong password (28P01) from a broken client (08P01, 0A000).
 */
public final class AuthenticationProtocolException extends PgException {
  private static final long serialVersionUID = 1L;

  public AuthenticationProtocolException(SqlState sqlState, String message, String detail) {
    super(Severity.FATAL, sqlState, message, detail, null, 0, null);
  }

  /** 08P01 "malformed SCRAM message" with a DETAIL saying what was wrong. */
  static AuthenticationProtocolException malformedScram(String detail) {
    return new AuthenticationProtocolException(
        SqlState.PROTOCOL_VIOLATION, "malformed SCRAM message", detail);
  }

  /** 08P01 with a message of its own and no DETAIL. */
  static AuthenticationProtocolException violation(String message) {
    return new AuthenticationProtocolException(SqlState.PROTOCOL_VIOLATION, message, null);
  }

  /** 0A000: well-formed, but asks for something we (like PostgreSQL) do not implement. */
  static AuthenticationProtocolException unsupported(String message) {
    return new AuthenticationProtocolException(SqlState.FEATURE_NOT_SUPPORTED, message, null);
  }
}
