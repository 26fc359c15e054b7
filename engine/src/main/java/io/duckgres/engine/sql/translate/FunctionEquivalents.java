package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.translate.FunctionCalls.Call;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * PostgreSQL functions DuckDB has under another name or with another argument list, rewritten to
 * the DuckDB call that gives the same value. Only names DuckDB does not define (or, for
 * {@code to_hex}, {@code lpad}/{@code rpad} with two arguments, {@code encode}/{@code decode},
 * calls it answers differently) are touched. PostgreSQL documentation: sections 9.4 "String
 * Functions", 9.5 "Binary String Functions", 9.9 "Date/Time Functions", 9.16 "JSON Functions",
 * 9.21 "Aggregate Functions".
 */
final class FunctionEquivalents implements Rewrite {
  private static final Map<String, Function<Call, String>> EQUIVALENTS = Map.ofEntries(
      // every is the SQL-standard spelling of bool_and.
      Map.entry("every", call -> "bool_and(" + call.argumentText() + ")"),
      // btrim(s [, characters]) is DuckDB's trim(s [, characters]).
      Map.entry("btrim", call -> "trim(" + call.argumentText() + ")"),
      // date_bin(stride, source, origin) is DuckDB's time_bucket(width, ts, origin).
      Map.entry("date_bin", call -> call.arguments().size() == 3
          ? "time_bucket(" + call.argumentText() + ")" : null),
      // PostgreSQL's integer quotient, truncated toward zero, as numeric.
      Map.entry("div", call -> call.arguments().size() == 2
          ? "CAST(trunc((" + call.arguments().get(0) + ") / (" + call.arguments().get(1)
              + ")) AS DECIMAL(38, 0))" : null),
      // to_hex writes lower-case digits; DuckDB's writes upper case.
      Map.entry("to_hex", call -> call.arguments().size() == 1
          ? "lower(to_hex(" + call.argumentText() + "))" : null),
      // lpad/rpad pad with spaces when no fill is given; DuckDB requires the fill.
      Map.entry("lpad", call -> pad("lpad", call)),
      Map.entry("rpad", call -> pad("rpad", call)),
      // encode(bytea, format) → text and decode(text, format) → bytea, for hex and base64.
      Map.entry("encode", FunctionEquivalents::encode),
      Map.entry("decode", FunctionEquivalents::decode),
      // JSON constructors: DuckDB's json_object/json_array/to_json take the same arguments.
      Map.entry("json_build_object", call -> "json_object(" + call.argumentText() + ")"),
      Map.entry("jsonb_build_object", call -> "json_object(" + call.argumentText() + ")"),
      Map.entry("json_build_array", call -> "json_array(" + call.argumentText() + ")"),
      Map.entry("jsonb_build_array", call -> "json_array(" + call.argumentText() + ")"),
      Map.entry("to_jsonb", call -> "to_json(" + call.argumentText() + ")"),
      Map.entry("jsonb_array_length", call -> "json_array_length(" + call.argumentText() + ")"),
      // json_typeof names the JSON type in lower case; DuckDB's json_type names its own types.
      Map.entry("json_typeof", FunctionEquivalents::jsonTypeof),
      Map.entry("jsonb_typeof", FunctionEquivalents::jsonTypeof),
      // json_object_agg(k, v) is json_group_object(k, v), a macro: so not with ORDER BY.
      Map.entry("json_object_agg", FunctionEquivalents::jsonObjectAgg),
      Map.entry("jsonb_object_agg", FunctionEquivalents::jsonObjectAgg),
      // format('%s …', …) with only %s: concat, which like %s writes NULL as nothing. DuckDB's
      // own format uses {} and is left alone.
      Map.entry("format", FunctionEquivalents::format),
      // json_agg(x ORDER BY y): DuckDB's json_group_array is a macro that takes no ORDER BY, so
      // the list is built by array_agg (which does) and then converted. Not with FILTER/OVER,
      // which would then apply to to_json.
      Map.entry("json_agg", FunctionEquivalents::jsonAgg),
      Map.entry("jsonb_agg", FunctionEquivalents::jsonAgg),
      // substring(s FROM 'regex'): the POSIX regular-expression form, with a constant pattern.
      Map.entry("substring", FunctionEquivalents::substringRegex),
      // octet_length of text: DuckDB's takes blobs only (macro in catalog 25-sql-functions.sql).
      Map.entry("octet_length", call -> call.arguments().size() == 1
          ? "duckgres_octet_length(" + call.argumentText() + ")" : null),
      // chr(0) is an error (54000) in PostgreSQL; DuckDB returns a NUL character.
      Map.entry("chr", call -> call.arguments().size() == 1
          ? "duckgres_chr(" + call.argumentText() + ")" : null),
      // array_to_string(array, separator, null_string): NULL elements written as null_string.
      Map.entry("array_to_string", call -> call.arguments().size() == 3
          ? "array_to_string(list_transform(" + call.arguments().get(0)
              + ", duckgres_element -> coalesce(CAST(duckgres_element AS VARCHAR), "
              + call.arguments().get(2) + ")), " + call.arguments().get(1) + ")" : null));

  private static final Set<String> NAMES = EQUIVALENTS.keySet();

  @Override
  public String apply(String sql) {
    return FunctionCalls.rewrite(sql, NAMES, call -> EQUIVALENTS.get(call.name()).apply(call));
  }

  private static String pad(String name, Call call) {
    List<String> arguments = call.arguments();
    return arguments.size() == 2
        ? name + "(" + arguments.get(0) + ", " + arguments.get(1) + ", ' ')" : null;
  }

  private static String encode(Call call) {
    List<String> arguments = call.arguments();
    if (arguments.size() != 2) {
      return null;
    }
    return switch (format(arguments.get(1))) {
      case "hex" -> "lower(hex(" + arguments.get(0) + "))";
      case "base64" -> "to_base64(" + arguments.get(0) + ")";
      default -> null;
    };
  }

  private static String decode(Call call) {
    List<String> arguments = call.arguments();
    if (arguments.size() != 2) {
      return null;
    }
    return switch (format(arguments.get(1))) {
      case "hex" -> "unhex(" + arguments.get(0) + ")";
      case "base64" -> "from_base64(" + arguments.get(0) + ")";
      default -> null;
    };
  }

  /** The value of a format argument written as a plain string constant, lower case; or "". */
  private static String format(String argument) {
    List<SqlTokens.Token> tokens = SqlTokens.tokenize(argument);
    if (tokens.size() != 1 || tokens.get(0).plainStringValue() == null) {
      return "";
    }
    return tokens.get(0).plainStringValue().toLowerCase(Locale.ROOT);
  }

  /**
   * substring(s FROM 'pattern') with a string-constant pattern and no FOR: the text the regular
   * expression matches, or its first parenthesized subexpression when it has one; NULL when
   * nothing matches (regexp_extract would give ''). Other forms (FROM a number, FOR, a pattern
   * that is not a constant) are DuckDB's own.
   */
  private static String substringRegex(Call call) {
    if (call.arguments().size() != 1) {
      return null;
    }
    List<SqlTokens.Token> tokens = SqlTokens.tokenize(call.arguments().get(0));
    int from = -1;
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      SqlTokens.Token token = tokens.get(i);
      if (token.is("(") || token.is("[")) {
        depth++;
      } else if (token.is(")") || token.is("]")) {
        depth--;
      } else if (depth == 0 && (token.isWord("for") || token.isWord("similar"))) {
        return null;
      } else if (depth == 0 && token.isWord("from") && from < 0) {
        from = i;
      }
    }
    if (from < 0) {
      return null;
    }
    int patternAt = SqlTokens.next(tokens, from);
    if (patternAt >= tokens.size() || SqlTokens.next(tokens, patternAt) != tokens.size()) {
      return null;
    }
    String pattern = tokens.get(patternAt).plainStringValue();
    if (pattern == null) {
      return null;
    }
    String subject = call.arguments().get(0).substring(0, tokens.get(from).start()).strip();
    String literal = tokens.get(patternAt).text();
    int group = hasCapturingGroup(pattern) ? 1 : 0;
    return "CASE WHEN regexp_matches(" + subject + ", " + literal + ") THEN regexp_extract("
        + subject + ", " + literal + ", " + group + ") END";
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

  private static String jsonTypeof(Call call) {
    if (call.arguments().size() != 1) {
      return null;
    }
    return "CASE json_type(" + call.argumentText() + ") WHEN 'OBJECT' THEN 'object'"
        + " WHEN 'ARRAY' THEN 'array' WHEN 'VARCHAR' THEN 'string' WHEN 'BOOLEAN' THEN 'boolean'"
        + " WHEN 'NULL' THEN 'null' WHEN 'BIGINT' THEN 'number' WHEN 'UBIGINT' THEN 'number'"
        + " WHEN 'HUGEINT' THEN 'number' WHEN 'DOUBLE' THEN 'number' END";
  }

  private static String jsonObjectAgg(Call call) {
    String following = call.followingWord();
    if (call.arguments().size() != 2 || following.equals("filter") || following.equals("over")
        || SqlTokens.tokenize(call.argumentText()).stream().anyMatch(t -> t.isWord("order"))) {
      return null;
    }
    return "json_group_object(" + call.argumentText() + ")";
  }

  private static String format(Call call) {
    List<String> arguments = call.arguments();
    if (arguments.isEmpty()) {
      return null;
    }
    List<SqlTokens.Token> template = SqlTokens.tokenize(arguments.get(0));
    String text = template.size() == 1 ? template.get(0).plainStringValue() : null;
    if (text == null || text.indexOf('%') < 0) {
      return null;
    }
    StringBuilder concat = new StringBuilder("concat(");
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
        concat.append(Literals.quote(piece.toString())).append(", ")
            .append(arguments.get(used)).append(", ");
        piece.setLength(0);
      } else {
        return null; // %I, %L, widths, positions: no plain equivalent
      }
      i++;
    }
    if (used != arguments.size() - 1) {
      return null;
    }
    return concat.append(Literals.quote(piece.toString())).append(")").toString();
  }

  private static String jsonAgg(Call call) {
    String following = call.followingWord();
    if (following.equals("filter") || following.equals("over")) {
      return null;
    }
    return "to_json(array_agg(" + call.argumentText() + "))";
  }
}
