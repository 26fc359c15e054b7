package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.CoercionForm;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * PostgreSQL functions DuckDB has under another name or with another argument list, rewritten to
 * the DuckDB call that gives the same value. Only names DuckDB does not define (or, for
 * {@code to_hex}, {@code lpad}/{@code rpad} with two arguments, {@code encode}/{@code decode},
 * calls it answers differently) are touched, written plain or as {@code pg_catalog.f}; a call
 * of another schema's function of the same name is left alone. A call that is only renamed keeps
 * its DISTINCT, ORDER BY, FILTER and OVER. PostgreSQL documentation: sections 9.4 "String
 * Functions", 9.5 "Binary String Functions", 9.9 "Date/Time Functions", 9.16 "JSON Functions",
 * 9.21 "Aggregate Functions".
 *
 * <p>The json constructors are wrapped by {@link JsonTextForms} before this transform sees them;
 * the call inside such a wrapper is rewritten here.
 */
public final class FunctionEquivalents implements TreeTransform {
  private static final Map<String, String> RENAMED = Map.ofEntries(
      // every is the SQL-standard spelling of bool_and.
      Map.entry("every", "bool_and"),
      // btrim(s [, characters]) is DuckDB's trim(s [, characters]).
      Map.entry("btrim", "trim"),
      // JSON constructors: DuckDB's json_object/json_array/to_json take the same arguments.
      Map.entry("json_build_object", "json_object"),
      Map.entry("jsonb_build_object", "json_object"),
      Map.entry("json_build_array", "json_array"),
      Map.entry("jsonb_build_array", "json_array"),
      Map.entry("to_jsonb", "to_json"),
      Map.entry("jsonb_array_length", "json_array_length"));

  private static final Node PLACEHOLDER = Templates.parse("$1");
  private static final Node LOWER_HEX = Templates.parse("lower(hex($1))");
  private static final Node DIV = Templates.parse("CAST(trunc($1 / $2) AS numeric(38, 0))");
  private static final Node ARRAY_TO_STRING = Templates.parse("array_to_string(list_transform("
      + "$1, duckgres_element -> coalesce(CAST(duckgres_element AS varchar), $3)), $2)");
  private static final Node JSON_TYPEOF = Templates.parse("CASE json_type($1)"
      + " WHEN 'OBJECT' THEN 'object' WHEN 'ARRAY' THEN 'array' WHEN 'VARCHAR' THEN 'string'"
      + " WHEN 'BOOLEAN' THEN 'boolean' WHEN 'NULL' THEN 'null' WHEN 'BIGINT' THEN 'number'"
      + " WHEN 'UBIGINT' THEN 'number' WHEN 'HUGEINT' THEN 'number' WHEN 'DOUBLE' THEN 'number'"
      + " END");
  private static final Node REGEX_SUBSTRING =
      Templates.parse("CASE WHEN regexp_matches($1, $2) THEN regexp_extract($1, $2, $3) END");

  /** Rewrites by name: each returns the replacement, or null to leave the call alone. */
  private static final Map<String, Function<FuncCall, Node>> REWRITTEN = Map.ofEntries(
      // date_bin(stride, source, origin) is DuckDB's time_bucket(width, ts, origin).
      Map.entry("date_bin", call -> call.getArgsCount() == 3 ? renamed(call, "time_bucket") : null),
      // PostgreSQL's integer quotient, truncated toward zero, as numeric.
      Map.entry("div", call -> call.getArgsCount() == 2 ? Templates.fill(DIV, call.getArgsList())
          : null),
      // to_hex writes lower-case digits; DuckDB's writes upper case.
      Map.entry("to_hex", call -> call.getArgsCount() == 1
          ? Nodes.call("lower", renamed(call, "to_hex")) : null),
      // lpad/rpad pad with spaces when no fill is given; DuckDB requires the fill.
      Map.entry("lpad", FunctionEquivalents::pad),
      Map.entry("rpad", FunctionEquivalents::pad),
      // encode(bytea, format) → text and decode(text, format) → bytea, for hex and base64.
      Map.entry("encode", call -> coding(call, LOWER_HEX, Nodes.call("to_base64", PLACEHOLDER))),
      Map.entry("decode", call -> coding(call, Nodes.call("unhex", PLACEHOLDER),
          Nodes.call("from_base64", PLACEHOLDER))),
      // json_typeof names the JSON type in lower case; DuckDB's json_type names its own types.
      Map.entry("json_typeof", FunctionEquivalents::jsonTypeof),
      Map.entry("jsonb_typeof", FunctionEquivalents::jsonTypeof),
      // json_object_agg(k, v) is json_group_object(k, v), a macro: so not with ORDER BY.
      Map.entry("json_object_agg", FunctionEquivalents::jsonObjectAgg),
      Map.entry("jsonb_object_agg", FunctionEquivalents::jsonObjectAgg),
      // format('%s …', …) with only %s: concat, which like %s writes NULL as nothing. Templates
      // with %I or %L are FormatSpecifiers'.
      Map.entry("format", FunctionEquivalents::format),
      // json_agg(x ORDER BY y): DuckDB's json_group_array is a macro that takes no ORDER BY, so
      // the list is built by array_agg (which does) and then converted. Not with FILTER/OVER,
      // which would then apply to to_json.
      Map.entry("json_agg", FunctionEquivalents::jsonAgg),
      Map.entry("jsonb_agg", FunctionEquivalents::jsonAgg),
      // substring(s FROM 'regex'): the POSIX regular-expression form, with a constant pattern.
      Map.entry("substring", FunctionEquivalents::substringRegex),
      // octet_length of text: DuckDB's takes blobs only (macro in catalog 25-sql-functions.sql).
      Map.entry("octet_length", call -> call.getArgsCount() == 1
          ? renamed(call, "duckgres_octet_length") : null),
      // chr(0) is an error (54000) in PostgreSQL; DuckDB returns a NUL character.
      Map.entry("chr", call -> call.getArgsCount() == 1 ? renamed(call, "duckgres_chr") : null),
      // array_to_string(array, separator, null_string): NULL elements written as null_string.
      Map.entry("array_to_string", call -> call.getArgsCount() == 3
          ? Templates.fill(ARRAY_TO_STRING, call.getArgsList()) : null));

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasFuncCall()) {
      return false;
    }
    if (rewrite(node)) {
      return true;
    }
    // JsonTextForms' wrappers: duckgres_jsonb(jsonb_build_object(…)) and the like.
    String name = Nodes.functionName(node.build());
    if ((JsonTextForms.JSONB.equals(name) || "duckgres_json_members".equals(name))
        && node.getFuncCall().getArgsCount() == 1 && node.getFuncCall().getArgs(0).hasFuncCall()) {
      return rewrite(node.getFuncCallBuilder().getArgsBuilder(0));
    }
    return false;
  }

  private static boolean rewrite(Node.Builder node) {
    FuncCall call = node.getFuncCall();
    String name = postgresName(call);
    if (name == null) {
      return false;
    }
    String renamed = RENAMED.get(name);
    Node replacement = renamed != null ? renamed(call, renamed)
        : REWRITTEN.containsKey(name) ? REWRITTEN.get(name).apply(call) : null;
    if (replacement == null) {
      return false;
    }
    node.clear().mergeFrom(replacement);
    return true;
  }

  /** The name of a call of PostgreSQL's function ({@code f} or {@code pg_catalog.f}), or null. */
  static String postgresName(FuncCall call) {
    int count = call.getFuncnameCount();
    if (count == 2 && !"pg_catalog".equals(call.getFuncname(0).getString().getSval())) {
      return null;
    }
    if (count != 1 && count != 2) {
      return null;
    }
    Node last = call.getFuncname(count - 1);
    return last.hasString() ? last.getString().getSval() : null;
  }

  /** {@code call} under another name, everything else kept. */
  private static Node renamed(FuncCall call, String name) {
    return Node.newBuilder().setFuncCall(call.toBuilder().clearFuncname()
        .addFuncname(Nodes.name(name)).setFuncformat(CoercionForm.COERCE_EXPLICIT_CALL)).build();
  }

  private static Node pad(FuncCall call) {
    if (call.getArgsCount() != 2) {
      return null;
    }
    return Node.newBuilder().setFuncCall(call.toBuilder().addArgs(Nodes.string(" "))).build();
  }

  /** encode/decode with a constant format, hex or base64: the template for it, or null. */
  private static Node coding(FuncCall call, Node hex, Node base64) {
    String format = call.getArgsCount() == 2 ? Nodes.stringConstant(call.getArgs(1)) : null;
    Node template = format == null ? null
        : switch (format.toLowerCase(Locale.ROOT)) {
          case "hex" -> hex;
          case "base64" -> base64;
          default -> null;
        };
    return template == null ? null : Templates.fill(template, call.getArgs(0));
  }

  private static Node jsonTypeof(FuncCall call) {
    return call.getArgsCount() == 1 ? Templates.fill(JSON_TYPEOF, call.getArgs(0)) : null;
  }

  private static Node jsonObjectAgg(FuncCall call) {
    if (call.getArgsCount() != 2 || call.hasAggFilter() || call.hasOver()
        || call.getAggOrderCount() > 0) {
      return null;
    }
    return renamed(call, "json_group_object");
  }

  private static Node jsonAgg(FuncCall call) {
    if (call.hasAggFilter() || call.hasOver()) {
      return null;
    }
    return Nodes.call("to_json", renamed(call, "array_agg"));
  }

  /**
   * {@code substring(s FROM 'pattern')} (also written {@code substring(s, 'pattern')}) with a
   * string-constant pattern: the text the regular expression matches, or its first parenthesized
   * subexpression when it has one; NULL when nothing matches (regexp_extract would give ''). The
   * other forms (FROM a number, FOR, SIMILAR) are DuckDB's own or SubstringBounds'.
   */
  private static Node substringRegex(FuncCall call) {
    if (call.getArgsCount() != 2) {
      return null;
    }
    String pattern = Nodes.stringConstant(call.getArgs(1));
    if (pattern == null) {
      return null;
    }
    Node group = Node.newBuilder().setAConst(
        io.duckgres.engine.sql.parse.tree.PgQuery.A_Const.newBuilder().setIval(
            io.duckgres.engine.sql.parse.tree.PgQuery.Integer.newBuilder()
                .setIval(hasCapturingGroup(pattern) ? 1 : 0))).build();
    return Templates.fill(REGEX_SUBSTRING, call.getArgs(0), call.getArgs(1), group);
  }

  private static boolean hasCapturingGroup(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(' && !pattern.startsWith("(?", i)) {
        return true;
      }
    }
    return false;
  }

  /** format with a constant template of only %s and %%: concat of the pieces and arguments. */
  private static Node format(FuncCall call) {
    String text = call.getArgsCount() > 0 ? Nodes.stringConstant(call.getArgs(0)) : null;
    if (text == null || text.indexOf('%') < 0) {
      return null;
    }
    List<Node> arguments = call.getArgsList();
    FuncCall.Builder concat = FuncCall.newBuilder().addFuncname(Nodes.name("concat"));
    StringBuilder piece = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        piece.append(c);
        continue;
      }
      char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
      if (next == '%') {
        piece.append('%');
      } else if (next == 's' && used + 1 < arguments.size()) {
        used++;
        concat.addArgs(Nodes.string(piece.toString())).addArgs(arguments.get(used));
        piece.setLength(0);
      } else {
        return null; // %I, %L, widths, positions: no plain equivalent
      }
      i++;
    }
    if (used != arguments.size() - 1) {
      return null;
    }
    concat.addArgs(Nodes.string(piece.toString()));
    return Node.newBuilder().setFuncCall(concat).build();
  }
}
