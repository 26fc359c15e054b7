package io.duckgres.engine.copy;

import java.util.Locale;

/**
 * A small cursor over a COPY statement's text: words, quoted identifiers and strings, and
 * balanced parentheses. Only what the COPY grammar needs.
 */
final class CopyTokens {
  private final String sql;
  private int position;

  CopyTokens(String sql) {
    String trimmed = sql.strip();
    while (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
    }
    this.sql = trimmed;
  }

  private void skipSpace() {
    while (position < sql.length()) {
      char c = sql.charAt(position);
      if (Character.isWhitespace(c)) {
        position++;
      } else if (sql.startsWith("--", position)) {
        while (position < sql.length() && sql.charAt(position) != '\n') {
          position++;
        }
      } else if (sql.startsWith("/*", position)) {
        int end = sql.indexOf("*/", position + 2);
        position = end < 0 ? sql.length() : end + 2;
      } else {
        return;
      }
    }
  }

  boolean atEnd() {
    skipSpace();
    return position >= sql.length();
  }

  String rest() {
    skipSpace();
    return sql.substring(position);
  }

  boolean peekIs(String symbol) {
    skipSpace();
    return sql.startsWith(symbol, position);
  }

  /** Consumes {@code symbol} when it comes next. */
  boolean accept(String symbol) {
    if (peekIs(symbol)) {
      position += symbol.length();
      return true;
    }
    return false;
  }

  /** Consumes the next word when it equals {@code word} (case-insensitive). */
  boolean nextWordIs(String word) {
    skipSpace();
    int end = wordEnd(position);
    if (end - position == word.length() && sql.regionMatches(true, position, word, 0, end - position)) {
      position = end;
      return true;
    }
    return false;
  }

  /** The next bare word, lower-cased, or null. */
  String word() {
    skipSpace();
    int end = wordEnd(position);
    if (end == position) {
      return null;
    }
    String word = sql.substring(position, end).toLowerCase(Locale.ROOT);
    position = end;
    return word;
  }

  /** A possibly qualified, possibly quoted name, as written. */
  String qualifiedName() {
    skipSpace();
    int start = position;
    while (position < sql.length()) {
      char c = sql.charAt(position);
      if (c == '"') {
        int end = position + 1;
        while (end < sql.length()) {
          if (sql.charAt(end) == '"') {
            if (end + 1 < sql.length() && sql.charAt(end + 1) == '"') {
              end += 2;
              continue;
            }
            break;
          }
          end++;
        }
        position = Math.min(end + 1, sql.length());
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$') {
        position++;
      } else {
        break;
      }
    }
    return position == start ? null : sql.substring(start, position);
  }

  /** The text inside balanced parentheses starting here (quotes respected). */
  String parenthesized() {
    skipSpace();
    if (!accept("(")) {
      return null;
    }
    int start = position;
    int depth = 1;
    while (position < sql.length() && depth > 0) {
      char c = sql.charAt(position);
      if (c == '\'' || c == '"') {
        int end = position + 1;
        while (end < sql.length()) {
          if (sql.charAt(end) == c) {
            if (end + 1 < sql.length() && sql.charAt(end + 1) == c) {
              end += 2;
              continue;
            }
            break;
          }
          end++;
        }
        position = end + 1;
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      position++;
    }
    return sql.substring(start, Math.max(start, position - 1)).strip();
  }

  /** A value: a quoted string (quotes removed, E'' escapes honoured for single chars) or word. */
  String value() {
    skipSpace();
    if (position >= sql.length()) {
      return null;
    }
    boolean escapeString = false;
    if ((sql.charAt(position) == 'E' || sql.charAt(position) == 'e')
        && position + 1 < sql.length() && sql.charAt(position + 1) == '\'') {
      escapeString = true;
      position++;
    }
    char c = sql.charAt(position);
    if (c == '\'') {
      StringBuilder value = new StringBuilder();
      int i = position + 1;
      while (i < sql.length()) {
        char ch = sql.charAt(i);
        if (ch == '\'' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
          value.append('\'');
          i += 2;
        } else if (ch == '\'') {
          break;
        } else if (escapeString && ch == '\\' && i + 1 < sql.length()) {
          char next = sql.charAt(i + 1);
          value.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
          i += 2;
        } else {
          value.append(ch);
          i++;
        }
      }
      position = i + 1;
      return value.toString();
    }
    if (c == '"') {
      return qualifiedName().replace("\"", "");
    }
    int end = wordEnd(position);
    if (end == position) {
      return null;
    }
    String word = sql.substring(position, end);
    position = end;
    return word;
  }

  private int wordEnd(int from) {
    int end = from;
    while (end < sql.length()
        && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
      end++;
    }
    return end;
  }
}
