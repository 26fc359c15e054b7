package io.duckgres.engine.sql;

import io.duckgres.engine.sql.StatementKind.Command;
import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.tree.PgQuery.DropStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import java.util.Locale;

/**
 * What a statement is, decided from PostgreSQL's parse tree: its family and CommandComplete tag
 * (PostgreSQL's {@code CreateCommandTag}). Texts PostgreSQL's grammar rejects are DuckDB's own
 * statements (USE, ATTACH, PRAGMA, DESCRIBE, FROM-first queries) and keep {@link CommandTag}'s
 * reading of their first keywords; so do the rarer utility statements this table does not name.
 */
final class StatementKinds {
  private static final StatementKind EMPTY = new StatementKind(Command.EMPTY, "", false);
  private static final StatementKind QUERY = new StatementKind(Command.SELECT, "SELECT", true);

  private StatementKinds() {}

  static StatementKind of(String sql) {
    ParsedText parsed = ParsedText.of(sql == null ? "" : sql);
    if (parsed.syntaxError() == null && parsed.statements().isEmpty()) {
      return EMPTY;
    }
    // A text of several statements is tagged by its first, as CommandTag reads it.
    RawStmt first = parsed.statements().isEmpty() ? null : parsed.statements().get(0);
    StatementKind kind = first == null ? null : of(first.getStmt());
    return kind != null ? kind : CommandTag.kindOf(sql);
  }

  /** The kind of one statement's tree, or null when the table below does not name it. */
  static StatementKind of(Node node) {
    return switch (node.getNodeCase()) {
      case SELECT_STMT -> QUERY;
      case INSERT_STMT ->
          new StatementKind(Command.INSERT, "INSERT", node.getInsertStmt().getReturningListCount() > 0);
      case UPDATE_STMT ->
          new StatementKind(Command.UPDATE, "UPDATE", node.getUpdateStmt().getReturningListCount() > 0);
      case DELETE_STMT ->
          new StatementKind(Command.DELETE, "DELETE", node.getDeleteStmt().getReturningListCount() > 0);
      case MERGE_STMT -> new StatementKind(Command.MERGE, "MERGE", false);
      case COPY_STMT -> new StatementKind(Command.COPY, "COPY", false);
      case CREATE_TABLE_AS_STMT -> new StatementKind(Command.CREATE_TABLE_AS, "SELECT", false);
      case TRANSACTION_STMT -> switch (node.getTransactionStmt().getKind()) {
        case TRANS_STMT_BEGIN -> new StatementKind(Command.BEGIN, "BEGIN", false);
        case TRANS_STMT_START -> new StatementKind(Command.BEGIN, "START TRANSACTION", false);
        case TRANS_STMT_COMMIT -> new StatementKind(Command.COMMIT, "COMMIT", false);
        case TRANS_STMT_ROLLBACK -> new StatementKind(Command.ROLLBACK, "ROLLBACK", false);
        case TRANS_STMT_SAVEPOINT -> utility("SAVEPOINT", false);
        case TRANS_STMT_RELEASE -> utility("RELEASE", false);
        // Same tag as ROLLBACK, but the transaction stays open.
        case TRANS_STMT_ROLLBACK_TO -> utility("ROLLBACK", false);
        case TRANS_STMT_PREPARE -> utility("PREPARE TRANSACTION", false);
        case TRANS_STMT_COMMIT_PREPARED -> utility("COMMIT PREPARED", false);
        case TRANS_STMT_ROLLBACK_PREPARED -> utility("ROLLBACK PREPARED", false);
        default -> null;
      };
      case VARIABLE_SET_STMT -> switch (node.getVariableSetStmt().getKind()) {
        case VAR_RESET, VAR_RESET_ALL -> utility("RESET", false);
        default -> utility("SET", false);
      };
      case VARIABLE_SHOW_STMT -> utility("SHOW", true);
      case DISCARD_STMT -> utility(switch (node.getDiscardStmt().getTarget()) {
        case DISCARD_PLANS -> "DISCARD PLANS";
        case DISCARD_SEQUENCES -> "DISCARD SEQUENCES";
        case DISCARD_TEMP -> "DISCARD TEMP";
        default -> "DISCARD ALL";
      }, false);
      case DECLARE_CURSOR_STMT -> utility("DECLARE CURSOR", false);
      case FETCH_STMT -> node.getFetchStmt().getIsmove()
          ? new StatementKind(Command.MOVE, "MOVE", false)
          : new StatementKind(Command.FETCH, "FETCH", true);
      case CLOSE_PORTAL_STMT -> utility(node.getClosePortalStmt().getPortalname().isEmpty()
          ? "CLOSE CURSOR ALL" : "CLOSE CURSOR", false);
      case EXPLAIN_STMT -> utility("EXPLAIN", true);
      case PREPARE_STMT -> utility("PREPARE", false);
      case EXECUTE_STMT -> utility("EXECUTE", true);
      case DEALLOCATE_STMT -> utility(node.getDeallocateStmt().getName().isEmpty()
          ? "DEALLOCATE ALL" : "DEALLOCATE", false);
      case CALL_STMT -> utility("CALL", true);
      case CREATE_STMT -> utility("CREATE TABLE", false);
      case VIEW_STMT -> utility("CREATE VIEW", false);
      case INDEX_STMT -> utility("CREATE INDEX", false);
      case CREATE_SCHEMA_STMT -> utility("CREATE SCHEMA", false);
      case CREATE_SEQ_STMT -> utility("CREATE SEQUENCE", false);
      case ALTER_SEQ_STMT -> utility("ALTER SEQUENCE", false);
      case CREATE_FUNCTION_STMT -> utility(node.getCreateFunctionStmt().getIsProcedure()
          ? "CREATE PROCEDURE" : "CREATE FUNCTION", false);
      case CREATE_EXTENSION_STMT -> utility("CREATE EXTENSION", false);
      case DROP_STMT -> drop(node.getDropStmt());
      case TRUNCATE_STMT -> utility("TRUNCATE TABLE", false);
      case VACUUM_STMT -> utility(node.getVacuumStmt().getIsVacuumcmd() ? "VACUUM" : "ANALYZE",
          false);
      case CHECK_POINT_STMT -> utility("CHECKPOINT", false);
      case LOCK_STMT -> utility("LOCK TABLE", false);
      case COMMENT_STMT -> utility("COMMENT", false);
      case GRANT_STMT -> utility(node.getGrantStmt().getIsGrant() ? "GRANT" : "REVOKE", false);
      case LISTEN_STMT -> utility("LISTEN", false);
      case UNLISTEN_STMT -> utility("UNLISTEN", false);
      case NOTIFY_STMT -> utility("NOTIFY", false);
      case LOAD_STMT -> utility("LOAD", false);
      default -> null;
    };
  }

  private static StatementKind drop(DropStmt drop) {
    String object = switch (drop.getRemoveType()) {
      case OBJECT_MATVIEW -> "MATERIALIZED VIEW";
      case OBJECT_FOREIGN_TABLE -> "FOREIGN TABLE";
      case OBJECT_TABLE, OBJECT_VIEW, OBJECT_INDEX, OBJECT_SEQUENCE, OBJECT_SCHEMA,
          OBJECT_FUNCTION, OBJECT_TYPE, OBJECT_EXTENSION, OBJECT_DATABASE, OBJECT_PROCEDURE,
          OBJECT_TRIGGER, OBJECT_DOMAIN, OBJECT_ROLE, OBJECT_AGGREGATE ->
          drop.getRemoveType().name().substring("OBJECT_".length()).toUpperCase(Locale.ROOT);
      default -> null;
    };
    return object == null ? null : utility("DROP " + object, false);
  }

  private static StatementKind utility(String tag, boolean returnsRows) {
    return new StatementKind(Command.UTILITY, tag, returnsRows);
  }

}
