package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.CaseExpr;
import io.duckgres.engine.sql.parse.tree.PgQuery.CaseWhen;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Integer;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.String;

/**
 * {@code a / b} and {@code a % b} fail with 22012 "division by zero" when b is zero, as in
 * PostgreSQL, where DuckDB returns NULL: each becomes
 * {@code CASE WHEN b = 0 THEN error('division by zero') ELSE a / b END}. The division stays
 * DuckDB's operator written in the statement, so the session's {@code integer_division} still
 * makes 7 / 2 = 3.
 *
 * <p>An interval divided by a number (PostgreSQL: {@code interval '1 day' / 2} = 12:00:00) goes
 * to the catalog macro {@code duckgres_div} instead: DuckDB's integer division has no interval
 * form, and the macro's body was read without {@code integer_division}.
 */
public final class DivisionByZero implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, java.lang.String sql) {
    if (!node.hasAExpr()) {
      return false;
    }
    A_Expr expression = node.getAExpr();
    if (expression.getKind() != A_Expr_Kind.AEXPR_OP || !expression.hasLexpr()
        || !expression.hasRexpr() || expression.getNameCount() != 1) {
      return false;
    }
    Node operator = expression.getName(0);
    java.lang.String name = operator.hasString() ? operator.getString().getSval() : "";
    if (!name.equals("/") && !name.equals("%")) {
      return false;
    }
    if (name.equals("/") && isInterval(expression.getLexpr())) {
      node.setFuncCall(call("duckgres_div", expression.getLexpr(), expression.getRexpr()));
      return true;
    }
    Node divisor = expression.getRexpr();
    Node isZero = Node.newBuilder().setAExpr(A_Expr.newBuilder()
        .setKind(A_Expr_Kind.AEXPR_OP)
        .addName(string("="))
        .setLexpr(divisor)
        .setRexpr(Node.newBuilder().setAConst(
            A_Const.newBuilder().setIval(Integer.newBuilder().setIval(0))))).build();
    Node error = Node.newBuilder().setFuncCall(call("error",
        Node.newBuilder().setAConst(A_Const.newBuilder().setSval(
            String.newBuilder().setSval("division by zero"))).build())).build();
    node.setCaseExpr(CaseExpr.newBuilder()
        .addArgs(Node.newBuilder().setCaseWhen(CaseWhen.newBuilder()
            .setExpr(isZero).setResult(error)))
        .setDefresult(Node.newBuilder().setAExpr(expression))
        .setLocation(expression.getLocation()));
    return true;
  }

  /** A constant or expression the statement itself casts to interval. */
  private static boolean isInterval(Node operand) {
    if (!operand.hasTypeCast()) {
      return false;
    }
    var names = operand.getTypeCast().getTypeName().getNamesList();
    return !names.isEmpty() && names.get(names.size() - 1).getString().getSval()
        .equals("interval");
  }

  private static FuncCall.Builder call(java.lang.String function, Node... arguments) {
    FuncCall.Builder call = FuncCall.newBuilder().addFuncname(string(function));
    for (Node argument : arguments) {
      call.addArgs(argument);
    }
    return call;
  }

  private static Node string(java.lang.String value) {
    return Node.newBuilder().setString(String.newBuilder().setSval(value)).build();
  }
}
