package io.duckgres.pgwire;

/**
 * An error bound for the client as an ErrorResponse. Carries everything the message can hold
 * that we know: severity, SQLSTATE, message, and optionally detail, hint and a 1-based character
 * position into the statement text.
 */
public class PgException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** ERROR ends the statement; FATAL ends the session. */
  public enum Severity {
    ERROR,
    FATAL,
    PANIC
  }

  private final Severity severity;
  private final SqlState sqlState;
  private final String detail;
  private final String hint;
  private final int position;
  private String where;

  public PgException(SqlState sqlState, String message) {
    this(Severity.ERROR, sqlState, message, null, null, 0, null);
  }

  public PgException(
      Severity severity,
      SqlState sqlState,
      String message,
      String detail,
      String hint,
      int position,
      Throwable cause) {
    super(message, cause);
    this.severity = severity;
    this.sqlState = sqlState;
    this.detail = detail;
    this.hint = hint;
    this.position = position;
  }

  public static PgException fatal(SqlState sqlState, String message) {
    return new PgException(Severity.FATAL, sqlState, message, null, null, 0, null);
  }

  public Severity severity() {
    return severity;
  }

  public SqlState sqlState() {
    return sqlState;
  }

  /** Optional DETAIL field, or null. */
  public String detail() {
    return detail;
  }

  /** Optional HINT field, or null. */
  public String hint() {
    return hint;
  }

  /** 1-based position in the query string, or 0 when unknown. */
  public int position() {
    return position;
  }

  /** Optional WHERE (context) field: where the error happened, e.g. "COPY t, line 3". */
  public String where() {
    return where;
  }

  /** Sets the context of this error and returns it. */
  public PgException withContext(String context) {
    this.where = context;
    return this;
  }

  /** The same error with its position shifted by {@code offset} characters (0 stays unknown). */
  public PgException withPositionOffset(int offset) {
    if (position <= 0 || offset == 0) {
      return this;
    }
    return new PgException(severity, sqlState, getMessage(), detail, hint, position + offset, this)
        .withContext(where);
  }

  public boolean isFatal() {
    return severity != Severity.ERROR;
  }
}
