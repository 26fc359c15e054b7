package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.OnCommitAction;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;

/**
 * {@code CREATE TEMPORARY TABLE … ON COMMIT DROP}: DuckDB keeps only ON COMMIT PRESERVE ROWS, so
 * the clause is dropped here and the session drops the table itself when the transaction commits
 * ({@link #droppedOnCommit}; DuckDB's postgres extension stages every UPDATE in such a table).
 */
public final class TemporaryTablesOnCommit implements TreeTransform {

  /**
   * The temporary table {@code sql} creates with ON COMMIT DROP (CREATE TABLE or CREATE TABLE
   * AS), read from the statement's cached parse; null for any other statement.
   */
  public static String droppedOnCommit(String sql) {
    RawStmt statement = ParsedText.of(sql).single();
    if (statement == null) {
      return null;
    }
    Node node = statement.getStmt();
    if (node.hasCreateStmt() && node.getCreateStmt().getOncommit() == OnCommitAction.ONCOMMIT_DROP) {
      return node.getCreateStmt().getRelation().getRelname();
    }
    if (node.hasCreateTableAsStmt()
        && node.getCreateTableAsStmt().getInto().getOnCommit() == OnCommitAction.ONCOMMIT_DROP) {
      return node.getCreateTableAsStmt().getInto().getRel().getRelname();
    }
    return null;
  }

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (node.hasCreateStmt() && node.getCreateStmt().getOncommit() == OnCommitAction.ONCOMMIT_DROP) {
      node.getCreateStmtBuilder().setOncommit(OnCommitAction.ONCOMMIT_NOOP);
      return true;
    }
    if (node.hasCreateTableAsStmt()
        && node.getCreateTableAsStmt().getInto().getOnCommit() == OnCommitAction.ONCOMMIT_DROP) {
      node.getCreateTableAsStmtBuilder().getIntoBuilder().setOnCommit(OnCommitAction.ONCOMMIT_NOOP);
      return true;
    }
    return false;
  }
}
