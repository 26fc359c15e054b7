package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.Alias;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeFunction;
import io.duckgres.engine.sql.parse.tree.PgQuery.ResTarget;

/**
 * Functions in FROM and set-returning functions in a select list as PostgreSQL reads them
 * (documentation section 7.2.1.4, "Table Functions", and 9.25, "Set Returning Functions"):
 *
 * <ul>
 *   <li>{@code FROM generate_series(1, 3) AS g} (also {@code unnest(a) x}): PostgreSQL names the
 *       single output column after the alias, so {@code g} is the number; in DuckDB {@code g} is
 *       then the whole row, a struct. The alias gets a column list: {@code AS g(g)}.
 *   <li>{@code FROM string_to_array('a,b', ',') s} (Grafana's search-path query): a scalar
 *       function in FROM is a one-row table whose column the alias names. DuckDB takes
 *       {@code unnest([string_to_array('a,b', ',')]) s(s)}.
 *   <li>{@code SELECT generate_series(1, 3)} returns one row per value in PostgreSQL; DuckDB's
 *       scalar generate_series returns one list. The item becomes
 *       {@code unnest(generate_series(1, 3))} (its column keeps PostgreSQL's name: the server
 *       names result columns from the statement as written, SubqueryColumnNames a subquery's).
 * </ul>
 */
public final class SetReturningFunctions implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (node.hasRangeFunction()) {
      return fromItem(node.getRangeFunctionBuilder());
    }
    if (node.hasSelectStmt()) {
      boolean changed = false;
      for (Node.Builder target : node.getSelectStmtBuilder().getTargetListBuilderList()) {
        if (target.hasResTarget() && isCall(target.getResTarget().getVal(), "generate_series")) {
          ResTarget.Builder item = target.getResTargetBuilder();
          item.setVal(Nodes.call("unnest", item.getVal()));
          changed = true;
        }
      }
      return changed;
    }
    return false;
  }

  /** A FROM item of one function with a bare alias (no column list, no ORDINALITY). */
  private static boolean fromItem(RangeFunction.Builder range) {
    if (range.getFunctionsCount() != 1 || range.getOrdinality() || range.getIsRowsfrom()
        || !range.hasAlias() || range.getAlias().getColnamesCount() > 0
        || !range.getFunctions(0).hasList() || range.getFunctions(0).getList().getItemsCount() == 0
        || !range.getFunctions(0).getList().getItems(0).hasFuncCall()) {
      return false;
    }
    Node function = range.getFunctions(0).getList().getItems(0);
    FuncCall call = function.getFuncCall();
    Alias.Builder alias = range.getAliasBuilder();
    if (isCall(function, "generate_series") || (isCall(function, "unnest")
        && call.getArgsCount() == 1)) {
      alias.addColnames(Nodes.name(alias.getAliasname()));
      return true;
    }
    if (isCall(function, "string_to_array")) {
      range.getFunctionsBuilder(0).getListBuilder()
          .setItems(0, Nodes.call("unnest", Nodes.call("list_value", function)));
      alias.addColnames(Nodes.name(alias.getAliasname()));
      return true;
    }
    return false;
  }

  private static boolean isCall(Node node, String name) {
    return node.hasFuncCall() && name.equals(FunctionEquivalents.postgresName(node.getFuncCall()));
  }
}
