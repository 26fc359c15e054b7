package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/**
 * {@code x SIMILAR TO 'pattern'} uses SQL regular expressions: {@code %} is any string, {@code _}
 * any character, and {@code .} is an ordinary character. DuckDB hands the pattern to its regular
 * expression engine unchanged, so {@code 'abc' SIMILAR TO 'a%'} is false there. PostgreSQL's
 * grammar reads the pattern as {@code pg_catalog.similar_to_escape(pattern)}; a constant pattern
 * is translated the way that function does (section 9.7.2, "SIMILAR TO Regular Expressions") and
 * the deparser prints {@code SIMILAR TO} again; DuckDB already anchors the match at both ends.
 * Patterns with an ESCAPE clause, and patterns that are not constants, are left alone. DuckDB
 * would name an unaliased item {@code regexp_full_match(…)}; it keeps PostgreSQL's name,
 * {@code ?column?} ({@link ItemNames}).
 */
public final class SimilarToPatterns implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasAExpr() || node.getAExpr().getKind() != A_Expr_Kind.AEXPR_SIMILAR
        || !node.getAExpr().getRexpr().hasFuncCall()) {
      return false;
    }
    FuncCall escape = node.getAExpr().getRexpr().getFuncCall();
    if (!"similar_to_escape".equals(Nodes.functionName(node.getAExpr().getRexpr()))
        || escape.getArgsCount() != 1) {
      return false;
    }
    String pattern = Nodes.stringConstant(escape.getArgs(0));
    if (pattern == null) {
      return false;
    }
    node.getAExprBuilder().getRexprBuilder().getFuncCallBuilder()
        .setArgs(0, Nodes.string(toRegex(pattern)));
    ItemNames.mark(node, "?column?");
    return true;
  }

  /** PostgreSQL's translation: % and _ become .* and ., a backslash escapes, . ^ $ are literal. */
  static String toRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    boolean inBrackets = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        char escaped = pattern.charAt(++i);
        regex.append(Character.isLetterOrDigit(escaped) ? "" : "\\").append(escaped);
      } else if (inBrackets) {
        regex.append(c);
        inBrackets = c != ']';
      } else if (c == '[') {
        regex.append(c);
        inBrackets = true;
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else if (c == '.' || c == '^' || c == '$') {
        regex.append('\\').append(c);
      } else {
        regex.append(c);
      }
    }
    return regex.toString();
  }
}
