package io.duckgres.engine.sql;

import io.duckgres.engine.sql.StatementKind.Command;
import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.tree.PgQuery.DropStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.ObjectType;
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
      case CREATE_ENUM_STMT, COMPOSITE_TYPE_STMT, CREATE_RANGE_STMT ->
          utility("CREATE TYPE", false);
      case CREATE_DOMAIN_STMT -> utility("CREATE DOMAIN", false);
      case CREATEDB_STMT -> utility("CREATE DATABASE", false);
      case DROPDB_STMT -> utility("DROP DATABASE", false);
      case CREATE_ROLE_STMT -> utility("CREATE ROLE", false);
      case ALTER_ROLE_STMT, ALTER_ROLE_SET_STMT -> utility("ALTER ROLE", false);
      case DROP_ROLE_STMT -> utility("DROP ROLE", false);
      case CREATE_TRIG_STMT -> utility("CREATE TRIGGER", false);
      case RULE_STMT -> utility("CREATE RULE", false);
      case DO_STMT -> utility("DO", false);
      case CONSTRAINTS_SET_STMT -> utility("SET CONSTRAINTS", false);
      case REFRESH_MAT_VIEW_STMT -> utility("REFRESH MATERIALIZED VIEW", false);
      case REINDEX_STMT -> utility("REINDEX", false);
      case CLUSTER_STMT -> utility("CLUSTER", false);
      case ALTER_TABLE_STMT -> alter(node.getAlterTableStmt().getObjtype());
      case RENAME_STMT -> alter(node.getRenameStmt().getRenameType());
      case ALTER_OBJECT_SCHEMA_STMT -> alter(node.getAlterObjectSchemaStmt().getObjectType());
      case ALTER_OWNER_STMT -> alter(node.getAlterOwnerStmt().getObjectType());
      default -> null;
    };
  }

  private static StatementKind drop(DropStmt drop) {
    String object = object(drop.getRemoveType());
    return object == null ? null : utility("DROP " + object, false);
  }

  /** ALTER of an object: a column or table constraint is ALTER TABLE, as in PostgreSQL. */
  private static StatementKind alter(ObjectType type) {
    String object = switch (type) {
      case OBJECT_COLUMN, OBJECT_TABCONSTRAINT -> "TABLE";
      default -> object(type);
    };
    return object == null ? null : utility("ALTER " + object, false);
  }

  /** The object's name in a tag, or null for the kinds this table does not name. */
  private static String object(ObjectType type) {
    return switch (type) {
      case OBJECT_MATVIEW -> "MATERIALIZED VIEW";
      case OBJECT_FOREIGN_TABLE -> "FOREIGN TABLE";
      case OBJECT_TABLE, OBJECT_VIEW, OBJECT_INDEX, OBJECT_SEQUENCE, OBJECT_SCHEMA,
          OBJECT_FUNCTION, OBJECT_TYPE, OBJECT_EXTENSION, OBJECT_DATABASE, OBJECT_PROCEDURE,
          OBJECT_TRIGGER, OBJECT_DOMAIN, OBJECT_ROLE, OBJECT_AGGREGATE ->
          type.name().substring("OBJECT_".length()).toUpperCase(Locale.ROOT);
      default -> null;
    };
  }

  private static StatementKind utility(String tag, boolean returnsRows) {
    return new StatementKind(Command.UTILITY, tag, returnsRows);
  }

}
