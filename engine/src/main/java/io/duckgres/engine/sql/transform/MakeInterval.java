package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.List;
import java.util.Map;

/**
 * {@code make_interval(years, months, weeks, days, hours, mins, secs)}, by position or by name
 * ({@code make_interval(days => 10)}), which DuckDB lacks: the sum of DuckDB's
 * {@code to_years(…)}, {@code to_months(…)}, … of the arguments given.
 */
public final class MakeInterval implements TreeTransform {
  private static final List<String> PARTS =
      List.of("years", "months", "weeks", "days", "hours", "mins", "secs");
  private static final Map<String, String> FUNCTIONS = Map.of("years", "to_years",
      "months", "to_months", "weeks", "to_weeks", "days", "to_days", "hours", "to_hours",
      "mins", "to_minutes", "secs", "to_seconds");

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!"make_interval".equals(Nodes.functionName(node.build()))) {
      return false;
    }
    FuncCall call = node.getFuncCall();
    if (call.getArgsCount() > PARTS.size()) {
      return false;
    }
    Node sum = null;
    for (int i = 0; i < call.getArgsCount(); i++) {
      Node argument = call.getArgs(i);
      String part = PARTS.get(i);
      if (argument.hasNamedArgExpr()) {
        part = argument.getNamedArgExpr().getName();
        argument = argument.getNamedArgExpr().getArg();
      }
      String function = FUNCTIONS.get(part);
      if (function == null) {
        return false;
      }
      Node value = part.equals("secs") ? Nodes.cast(argument, "float8")
          : Nodes.cast(argument, "int4");
      Node term = Nodes.call(function, value);
      sum = sum == null ? term : Node.newBuilder().setAExpr(A_Expr.newBuilder()
          .setKind(A_Expr_Kind.AEXPR_OP).addName(Nodes.name("+")).setLexpr(sum).setRexpr(term))
          .build();
    }
    node.clear().mergeFrom(sum == null ? Nodes.cast(Nodes.string("0"), "interval") : sum);
    return true;
  }
}
