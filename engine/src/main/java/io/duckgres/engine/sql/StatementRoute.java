package io.duckgres.engine.sql;

/**
 * Who answers a statement: the session itself (transaction block, savepoints, parameters,
 * DISCARD, cursors, COPY's data stream) or DuckDB. Decided once from the statement's
 * {@link StatementKind}, and used alike by the simple and the extended protocol
 * ({@code EngineSession.execute} and {@code prepare}).
 */
public enum StatementRoute {
  /** BEGIN / START TRANSACTION, COMMIT / END, ROLLBACK / ABORT. */
  TRANSACTION,
  /** SAVEPOINT, RELEASE [SAVEPOINT], ROLLBACK TO [SAVEPOINT]. */
  SAVEPOINT,
  /** SET, RESET, SHOW: the session's parameters; DuckDB's own settings pass through. */
  SETTING,
  /** DISCARD ALL / PLANS / SEQUENCES / TEMP. */
  DISCARD,
  /** DECLARE, FETCH, MOVE, CLOSE over the session's cursors. */
  CURSOR,
  /** COPY: FROM STDIN / TO STDOUT stream through the protocol; to and from files run in DuckDB. */
  COPY,
  /** DEALLOCATE ALL, which DuckDB lacks: statements prepared with Parse stay until Close. */
  DEALLOCATE_ALL,
  /**
   * LOCK TABLE, which DuckDB lacks: accepted inside a transaction block (DuckDB's transactions
   * already read one snapshot, what pg_dump locks its tables for), refused outside one.
   */
  LOCK,
  /** Everything else: translated and run by DuckDB. */
  QUERY;

  static StatementRoute of(StatementKind kind) {
    switch (kind.command()) {
      case BEGIN:
      case COMMIT:
      case ROLLBACK:
        return TRANSACTION;
      case FETCH:
      case MOVE:
        return CURSOR;
      case COPY:
        return COPY;
      default:
        break;
    }
    if (kind.command() != StatementKind.Command.UTILITY) {
      return QUERY;
    }
    String tag = kind.tagName();
    switch (tag) {
      case "SAVEPOINT":
      case "RELEASE":
      case "ROLLBACK":
        return SAVEPOINT;
      case "SET":
      case "RESET":
      case "SHOW":
        return SETTING;
      case "DEALLOCATE ALL":
        return DEALLOCATE_ALL;
      case "LOCK TABLE":
        return LOCK;
      case "DECLARE CURSOR":
      case "CLOSE CURSOR":
      case "CLOSE CURSOR ALL":
        return CURSOR;
      default:
        return tag.startsWith("DISCARD") ? DISCARD : QUERY;
    }
  }
}
