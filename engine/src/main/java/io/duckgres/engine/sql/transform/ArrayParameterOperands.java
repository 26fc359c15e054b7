package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.BoolExpr;
import io.duckgres.engine.sql.parse.tree.PgQuery.BoolExprType;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.String;

/**
 * {@code x = ANY($1)} and {@code x <> ALL($1)} with an array parameter (psycopg sends a Python
 * list this way; pgcli's completion queries use it): DuckDB rewrites ANY into an UNNEST it cannot
 * bind while the parameter's type is unknown. {@code list_contains($1, x)} means the same for
 * these two operators and lets DuckDB infer the parameter as a list of {@code x}'s type.
 */
public final class ArrayParameterOperands implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, java.lang.String sql) {
    if (!node.hasAExpr()) {
      return false;
    }
    A_Expr expression = node.getAExpr();
    boolean any = expression.getKind() == A_Expr_Kind.AEXPR_OP_ANY;
    boolean all = expression.getKind() == A_Expr_Kind.AEXPR_OP_ALL;
    if (!(any || all) || expression.getNameCount() != 1 || !expression.getName(0).hasString()
        || !isParameter(expression.getRexpr())) {
      return false;
    }
    java.lang.String operator = expression.getName(0).getString().getSval();
    if (!(any && operator.equals("=")) && !(all && operator.equals("<>"))) {
      return false;
    }
    Node contains = Node.newBuilder().setFuncCall(FuncCall.newBuilder()
        .addFuncname(Node.newBuilder().setString(String.newBuilder().setSval("list_contains")))
        .addArgs(expression.getRexpr())
        .addArgs(expression.getLexpr())
        .setLocation(expression.getLocation())).build();
    if (any) {
      node.setFuncCall(contains.getFuncCall());
    } else {
      node.setBoolExpr(BoolExpr.newBuilder().setBoolop(BoolExprType.NOT_EXPR).addArgs(contains)
          .setLocation(expression.getLocation()));
    }
    return true;
  }

  private static boolean isParameter(Node operand) {
    return operand.hasParamRef()
        || (operand.hasTypeCast() && operand.getTypeCast().getArg().hasParamRef());
  }
}
