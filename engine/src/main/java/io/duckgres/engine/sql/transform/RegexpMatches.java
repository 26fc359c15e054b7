package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.CaseExpr;
import io.duckgres.engine.sql.parse.tree.PgQuery.CaseWhen;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Integer;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/**
 * {@code regexp_matches(s, pattern)} with a constant pattern (and no flags) returns PostgreSQL's
 * set of text arrays — one row holding the capture groups, or the whole match when the pattern
 * has none, and no row without a match — where DuckDB's function of that name is a boolean test:
 * {@code unnest(CASE WHEN regexp_matches(s, p) THEN [[regexp_extract(s, p, 1), …]] END)}.
 */
public final class RegexpMatches implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!"regexp_matches".equals(Nodes.functionName(node.build()))
        || node.getFuncCall().getFuncnameCount() != 1) {
      return false;
    }
    FuncCall call = node.getFuncCall();
    String pattern = call.getArgsCount() == 2 ? Nodes.stringConstant(call.getArgs(1)) : null;
    if (pattern == null) {
      return false;
    }
    int groups = groups(pattern);
    java.util.List<Node> matches = new java.util.ArrayList<>();
    for (int group = groups == 0 ? 0 : 1; group <= groups; group++) {
      matches.add(Nodes.call("regexp_extract", call.getArgs(0), call.getArgs(1),
          Node.newBuilder().setAConst(A_Const.newBuilder()
              .setIval(Integer.newBuilder().setIval(group))).build()));
    }
    Node test = Nodes.call("regexp_matches", call.getArgs(0), call.getArgs(1));
    // One row holding the list of matches; no ELSE: NULL unnests to no row.
    Node row = Node.newBuilder().setCaseExpr(CaseExpr.newBuilder()
        .addArgs(Node.newBuilder().setCaseWhen(CaseWhen.newBuilder().setExpr(test)
            .setResult(Nodes.call("list_value",
                Nodes.call("list_value", matches.toArray(Node[]::new)))))))
        .build();
    node.clear().mergeFrom(Nodes.call("unnest", row));
    return true;
  }

  /** The capturing groups of a pattern: '(' neither escaped nor followed by '?'. */
  static int groups(String pattern) {
    int groups = 0;
    boolean inClass = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '(' && !inClass
          && (i + 1 >= pattern.length() || pattern.charAt(i + 1) != '?')) {
        groups++;
      }
    }
    return groups;
  }
}
