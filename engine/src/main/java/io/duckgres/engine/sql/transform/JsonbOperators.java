package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.String;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's jsonb operators on DuckDB's JSON, which lacks them or gives them another meaning
 * ({@code ||} concatenates JSON as text: {@code [1,2]3}):
 *
 * <ul>
 *   <li>{@code j ? k}, {@code j ?| ks}, {@code j ?& ks}: the catalog macros
 *       {@code duckgres_jsonb_exists(_any, _all)};
 *   <li>{@code a @> b}, {@code a <@ b}: {@code json_contains}, when an operand is evidently JSON
 *       (a cast to json/jsonb, or a constant holding a JSON object or array): the same operators
 *       on arrays are DuckDB's own;
 *   <li>{@code j #> '{a,2}'}, {@code j #>> '{a,2}'} with a constant path: {@code json_extract} /
 *       {@code json_extract_string} with the JSON pointer {@code /a/2};
 *   <li>{@code a || b} with an operand cast to json/jsonb: {@code duckgres_jsonb_concat} (objects
 *       merge, arrays concatenate), in jsonb's text;
 *   <li>{@code j - 'key'} with a jsonb operand: {@code duckgres_jsonb_delete}.
 * </ul>
 */
public final class JsonbOperators implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, java.lang.String sql) {
    if (!node.hasAExpr()) {
      return false;
    }
    A_Expr expression = node.getAExpr();
    if (expression.getKind() != A_Expr_Kind.AEXPR_OP || !expression.hasLexpr()
        || !expression.hasRexpr() || expression.getNameCount() != 1
        || !expression.getName(0).hasString()) {
      return false;
    }
    Node left = expression.getLexpr();
    Node right = expression.getRexpr();
    FuncCall.Builder call = switch (expression.getName(0).getString().getSval()) {
      case "?" -> call("duckgres_jsonb_exists", left, right);
      case "?|" -> call("duckgres_jsonb_exists_any", left, right);
      case "?&" -> call("duckgres_jsonb_exists_all", left, right);
      case "@>" -> isJson(left) || isJson(right) ? call("json_contains", left, right) : null;
      case "<@" -> isJson(left) || isJson(right) ? call("json_contains", right, left) : null;
      case "#>" -> pointer(right) == null ? null : call("json_extract", left, pointer(right));
      case "#>>" ->
          pointer(right) == null ? null : call("json_extract_string", left, pointer(right));
      case "||" -> isJsonCast(left) || isJsonCast(right)
          ? call(JsonTextForms.JSONB, Node.newBuilder().setFuncCall(
              call("duckgres_jsonb_concat", left, right)).build()) : null;
      case "-" -> isJsonCast(left) && Nodes.stringConstant(right) != null
          ? call("duckgres_jsonb_delete", left, right) : null;
      default -> null;
    };
    if (call == null) {
      return false;
    }
    node.setFuncCall(call.setLocation(expression.getLocation()));
    return true;
  }

  private static boolean isJson(Node operand) {
    if (isJsonCast(operand)) {
      return true;
    }
    java.lang.String text = stringConstant(operand);
    if (text == null) {
      return false;
    }
    java.lang.String trimmed = text.strip();
    // '{1,2}' is an array constant; '{"a": 1}' and '[1]' are JSON.
    return trimmed.startsWith("[") || (trimmed.startsWith("{") && trimmed.contains(":"));
  }

  private static boolean isJsonCast(Node operand) {
    if (JsonTextForms.JSONB.equals(Nodes.functionName(operand))) {
      return true;
    }
    if (!operand.hasTypeCast()) {
      return false;
    }
    TypeName type = operand.getTypeCast().getTypeName();
    if (type.getArrayBoundsCount() > 0 || type.getNamesCount() == 0) {
      return false;
    }
    java.lang.String name = type.getNames(type.getNamesCount() - 1).getString().getSval();
    return name.equals("json") || name.equals("jsonb");
  }

  private static java.lang.String stringConstant(Node operand) {
    Node value = operand.hasTypeCast() ? operand.getTypeCast().getArg() : operand;
    return value.hasAConst() && value.getAConst().hasSval()
        ? value.getAConst().getSval().getSval() : null;
  }

  /**
   * The JSON pointer of a constant text-array path ('{a,2}' → '/a/2'; a typed literal
   * '{a,2}'::text[] arrives here as ARRAY['a', '2']::text[], see ArrayLiterals), or null.
   */
  private static Node pointer(Node path) {
    java.lang.String text = stringConstant(path);
    List<java.lang.String> elements = text != null ? arrayElements(text.strip())
        : constructorElements(path.hasTypeCast() ? path.getTypeCast().getArg() : path);
    if (elements == null) {
      return null;
    }
    StringBuilder pointer = new StringBuilder();
    for (java.lang.String element : elements) {
      pointer.append('/').append(element.replace("~", "~0").replace("/", "~1"));
    }
    return Node.newBuilder().setAConst(A_Const.newBuilder()
        .setSval(String.newBuilder().setSval(pointer.toString()))).build();
  }

  /** The elements of {@code ARRAY['a', 'b']} when all are string constants, or null. */
  private static List<java.lang.String> constructorElements(Node array) {
    if (!array.hasAArrayExpr()) {
      return null;
    }
    List<java.lang.String> elements = new ArrayList<>();
    for (Node element : array.getAArrayExpr().getElementsList()) {
      java.lang.String text = Nodes.stringConstant(element);
      if (text == null) {
        return null;
      }
      elements.add(text);
    }
    return elements;
  }

  /** The elements of a one-dimensional array constant ({a,"b c",2}), or null if it is not one. */
  static List<java.lang.String> arrayElements(java.lang.String text) {
    if (text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
      return null;
    }
    List<java.lang.String> elements = new ArrayList<>();
    java.lang.String body = text.substring(1, text.length() - 1);
    if (body.isBlank()) {
      return elements;
    }
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        current.append(body.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        elements.add(current.toString().strip());
        current.setLength(0);
      } else if ((c == '{' || c == '}') && !quoted) {
        return null;
      } else {
        current.append(c);
      }
    }
    elements.add(current.toString().strip());
    return elements;
  }

  private static FuncCall.Builder call(java.lang.String function, Node... arguments) {
    FuncCall.Builder call = FuncCall.newBuilder()
        .addFuncname(Node.newBuilder().setString(String.newBuilder().setSval(function)));
    for (Node argument : arguments) {
      call.addArgs(argument);
    }
    return call;
  }
}
