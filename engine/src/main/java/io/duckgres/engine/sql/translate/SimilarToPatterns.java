package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.translate.SqlTokens.Token;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code x SIMILAR TO 'pattern'} uses SQL regular expressions: {@code %} is any string, {@code _}
 * any character, and {@code .} is an ordinary character. DuckDB hands the pattern to its regular
 * expression engine unchanged, so {@code 'abc' SIMILAR TO 'a%'} is false there. A constant
 * pattern is translated the way PostgreSQL's own similar_to_escape does (section 9.7.2, "SIMILAR
 * TO Regular Expressions"); DuckDB already anchors the match at both ends. Patterns with an
 * ESCAPE clause, and patterns that are not constants, are left alone. DuckDB names the column
 * {@code regexp_full_match}; an unaliased select-list item is named {@code ?column?} as in
 * PostgreSQL.
 */
final class SimilarToPatterns implements Rewrite {
  @Override
  public String apply(String sql) {
    if (!SqlTokens.mentions(sql, "similar")) {
      return sql;
    }
    List<Token> tokens = SqlTokens.tokenize(sql);
    Edits edits = new Edits();
    Set<Integer> unaliasedItemEnds = new TreeSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (!tokens.get(i).isWord("similar")) {
        continue;
      }
      int to = SqlTokens.next(tokens, i);
      if (to >= tokens.size() || !tokens.get(to).isWord("to")) {
        continue;
      }
      int pattern = SqlTokens.next(tokens, to);
      if (pattern >= tokens.size() || tokens.get(pattern).plainStringValue() == null) {
        continue;
      }
      int after = SqlTokens.next(tokens, pattern);
      if (after < tokens.size() && tokens.get(after).isWord("escape")) {
        continue;
      }
      String regex = toRegex(tokens.get(pattern).plainStringValue());
      edits.replace(tokens.get(pattern).start(), tokens.get(pattern).end(),
          Literals.quote(regex));
      int itemEnd = SelectItems.unaliasedItemEnd(tokens, i);
      if (itemEnd >= 0) {
        unaliasedItemEnds.add(tokens.get(itemEnd).end());
      }
    }
    // After the loop: an item's alias follows every other edit at its end.
    unaliasedItemEnds.forEach(end -> edits.insert(end, SelectItems.alias("?column?")));
    return edits.apply(sql);
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
