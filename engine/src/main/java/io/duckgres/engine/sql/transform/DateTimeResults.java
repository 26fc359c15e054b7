package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.Map;

/**
 * Date and time results of PostgreSQL's types where DuckDB's differ:
 *
 * <ul>
 *   <li>{@code extract(second | milliseconds | epoch FROM x)} is numeric with the fraction
 *       ({@code 30.500000}) where DuckDB gives an integer or a double: the catalog macros
 *       {@code duckgres_extract_second} / {@code _milliseconds} / {@code _epoch};
 *   <li>{@code date_trunc(f, DATE '…')} and {@code generate_series(DATE '…', DATE '…', step)}
 *       promote the date to timestamptz (DuckDB: timestamp), when the date is a typed constant;
 *   <li>{@code DATE '…' - TIME '…'} is a timestamp (DuckDB has no such operator): the catalog
 *       macro {@code duckgres_date_minus_time}.
 * </ul>
 */
public final class DateTimeResults implements TreeTransform {
  private static final Map<String, String> EXTRACTS = Map.of(
      "second", "duckgres_extract_second",
      "milliseconds", "duckgres_extract_milliseconds",
      "epoch", "duckgres_extract_epoch");

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (node.hasAExpr()) {
      return dateMinusTime(node);
    }
    String name = Nodes.functionName(node.build());
    if (name == null) {
      return false;
    }
    FuncCall.Builder call = node.getFuncCallBuilder();
    switch (name) {
      case "extract" -> {
        String field = call.getArgsCount() == 2 ? Nodes.stringConstant(call.getArgs(0)) : null;
        String macro = field == null ? null : EXTRACTS.get(field.toLowerCase());
        if (macro == null) {
          return false;
        }
        Node value = call.getArgs(1);
        node.clear().mergeFrom(Nodes.call(macro, value));
        return true;
      }
      case "date_trunc" -> {
        if (call.getFuncnameCount() != 1 && !isCatalog(call)
            || call.getArgsCount() != 2 || !isDate(call.getArgs(1))) {
          return false;
        }
        call.setArgs(1, Nodes.cast(call.getArgs(1), "timestamptz"));
        return true;
      }
      case "generate_series" -> {
        if (call.getArgsCount() != 3 || !isDate(call.getArgs(0)) || !isDate(call.getArgs(1))) {
          return false;
        }
        call.setArgs(0, Nodes.cast(call.getArgs(0), "timestamptz"));
        call.setArgs(1, Nodes.cast(call.getArgs(1), "timestamptz"));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private static boolean dateMinusTime(Node.Builder node) {
    A_Expr expression = node.getAExpr();
    if (expression.getKind() != A_Expr_Kind.AEXPR_OP || expression.getNameCount() != 1
        || !expression.getName(0).getString().getSval().equals("-")
        || !isDate(expression.getLexpr()) || !"time".equals(Nodes.castType(expression.getRexpr()))) {
      return false;
    }
    node.clear().mergeFrom(Nodes.call("duckgres_date_minus_time", expression.getLexpr(),
        expression.getRexpr()));
    return true;
  }

  private static boolean isCatalog(FuncCall.Builder call) {
    return call.getFuncname(0).getString().getSval().equals("pg_catalog");
  }

  private static boolean isDate(Node operand) {
    return "date".equals(Nodes.castType(operand));
  }
}
