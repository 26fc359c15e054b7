package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.Alias;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeFunction;
import java.util.Map;

/**
 * {@code FROM json_array_elements(j) [WITH ORDINALITY] [AS t(value[, n])]} and its jsonb and
 * {@code _text} twins: DuckDB's {@code unnest} of the catalog macro that lists the elements
 * ({@code duckgres_json_elements} …), which takes {@code WITH ORDINALITY} as a table macro does
 * not; the column is named {@code value} as in PostgreSQL.
 */
public final class JsonArrayElements implements TreeTransform {
  private static final Map<String, String> LISTS = Map.of(
      "json_array_elements", "duckgres_json_elements",
      "jsonb_array_elements", "duckgres_jsonb_elements",
      "json_array_elements_text", "duckgres_json_elements_text",
      "jsonb_array_elements_text", "duckgres_json_elements_text");

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasRangeFunction()) {
      return false;
    }
    RangeFunction.Builder range = node.getRangeFunctionBuilder();
    if (range.getFunctionsCount() != 1 || !range.getFunctions(0).hasList()
        || range.getFunctions(0).getList().getItemsCount() == 0) {
      return false;
    }
    Node function = range.getFunctions(0).getList().getItems(0);
    String name = Nodes.functionName(function);
    String list = name == null ? null : LISTS.get(name);
    if (list == null || function.getFuncCall().getArgsCount() != 1) {
      return false;
    }
    Node argument = function.getFuncCall().getArgs(0);
    if (name.startsWith("jsonb") && list.endsWith("_text")) {
      argument = Nodes.call(JsonTextForms.JSONB, argument);
    }
    range.getFunctionsBuilder(0).getListBuilder()
        .setItems(0, Nodes.call("unnest", Nodes.call(list, argument)));
    Alias.Builder alias = range.getAliasBuilder();
    if (alias.getAliasname().isEmpty()) {
      alias.setAliasname(name);
    }
    if (alias.getColnamesCount() == 0) {
      alias.addColnames(Nodes.name("value"));
    }
    return true;
  }
}
