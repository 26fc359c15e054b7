package io.duckgres.engine;

/** A session's transaction state, as ReadyForQuery reports it. */
public enum TransactionStatus {
  /** Not in a transaction block: 'I'. */
  IDLE('I'),
  /** In a transaction block: 'T'. */
  IN_TRANSACTION('T'),
  /** In a failed transaction block; statements are refused until ROLLBACK: 'E'. */
  FAILED('E');

  private final char indicator;

  TransactionStatus(char indicator) {
    this.indicator = indicator;
  }

  /** The ReadyForQuery status byte. */
  public char indicator() {
    return indicator;
  }
}
