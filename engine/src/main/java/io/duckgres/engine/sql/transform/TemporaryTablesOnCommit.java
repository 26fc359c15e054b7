package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.OnCommitAction;

/**
 * {@code CREATE TEMPORARY TABLE … ON COMMIT DROP}: DuckDB keeps only ON COMMIT PRESERVE ROWS, so
 * the clause is dropped and the temporary table lives until the session ends (DuckDB's postgres
 * extension stages every UPDATE in such a table, under a name of its own each time).
 */
public final class TemporaryTablesOnCommit implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasCreateStmt() || node.getCreateStmt().getOncommit() != OnCommitAction.ONCOMMIT_DROP) {
      return false;
    }
    node.getCreateStmtBuilder().setOncommit(OnCommitAction.ONCOMMIT_NOOP);
    return true;
  }
}
