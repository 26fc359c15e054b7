package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/**
 * {@code s [NOT] [I]LIKE p ESCAPE e}: PostgreSQL's grammar reads the escape as a call
 * {@code pg_catalog.like_escape(p, e)} on the pattern, which the deparser prints as such and DuckDB
 * does not have. DuckDB's own {@code like_escape(s, p, e)} (and {@code not_like_escape},
 * {@code ilike_escape}, {@code not_ilike_escape}) take the three together.
 */
public final class LikeEscapeCalls implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasAExpr()) {
      return false;
    }
    A_Expr expression = node.getAExpr();
    boolean like = expression.getKind() == A_Expr_Kind.AEXPR_LIKE;
    if (!(like || expression.getKind() == A_Expr_Kind.AEXPR_ILIKE)
        || !expression.hasLexpr() || !expression.getRexpr().hasFuncCall()
        || expression.getNameCount() != 1) {
      return false;
    }
    FuncCall escape = expression.getRexpr().getFuncCall();
    if (escape.getFuncnameCount() != 2 || escape.getArgsCount() != 2
        || !escape.getFuncname(1).getString().getSval().equals("like_escape")) {
      return false;
    }
    boolean negated = expression.getName(0).getString().getSval().startsWith("!");
    String function = (negated ? "not_" : "") + (like ? "like_escape" : "ilike_escape");
    node.setFuncCall(FuncCall.newBuilder()
        .addFuncname(Node.newBuilder().setString(
            io.duckgres.engine.sql.parse.tree.PgQuery.String.newBuilder().setSval(function)))
        .addArgs(expression.getLexpr())
        .addArgs(escape.getArgs(0))
        .addArgs(escape.getArgs(1))
        .setLocation(expression.getLocation()));
    return true;
  }
}
