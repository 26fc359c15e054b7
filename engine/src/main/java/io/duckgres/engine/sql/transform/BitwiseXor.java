package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/** {@code a # b}, PostgreSQL's bitwise exclusive or, is DuckDB's {@code xor(a, b)}. */
public final class BitwiseXor implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasAExpr()) {
      return false;
    }
    A_Expr expression = node.getAExpr();
    if (expression.getKind() != A_Expr_Kind.AEXPR_OP || expression.getNameCount() != 1
        || !expression.hasLexpr() || !expression.hasRexpr()
        || !expression.getName(0).getString().getSval().equals("#")) {
      return false;
    }
    node.setFuncCall(FuncCall.newBuilder()
        .addFuncname(Node.newBuilder().setString(
            io.duckgres.engine.sql.parse.tree.PgQuery.String.newBuilder().setSval("xor")))
        .addArgs(expression.getLexpr())
        .addArgs(expression.getRexpr())
        .setLocation(expression.getLocation()));
    return true;
  }
}
