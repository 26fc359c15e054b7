package io.duckgres.engine.sql;

/**
 * What kind of statement a text is, and the CommandComplete tag PostgreSQL sends for it. Obtain
 * one with {@link #of(String)}: decided from PostgreSQL's parse tree ({@link StatementKinds}), or
 * for DuckDB's own statements from their leading keywords ({@link CommandTag}).
 *
 * <p>PostgreSQL documentation: section 55.7 "Message Formats", CommandComplete (the tag forms
 * "INSERT 0 rows", "SELECT rows", "UPDATE rows", ...).
 *
 * @param command the family of statement, which decides the tag's form and the session's reaction
 * @param tagName the tag without a row count, e.g. "SELECT", "INSERT", "CREATE TABLE", "DROP VIEW"
 * @param returnsRows a hint that the statement produces a result set: SELECT-like statements,
 *     SHOW, EXPLAIN, FETCH, CALL, PRAGMA, EXECUTE (may), and data-modifying ones with RETURNING
 */
public record StatementKind(Command command, String tagName, boolean returnsRows) {

  /** Statement families that the tag form or the session's transaction state depend on. */
  public enum Command {
    /** Query-like: SELECT, VALUES, TABLE, WITH ... SELECT, DuckDB's FROM-first, DESCRIBE ... */
    SELECT,
    INSERT,
    UPDATE,
    DELETE,
    MERGE,
    COPY,
    FETCH,
    MOVE,
    /** CREATE TABLE ... AS and CREATE MATERIALIZED VIEW, which PostgreSQL tags "SELECT n". */
    CREATE_TABLE_AS,
    /** BEGIN, BEGIN TRANSACTION, START TRANSACTION. */
    BEGIN,
    /** COMMIT, END. */
    COMMIT,
    /** ROLLBACK, ABORT; not ROLLBACK TO SAVEPOINT, which leaves the transaction open. */
    ROLLBACK,
    /** Everything else: the tag is fixed, e.g. "CREATE TABLE", "SET", "SHOW". */
    UTILITY,
    /** No statement at all (only whitespace and comments): answered with EmptyQueryResponse. */
    EMPTY
  }

  /** Classifies {@code sql}; the parse is cached per text, so asking again costs a lookup. */
  public static StatementKind of(String sql) {
    return StatementKinds.of(sql);
  }

  /**
   * The CommandComplete tag, e.g. "SELECT 3", "INSERT 0 1", "UPDATE 2", "CREATE TABLE".
   *
   * @param rowCount rows returned, inserted, updated, deleted, copied, fetched or moved; ignored
   *     by tags that carry no count
   */
  public String tag(long rowCount) {
    return switch (command) {
      // The 0 is the OID PostgreSQL once reported for a single-row insert; it is always 0 now.
      case INSERT -> "INSERT 0 " + rowCount;
      case SELECT, CREATE_TABLE_AS, UPDATE, DELETE, MERGE, COPY, FETCH, MOVE ->
          tagName + " " + rowCount;
      default -> tagName;
    };
  }

  /** Who answers the statement: the session, or DuckDB. */
  public StatementRoute route() {
    return StatementRoute.of(this);
  }

  public boolean isTransactionStart() {
    return command == Command.BEGIN;
  }

  public boolean isCommit() {
    return command == Command.COMMIT;
  }

  public boolean isRollback() {
    return command == Command.ROLLBACK;
  }

  public boolean isInsert() {
    return command == Command.INSERT;
  }

  public boolean isUpdate() {
    return command == Command.UPDATE;
  }

  public boolean isDelete() {
    return command == Command.DELETE;
  }

  public boolean isEmpty() {
    return command == Command.EMPTY;
  }
}
