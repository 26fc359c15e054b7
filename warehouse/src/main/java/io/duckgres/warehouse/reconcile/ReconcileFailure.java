package io.duckgres.warehouse.reconcile;

/**
 * One reconcile step failed. {@link #retryable()} says whether trying again can help (a store
 * that did not answer) or not (a store that answers as the wrong flavor): the warehouse then
 * fails at once with this message instead of spending its attempts.
 */
final class ReconcileFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  ReconcileFailure(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  ReconcileFailure(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  boolean retryable() {
    return retryable;
  }
}
