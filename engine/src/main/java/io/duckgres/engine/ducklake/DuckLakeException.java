package io.duckgres.engine.ducklake;

/**
 * A DuckLake catalog could not be attached. The message and hint are safe to log and to send to a
 * client: passwords and S3 secrets are masked.
 */
public final class DuckLakeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String hint;

  public DuckLakeException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  /** What the operator can change, or null. */
  public String hint() {
    return hint;
  }
}
