package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.TreeWalk;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.Set;

/**
 * PostgreSQL's text of json and jsonb values where DuckDB writes JSON compactly and keeps jsonb
 * as json text. Each expression is wrapped in a catalog macro (27-compat-functions.sql) that
 * rewrites the text:
 *
 * <ul>
 *   <li>{@code x::jsonb}, {@code jsonb_build_object}, {@code jsonb_build_array},
 *       {@code jsonb_agg}, {@code jsonb_object_agg}, {@code to_jsonb}: {@code duckgres_jsonb}
 *       (keys ordered and unique, {@code {"a": 1, "b": [1, 2]}});
 *   <li>{@code json_build_object}, {@code json_build_array}, {@code json_agg}:
 *       {@code duckgres_json_members} ({@code {"a" : 1, "b" : 2}}, {@code [1, 2]});
 *   <li>{@code j -> k} with a constant or parameter key: {@code duckgres_json_spaced} (a space
 *       after each , and :); {@code j ->> k}: {@code duckgres_json_text(j -> k)};
 *   <li>{@code json_object_agg(k, v [ORDER BY …])}: {@code duckgres_json_object_agg}
 *       ({@code { "k" : v, … }});
 *   <li>{@code json_object('{k, v, …}')} (one text array): {@code duckgres_json_object_of_array}.
 * </ul>
 *
 * The inner calls keep their names, for the token rewrites that map them to DuckDB's functions.
 */
public final class JsonTextForms implements TreeTransform {
  /** The macro that marks a value as jsonb (JsonbOperators recognises it as a jsonb operand). */
  static final String JSONB = "duckgres_jsonb";
  private static final Set<String> JSONB_RESULTS = Set.of("jsonb_build_object",
      "jsonb_build_array", "jsonb_agg", "jsonb_object_agg", "to_jsonb");
  private static final Set<String> JSON_MEMBERS =
      Set.of("json_build_object", "json_build_array", "json_agg");

  /** The wrappers this transform adds, which a stored expression must not keep. */
  private static final Set<String> WRAPPERS =
      Set.of(JSONB, "duckgres_json_members", "duckgres_json_spaced", "duckgres_json_text");

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (node.hasConstraint() || node.hasIndexElem()) {
      // Column defaults, CHECK constraints and index expressions are stored with the table, and
      // the macros live in the catalog: they keep the expression as written.
      boolean[] changed = {false};
      TreeWalk.walk(node, inner -> changed[0] |= unwrap(inner));
      return changed[0];
    }
    if (node.hasTypeCast()) {
      String type = Nodes.castType(node.build());
      if (!"jsonb".equals(type) || node.getTypeCast().getArg().hasParamRef()) {
        return false;
      }
      replace(node, Nodes.call(JSONB, node.build()));
      return true;
    }
    if (node.hasFuncCall()) {
      Node call = node.build();
      String name = Nodes.functionName(call);
      if (name == null || node.getFuncCall().getFuncnameCount() != 1) {
        return false;
      }
      if (JSONB_RESULTS.contains(name)) {
        replace(node, Nodes.call(JSONB, call));
        return true;
      }
      if (JSON_MEMBERS.contains(name)) {
        replace(node, Nodes.call("duckgres_json_members", call));
        return true;
      }
      if (name.equals("json_object_agg") && node.getFuncCall().getArgsCount() == 2) {
        replace(node, objectAgg(node.getFuncCall()));
        return true;
      }
      if (name.equals("json_object") && node.getFuncCall().getArgsCount() == 1) {
        replace(node, Nodes.call("duckgres_json_object_of_array",
            node.getFuncCall().getArgs(0)));
        return true;
      }
      return false;
    }
    if (node.hasAExpr()) {
      A_Expr expression = node.getAExpr();
      if (expression.getKind() != A_Expr_Kind.AEXPR_OP || expression.getNameCount() != 1
          || !expression.hasLexpr() || !isKey(expression.getRexpr())) {
        return false;
      }
      String operator = expression.getName(0).getString().getSval();
      if (operator.equals("->")) {
        replace(node, Nodes.call("duckgres_json_spaced", node.build()));
        return true;
      }
      if (operator.equals("->>")) {
        A_Expr.Builder extract = expression.toBuilder().setName(0, Nodes.name("->"));
        replace(node, Nodes.call("duckgres_json_text",
            Node.newBuilder().setAExpr(extract).build()));
        return true;
      }
    }
    return false;
  }

  /**
   * {@code json_object_agg(k, v …)}: DuckDB's json_group_object takes no ORDER BY, so the pairs
   * are collected with {@code list([to_json(k::text), to_json(v)] …)} (ORDER BY, FILTER and OVER
   * kept) and written by {@code duckgres_json_object_agg} as {@code { "k" : v, … }}.
   */
  private static Node objectAgg(FuncCall call) {
    Node pair = Nodes.call("list_value",
        Nodes.call("to_json", Nodes.cast(call.getArgs(0), "text")),
        Nodes.call("to_json", call.getArgs(1)));
    FuncCall.Builder list = call.toBuilder().clearFuncname().addFuncname(Nodes.name("list"))
        .clearArgs().addArgs(pair);
    return Nodes.call("duckgres_json_object_agg",
        Nodes.call("to_json", Node.newBuilder().setFuncCall(list).build()));
  }

  private static boolean unwrap(Node.Builder node) {
    String name = Nodes.functionName(node.build());
    if (name == null || !WRAPPERS.contains(name) || node.getFuncCall().getFuncnameCount() != 1
        || node.getFuncCall().getArgsCount() != 1) {
      return false;
    }
    Node inner = node.getFuncCall().getArgs(0);
    if (name.equals("duckgres_json_text") && inner.hasAExpr()) {
      inner = inner.toBuilder().setAExpr(inner.getAExpr().toBuilder()
          .setName(0, Nodes.name("->>"))).build();
    }
    replace(node, inner);
    return true;
  }

  /** A key or index: a constant or a parameter (not a DuckDB lambda's body). */
  private static boolean isKey(Node operand) {
    return operand.hasAConst() || operand.hasParamRef()
        || (operand.hasTypeCast() && operand.getTypeCast().getArg().hasAConst());
  }

  private static void replace(Node.Builder node, Node replacement) {
    node.clear().mergeFrom(replacement);
  }
}
