package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.String;

/**
 * Arrays as PostgreSQL reads them:
 *
 * <ul>
 *   <li>{@code cardinality(array)}: the number of elements, which DuckDB's {@code cardinality}
 *       answers only for maps. DuckDB's lists are one-dimensional or nested, so the count is
 *       {@code len} of the list (of its outer level for a nested list: PostgreSQL's
 *       multi-dimensional arrays, which count every element, do not exist in DuckDB).
 *   <li>{@code array_length(a, n)} of an empty array is NULL (PostgreSQL: an empty array has no
 *       dimensions), where DuckDB answers 0.
 *   <li>{@code ARRAY[…] || element} and {@code element || ARRAY[…]} with a constant element:
 *       {@code list_append} / {@code list_prepend} (DuckDB's {@code ||} joins two lists only).
 * </ul>
 */
public final class ArrayFunctions implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, java.lang.String sql) {
    if (node.hasAExpr()) {
      return appendOrPrepend(node);
    }
    if (!node.hasFuncCall()) {
      return false;
    }
    FuncCall call = node.getFuncCall();
    int names = call.getFuncnameCount();
    if (names == 0 || names > 2 || call.hasOver()
        || (names == 2 && !call.getFuncname(0).getString().getSval().equals("pg_catalog"))) {
      return false;
    }
    java.lang.String name = call.getFuncname(names - 1).getString().getSval();
    if (name.equals("cardinality") && call.getArgsCount() == 1) {
      node.getFuncCallBuilder().clearFuncname()
          .addFuncname(Node.newBuilder().setString(String.newBuilder().setSval("len")));
      return true;
    }
    if (name.equals("array_length") && call.getArgsCount() == 2) {
      // An empty array has no dimensions in PostgreSQL: its length is NULL, not 0.
      node.setAExpr(A_Expr.newBuilder()
          .setKind(A_Expr_Kind.AEXPR_NULLIF)
          .addName(Node.newBuilder().setString(String.newBuilder().setSval("=")))
          .setLexpr(Node.newBuilder().setFuncCall(call))
          .setRexpr(Node.newBuilder().setAConst(A_Const.newBuilder()
              .setIval(io.duckgres.engine.sql.parse.tree.PgQuery.Integer.newBuilder().setIval(0))))
          .setLocation(call.getLocation()));
      return true;
    }
    return false;
  }

  private static boolean appendOrPrepend(Node.Builder node) {
    A_Expr expression = node.getAExpr();
    if (expression.getKind() != A_Expr_Kind.AEXPR_OP || expression.getNameCount() != 1
        || !expression.getName(0).getString().getSval().equals("||")
        || !expression.hasLexpr() || !expression.hasRexpr()) {
      return false;
    }
    Node left = expression.getLexpr();
    Node right = expression.getRexpr();
    java.lang.String function;
    if (left.hasAArrayExpr() && right.hasAConst()) {
      function = "list_append";
    } else if (left.hasAConst() && right.hasAArrayExpr()) {
      function = "list_prepend";
    } else {
      return false;
    }
    node.setFuncCall(FuncCall.newBuilder()
        .addFuncname(Node.newBuilder().setString(String.newBuilder().setSval(function)))
        .addArgs(left)
        .addArgs(right)
        .setLocation(expression.getLocation()));
    return true;
  }
}
