package io.duckgres.engine.result;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Result column names as PostgreSQL chooses them for expressions without an alias: a function
 * call is named after the function ({@code count}, {@code upper}), a cast after its operand or
 * target type, anything else {@code ?column?}. DuckDB names such columns after the expression's
 * text ({@code count_star()}, {@code (1 + 1)}); clients that read columns by name (pandas,
 * ORMs) expect PostgreSQL's names. Plain column names and aliases pass through unchanged.
 */
public final class ColumnNames {
  private static final Pattern FUNCTION = Pattern.compile("^(?:[a-z_][a-z0-9_]*\\.)*([a-z_][a-z0-9_]*)\\(.*\\)$",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern CAST = Pattern.compile("^CAST\\((.*) AS ([A-Z ]+)(?:\\(.*\\))?(\\[\\])?\\)$",
      Pattern.DOTALL);
  private static final Pattern IDENTIFIER = Pattern.compile("^(?:[a-z_][a-z0-9_]*\\.)*([a-z_][a-z0-9_]*)$",
      Pattern.CASE_INSENSITIVE);
  private static final Map<String, String> TYPE_NAMES = Map.ofEntries(
      Map.entry("INTEGER", "int4"), Map.entry("BIGINT", "int8"), Map.entry("SMALLINT", "int2"),
      Map.entry("DOUBLE", "float8"), Map.entry("FLOAT", "float4"), Map.entry("BOOLEAN", "bool"),
      Map.entry("VARCHAR", "text"), Map.entry("DECIMAL", "numeric"), Map.entry("DATE", "date"),
      Map.entry("TIMESTAMP", "timestamp"), Map.entry("TIMESTAMP WITH TIME ZONE", "timestamptz"),
      Map.entry("TIME", "time"), Map.entry("INTERVAL", "interval"), Map.entry("BLOB", "bytea"),
      Map.entry("UUID", "uuid"), Map.entry("JSON", "json"));

  private ColumnNames() {}

  public static String postgres(String duckName) {
    if (duckName.isEmpty()
        || (isPlainName(duckName) && !duckName.regionMatches(true, 0, "CASE ", 0, 5)
            && !duckName.contains(" COLLATE "))) {
      return duckName;
    }
    if (duckName.equals("count_star()")) {
      return "count";
    }
    Matcher cast = CAST.matcher(duckName);
    if (cast.matches()) {
      String operand = cast.group(1).trim();
      if (IDENTIFIER.matcher(operand).matches() || FUNCTION.matcher(operand).matches()) {
        return postgres(operand);
      }
      String type = TYPE_NAMES.get(cast.group(2).trim());
      return type == null ? "?column?" : cast.group(3) != null ? "_" + type : type;
    }
    Matcher function = FUNCTION.matcher(duckName);
    if (function.matches() && balanced(duckName, duckName.indexOf('('))) {
      return function.group(1).toLowerCase(Locale.ROOT);
    }
    Matcher identifier = IDENTIFIER.matcher(duckName);
    if (identifier.matches()) {
      return identifier.group(1);
    }
    if (duckName.regionMatches(true, 0, "CASE ", 0, 5)) {
      return "case";
    }
    return "?column?";
  }

  /**
   * Aliases and column names: no parentheses, operators or quotes. Spaces are allowed ("my col"):
   * DuckDB writes expressions with spaces in parentheses, or as CASE … or x COLLATE c.
   */
  private static boolean isPlainName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '(' || c == ')' || c == '\'' || c == '"' || c == '+' || c == '-'
          || c == '*' || c == '/' || c == '|' || c == ':' || c == '[' || c == '<' || c == '>'
          || c == '=') {
        return false;
      }
    }
    return !Character.isDigit(name.charAt(0));
  }

  /** True when the parenthesis at {@code open} closes at the very end (one call, not a + b()). */
  private static boolean balanced(String text, int open) {
    int depth = 0;
    boolean quoted = false;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
        if (depth == 0 && i != text.length() - 1) {
          return false;
        }
      }
    }
    return depth == 0;
  }
}
