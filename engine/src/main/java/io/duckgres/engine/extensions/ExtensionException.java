package io.duckgres.engine.extensions;

/**
 * An extension could not be loaded. The message names the extension and says how to get it; it
 * is what the operator reads, in the log and in the client's FATAL error.
 */
public final class ExtensionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String extension;

  public ExtensionException(String extension, String message, Throwable cause) {
    super(message, cause);
    this.extension = extension;
  }

  /** The extension that is missing or failed to load. */
  public String extension() {
    return extension;
  }
}
