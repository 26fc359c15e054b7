package io.duckgres.server.tls;

/**
 * The certificate or key cannot be used. The message names the file, because the operator's next
 * step is always to look at that file.
 */
public final class TlsMaterialException extends Exception {
  public TlsMaterialException(String message) {
    super(message);
  }

  public TlsMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}
