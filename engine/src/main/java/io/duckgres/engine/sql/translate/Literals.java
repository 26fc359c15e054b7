package io.duckgres.engine.sql.translate;

/**
 * Finds string constants followed by a cast ({@code '…'::type}), skipping comments, quoted
 * identifiers and dollar quotes, so rewrites of typed literals never touch anything else.
 */
final class Literals {
  private Literals() {}

  /** A string constant and the type it is cast to: {@code sql[start, end)} covers both. */
  record TypedLiteral(int start, int end, String value, String type) {}

  /** Called for each {@code 'text'::type}; returns the replacement or null to keep it. */
  interface Replacer {
    String replace(TypedLiteral literal);
  }

  static String rewrite(String sql, Replacer replacer) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '"') {
        int end = sql.indexOf('"', i + 1);
        i = end < 0 ? n : end + 1;
      } else if (c == '$' && i + 1 < n && (sql.charAt(i + 1) == '$'
          || Character.isLetter(sql.charAt(i + 1)))) {
        int tagEnd = sql.indexOf('$', i + 1);
        if (tagEnd < 0) {
          i++;
          continue;
        }
        String tag = sql.substring(i, tagEnd + 1);
        if (!tag.chars().skip(1).limit(tag.length() - 2L)
            .allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
          i++;
          continue;
        }
        int end = sql.indexOf(tag, tagEnd + 1);
        i = end < 0 ? n : end + tag.length();
      } else if (c == '\'') {
        int start = i;
        StringBuilder value = new StringBuilder();
        i++;
        while (i < n) {
          char ch = sql.charAt(i);
          if (ch == '\'' && i + 1 < n && sql.charAt(i + 1) == '\'') {
            value.append('\'');
            i += 2;
          } else if (ch == '\'') {
            i++;
            break;
          } else {
            value.append(ch);
            i++;
          }
        }
        boolean escapeString = start > 0 && (sql.charAt(start - 1) == 'E' || sql.charAt(start - 1) == 'e')
            && (start < 2 || !Character.isLetterOrDigit(sql.charAt(start - 2)));
        int castStart = i;
        while (castStart < n && Character.isWhitespace(sql.charAt(castStart))) {
          castStart++;
        }
        if (escapeString || !sql.startsWith("::", castStart)) {
          continue;
        }
        int typeStart = castStart + 2;
        while (typeStart < n && Character.isWhitespace(sql.charAt(typeStart))) {
          typeStart++;
        }
        int typeEnd = typeStart;
        while (typeEnd < n && (Character.isLetterOrDigit(sql.charAt(typeEnd))
            || sql.charAt(typeEnd) == '_' || sql.charAt(typeEnd) == '.'
            || sql.charAt(typeEnd) == '[' || sql.charAt(typeEnd) == ']')) {
          typeEnd++;
        }
        String type = sql.substring(typeStart, typeEnd);
        String replacement = replacer.replace(new TypedLiteral(start, typeEnd, value.toString(), type));
        if (replacement != null) {
          if (out == null) {
            out = new StringBuilder(sql.length() + 16);
          }
          out.append(sql, copied, start).append(replacement);
          copied = typeEnd;
        }
        i = typeEnd;
      } else {
        i++;
      }
    }
    if (out == null) {
      return sql;
    }
    return out.append(sql, copied, n).toString();
  }

  static boolean containsIgnoreCase(String sql, String word) {
    for (int i = 0; i + word.length() <= sql.length(); i++) {
      if (sql.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /** A SQL string constant for {@code value}. */
  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
