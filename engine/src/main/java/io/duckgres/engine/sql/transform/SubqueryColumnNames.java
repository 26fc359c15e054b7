package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.ResTarget;
import io.duckgres.engine.sql.parse.tree.PgQuery.SelectStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.SetOperation;

/**
 * The columns of a subquery in FROM and of a WITH query are named as PostgreSQL names them, so
 * the outer query can use those names: {@code SELECT "count" FROM (SELECT count(*) FROM t) s}
 * (DuckDB's postgres extension wraps every postgres_query() this way) — DuckDB would name the
 * column {@code count_star()}. Items without an alias get PostgreSQL's name
 * ({@link FigureColumnName}) as an explicit alias; a statement's own result columns are named by
 * the server when it describes them, so top-level lists are left as written.
 *
 * <p>The columns of a view and of a table made by CREATE TABLE AS are named the same way, and an
 * item PostgreSQL has no name for is called {@code ?column?} as there: these names stay in the
 * catalog ({@code information_schema.columns}, {@code SELECT *}), where DuckDB would keep
 * {@code count_star()} or the item's whole text.
 */
public final class SubqueryColumnNames implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (node.hasRangeSubselect() && node.getRangeSubselect().getSubquery().hasSelectStmt()) {
      return name(node.getRangeSubselectBuilder().getSubqueryBuilder().getSelectStmtBuilder(),
          false);
    }
    if (node.hasCommonTableExpr() && node.getCommonTableExpr().getCtequery().hasSelectStmt()) {
      return name(node.getCommonTableExprBuilder().getCtequeryBuilder().getSelectStmtBuilder(),
          false);
    }
    if (node.hasViewStmt() && node.getViewStmt().getQuery().hasSelectStmt()
        && node.getViewStmt().getAliasesCount() == 0) {
      return name(node.getViewStmtBuilder().getQueryBuilder().getSelectStmtBuilder(), true);
    }
    if (node.hasCreateTableAsStmt() && node.getCreateTableAsStmt().getQuery().hasSelectStmt()
        && node.getCreateTableAsStmt().getInto().getColNamesCount() == 0) {
      return name(node.getCreateTableAsStmtBuilder().getQueryBuilder().getSelectStmtBuilder(),
          true);
    }
    return false;
  }

  /**
   * Names the items of a SELECT, or of the leftmost SELECT of a UNION (its names are used);
   * with {@code unnamed}, an item PostgreSQL has no name for is called {@code ?column?}.
   */
  private static boolean name(SelectStmt.Builder select, boolean unnamed) {
    if (select.getOp() != SetOperation.SETOP_NONE && select.getOp()
        != SetOperation.SET_OPERATION_UNDEFINED) {
      return select.hasLarg() && name(select.getLargBuilder(), unnamed);
    }
    boolean changed = false;
    for (Node.Builder target : select.getTargetListBuilderList()) {
      if (!target.hasResTarget()) {
        continue;
      }
      ResTarget.Builder item = target.getResTargetBuilder();
      if (!item.getName().isEmpty() || item.getVal().hasColumnRef()) {
        continue; // an alias, or a column (DuckDB names it the same way)
      }
      String name = FigureColumnName.of(item.getVal());
      if (name == null && unnamed) {
        name = "?column?";
      }
      if (name != null) {
        item.setName(name);
        changed = true;
      }
    }
    return changed;
  }
}
