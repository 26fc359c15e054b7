package io.duckgres.warehouse.api;

/** A request refused with an HTTP status and a message, answered as {@code {"error": ...}}. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public int status() {
    return status;
  }
}
