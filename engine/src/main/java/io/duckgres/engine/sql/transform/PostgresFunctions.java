package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.CoercionForm;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.Map;

/**
 * Functions PostgreSQL writes with SQL syntax of their own, which its grammar reads as calls of
 * {@code pg_catalog} functions DuckDB lacks: {@code overlay(s placing r from f [for n])} and
 * {@code (s1, e1) OVERLAPS (s2, e2)}. They become plain calls of the catalog macros that compute
 * them ({@code duckgres_overlay}, {@code duckgres_overlaps} in 25-sql-functions.sql).
 */
public final class PostgresFunctions implements TreeTransform {
  private static final Map<String, String> MACROS =
      Map.of("overlay", "duckgres_overlay", "overlaps", "duckgres_overlaps");

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasFuncCall()) {
      return false;
    }
    FuncCall call = node.getFuncCall();
    if (call.getFuncnameCount() != 2
        || !call.getFuncname(0).getString().getSval().equals("pg_catalog")) {
      return false;
    }
    String macro = MACROS.get(call.getFuncname(1).getString().getSval());
    if (macro == null) {
      return false;
    }
    node.getFuncCallBuilder().clearFuncname()
        .addFuncname(Node.newBuilder().setString(
            io.duckgres.engine.sql.parse.tree.PgQuery.String.newBuilder().setSval(macro)))
        .setFuncformat(CoercionForm.COERCE_EXPLICIT_CALL);
    return true;
  }
}
