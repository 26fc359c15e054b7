package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.translate.SqlTokens.Kind;
import io.duckgres.engine.sql.translate.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds calls of named functions ({@code name(arguments)}) outside string constants, quoted
 * identifiers and comments, for rewrites that replace a PostgreSQL function by its DuckDB
 * spelling. A name after "." (a qualified name, or DuckDB's {@code x.f()} call syntax) is not a
 * call of the PostgreSQL function and is left alone. Arguments are rewritten first, so calls
 * nested in a replaced call are replaced too. A replaced call that is a whole select-list item
 * without an alias gets one, so the column keeps the PostgreSQL function's name.
 */
final class FunctionCalls {
  private FunctionCalls() {}

  /**
   * One call: its name in lower case, its arguments' text (split at top-level commas, trimmed),
   * and the text right after its closing parenthesis (to see FILTER or OVER).
   */
  record Call(String name, List<String> arguments, String argumentText, String following) {
    /** The word that follows the call, in lower case, or "" when none does. */
    String followingWord() {
      List<Token> tokens = SqlTokens.tokenize(following);
      int j = SqlTokens.next(tokens, -1);
      if (j >= tokens.size()) {
        return "";
      }
      String word = tokens.get(j).word();
      return word == null ? "" : word;
    }
  }

  /** Returns the replacement for a call, or null to keep it. */
  interface Replacer {
    String replace(Call call);
  }

  static String rewrite(String sql, Set<String> names, Replacer replacer) {
    if (!mentionsAny(sql, names)) {
      return sql;
    }
    List<Token> tokens = SqlTokens.tokenize(sql);
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      String name = token.word();
      if (name == null || !names.contains(name)) {
        continue;
      }
      int before = SqlTokens.previous(tokens, i);
      if (before >= 0 && (tokens.get(before).is(".") || tokens.get(before).kind() == Kind.CAST)) {
        continue;
      }
      int open = SqlTokens.next(tokens, i);
      if (open >= tokens.size() || !tokens.get(open).is("(")) {
        continue;
      }
      int close = SqlTokens.closing(tokens, open);
      if (close < 0) {
        continue;
      }
      String inner = sql.substring(tokens.get(open).end(), tokens.get(close).start());
      String rewrittenInner = rewrite(inner, names, replacer);
      Call call = new Call(name, split(rewrittenInner), rewrittenInner,
          sql.substring(tokens.get(close).end()));
      String replacement = replacer.replace(call);
      if (replacement == null && rewrittenInner.equals(inner)) {
        i = close;
        continue;
      }
      if (replacement == null) {
        replacement = sql.substring(token.start(), tokens.get(open).end()) + rewrittenInner + ")";
      } else if (SelectItems.isUnaliasedSelectItem(tokens, i, close)) {
        replacement += SelectItems.alias(name);
      }
      if (out == null) {
        out = new StringBuilder(sql.length() + 32);
      }
      out.append(sql, copied, token.start()).append(replacement);
      copied = tokens.get(close).end();
      i = close;
    }
    if (out == null) {
      return sql;
    }
    return out.append(sql, copied, sql.length()).toString();
  }

  /** Splits argument text at the commas that are not inside brackets. */
  static List<String> split(String argumentText) {
    List<String> arguments = new ArrayList<>();
    if (argumentText.isBlank()) {
      return arguments;
    }
    int depth = 0;
    int start = 0;
    for (Token token : SqlTokens.tokenize(argumentText)) {
      if (token.is("(") || token.is("[")) {
        depth++;
      } else if (token.is(")") || token.is("]")) {
        depth--;
      } else if (depth == 0 && token.is(",")) {
        arguments.add(argumentText.substring(start, token.start()).strip());
        start = token.end();
      }
    }
    arguments.add(argumentText.substring(start).strip());
    return arguments;
  }

  /** Whether a word in {@code names} stands right before a "(" somewhere: one cheap pass. */
  private static boolean mentionsAny(String sql, Set<String> names) {
    for (int paren = sql.indexOf('('); paren >= 0; paren = sql.indexOf('(', paren + 1)) {
      int end = paren;
      while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
        end--;
      }
      int start = end;
      while (start > 0 && (Character.isLetterOrDigit(sql.charAt(start - 1))
          || sql.charAt(start - 1) == '_')) {
        start--;
      }
      if (start < end && names.contains(sql.substring(start, end).toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
