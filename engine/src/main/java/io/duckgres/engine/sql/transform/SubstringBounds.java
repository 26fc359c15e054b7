package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/**
 * {@code substring(s, start, count)} (also {@code substring(s FROM start FOR count)} and
 * {@code substr}) with PostgreSQL's bounds: the characters from {@code start} to
 * {@code start + count - 1} that exist, where DuckDB counts a start below 1 from the end, and a
 * negative count is an error (DuckDB: empty). The catalog macro {@code duckgres_substring}.
 * The SQL regular-expression form {@code substring(s FROM pattern FOR escape)}, whose second
 * argument is text, is left alone.
 */
public final class SubstringBounds implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    String name = Nodes.functionName(node.build());
    if (!"substring".equals(name) && !"substr".equals(name)) {
      return false;
    }
    FuncCall call = node.getFuncCall();
    if (call.getArgsCount() != 3 || Nodes.stringConstant(call.getArgs(1)) != null) {
      return false;
    }
    node.clear().mergeFrom(Nodes.call("duckgres_substring", call.getArgs(0), call.getArgs(1),
        call.getArgs(2)));
    return true;
  }
}
