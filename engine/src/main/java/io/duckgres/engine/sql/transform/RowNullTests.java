package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.BoolExpr;
import io.duckgres.engine.sql.parse.tree.PgQuery.BoolExprType;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.NullTest;
import io.duckgres.engine.sql.parse.tree.PgQuery.NullTestType;

/**
 * {@code ROW(a, b) IS NULL} is true when every field is NULL and {@code ROW(a, b) IS NOT NULL}
 * when none is (DuckDB tests the row value itself, which is never NULL): the AND of the fields'
 * tests.
 */
public final class RowNullTests implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasNullTest() || !node.getNullTest().getArg().hasRowExpr()
        || node.getNullTest().getArg().getRowExpr().getArgsCount() == 0) {
      return false;
    }
    NullTest test = node.getNullTest();
    NullTestType type = test.getNulltesttype();
    BoolExpr.Builder all = BoolExpr.newBuilder().setBoolop(BoolExprType.AND_EXPR);
    for (Node field : test.getArg().getRowExpr().getArgsList()) {
      all.addArgs(Node.newBuilder().setNullTest(NullTest.newBuilder().setArg(field)
          .setNulltesttype(type)));
    }
    node.clear().setBoolExpr(all);
    return true;
  }
}
