package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.String;

/**
 * {@code cardinality(array)}: the number of elements, which DuckDB's {@code cardinality} answers
 * only for maps. DuckDB's lists are one-dimensional or nested, so the count is {@code len} of the
 * list (for a nested list, of its outer level: PostgreSQL's multi-dimensional arrays, which
 * count every element, do not exist in DuckDB).
 */
public final class ArrayFunctions implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, java.lang.String sql) {
    if (!node.hasFuncCall()) {
      return false;
    }
    FuncCall call = node.getFuncCall();
    int names = call.getFuncnameCount();
    if (names == 0 || names > 2 || call.getArgsCount() != 1 || call.hasOver()
        || !call.getFuncname(names - 1).getString().getSval().equals("cardinality")
        || (names == 2 && !call.getFuncname(0).getString().getSval().equals("pg_catalog"))) {
      return false;
    }
    node.getFuncCallBuilder().clearFuncname()
        .addFuncname(Node.newBuilder().setString(String.newBuilder().setSval("len")));
    return true;
  }
}
