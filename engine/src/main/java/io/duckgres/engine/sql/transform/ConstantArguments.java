package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/**
 * Constant arguments PostgreSQL gives another meaning than DuckDB:
 * {@code string_to_array(s, NULL)} splits into characters (DuckDB: no split), and
 * {@code generate_series(a, b, 0)} fails with "step size cannot equal zero" (DuckDB: no rows).
 */
public final class ConstantArguments implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    String name = Nodes.functionName(node.build());
    if (name == null) {
      return false;
    }
    FuncCall.Builder call = node.getFuncCallBuilder();
    if (name.equals("string_to_array") && call.getArgsCount() == 2
        && isNull(call.getArgs(1))) {
      call.setArgs(1, Nodes.string(""));
      return true;
    }
    if (name.equals("generate_series") && call.getArgsCount() == 3 && isZero(call.getArgs(2))) {
      call.setArgs(2, Nodes.cast(Nodes.call("error", Nodes.string("step size cannot equal zero")),
          "int8"));
      return true;
    }
    return false;
  }

  private static boolean isNull(Node operand) {
    return operand.hasAConst() && operand.getAConst().getIsnull();
  }

  private static boolean isZero(Node operand) {
    if (!operand.hasAConst()) {
      return false;
    }
    A_Const constant = operand.getAConst();
    return (constant.hasIval() && constant.getIval().getIval() == 0)
        || (constant.hasFval() && new java.math.BigDecimal(constant.getFval().getFval())
            .signum() == 0);
  }
}
