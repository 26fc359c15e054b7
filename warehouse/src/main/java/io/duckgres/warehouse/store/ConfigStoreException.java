package io.duckgres.warehouse.store;

/**
 * A config-store operation that could not be done, with the reason an API maps to a status:
 * {@link Reason#CONFLICT} (409), {@link Reason#NOT_FOUND} (404) or {@link Reason#UNAVAILABLE}
 * (the store itself failed: 503). Messages never carry secrets.
 */
public final class ConfigStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the operation was refused or failed. */
  public enum Reason {
    CONFLICT,
    NOT_FOUND,
    UNAVAILABLE
  }

  private final Reason reason;

  public ConfigStoreException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ConfigStoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
