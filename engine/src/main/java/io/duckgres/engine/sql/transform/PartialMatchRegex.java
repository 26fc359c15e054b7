package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/**
 * {@code s ~ 'pattern'} (and {@code !~}, {@code ~*}, {@code !~*}): PostgreSQL's {@code ~} matches
 * any part of the string, DuckDB's the whole string; and PostgreSQL's {@code .} matches a newline.
 * A constant pattern becomes {@code '(?s).*(?:pattern).*'}, a parameter
 * {@code ('(?s).*(?:' || $1 || ').*')}; the case-insensitive forms add {@code (?i)} and use
 * DuckDB's {@code ~} / {@code !~}.
 */
public final class PartialMatchRegex implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasAExpr() || node.getAExpr().getKind() != A_Expr_Kind.AEXPR_OP
        || node.getAExpr().getNameCount() != 1 || !node.getAExpr().hasLexpr()
        || !node.getAExpr().getName(0).hasString()) {
      return false;
    }
    String operator = node.getAExpr().getName(0).getString().getSval();
    if (!operator.equals("~") && !operator.equals("!~") && !operator.equals("~*")
        && !operator.equals("!~*")) {
      return false;
    }
    boolean negated = operator.startsWith("!");
    String flags = operator.endsWith("*") ? "(?is)" : "(?s)";
    A_Expr.Builder expression = node.getAExprBuilder();
    Node pattern = expression.getRexpr();
    expression.setName(0, Nodes.name(negated ? "!~" : "~"));
    String constant = Nodes.stringConstant(pattern);
    if (constant != null) {
      expression.setRexpr(Nodes.string(flags + ".*(?:" + constant + ").*"));
    } else if (pattern.hasParamRef()) {
      expression.setRexpr(concat(concat(Nodes.string(flags + ".*(?:"), pattern),
          Nodes.string(").*")));
    }
    return true;
  }

  private static Node concat(Node left, Node right) {
    return Node.newBuilder().setAExpr(A_Expr.newBuilder().setKind(A_Expr_Kind.AEXPR_OP)
        .addName(Nodes.name("||")).setLexpr(left).setRexpr(right)).build();
  }
}
