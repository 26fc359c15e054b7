package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/**
 * In PostgreSQL a backslash in a LIKE pattern escapes the next character unless another ESCAPE is
 * given ({@code 'a\_c'} matches only "a_c"); DuckDB's LIKE has no escape character by default,
 * so the same pattern silently matches something else. A constant pattern holding a backslash
 * gets an explicit {@code ESCAPE '\'}, in the form PostgreSQL's grammar gives an ESCAPE clause
 * ({@code pg_catalog.like_escape(pattern, '\')}), which {@link LikeEscapeCalls} then turns into
 * DuckDB's call. Patterns that are not constants (columns, parameters) keep DuckDB's meaning.
 * DuckDB would name an unaliased item after that call; it keeps PostgreSQL's name, {@code ?column?}
 * ({@link ItemNames}: the mark is the expression's location, which LikeEscapeCalls gives its call).
 * PostgreSQL documentation: section 9.7.1, "LIKE".
 */
public final class LikeEscapes implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasAExpr()) {
      return false;
    }
    A_Expr expression = node.getAExpr();
    if (expression.getKind() != A_Expr_Kind.AEXPR_LIKE
        && expression.getKind() != A_Expr_Kind.AEXPR_ILIKE) {
      return false;
    }
    Node pattern = expression.getRexpr();
    Node value = pattern.hasTypeCast() ? pattern.getTypeCast().getArg() : pattern;
    String text = Nodes.stringConstant(value);
    if (text == null || text.indexOf('\\') < 0) {
      return false;
    }
    node.getAExprBuilder().setRexpr(Node.newBuilder().setFuncCall(FuncCall.newBuilder()
        .addFuncname(Nodes.name("pg_catalog"))
        .addFuncname(Nodes.name("like_escape"))
        .addArgs(pattern)
        .addArgs(Nodes.string("\\"))
        .setLocation(-1)));
    ItemNames.mark(node, "?column?");
    return true;
  }
}
