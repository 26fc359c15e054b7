package io.duckgres.server.operations;

import java.util.Locale;

/**
 * Replaces the constants of a statement with {@code $n} placeholders, as PostgreSQL's
 * pg_stat_statements shows a normalised query: string constants (with any E, B, X, N or U&amp;
 * prefix), dollar-quoted strings and numbers. Quoted identifiers, comments, keywords and existing
 * {@code $n} parameters stay; new placeholders are numbered after the highest existing one.
 *
 * <p>PostgreSQL documentation: 4.1.2 "Constants", F.32 "pg_stat_statements".
 */
public final class SqlNormalizer {
  private SqlNormalizer() {}

  /** {@code sql} with every constant replaced by a {@code $n} placeholder. */
  public static String normalize(String sql) {
    int first = highestParameter(sql) + 1;
    StringBuilder out = new StringBuilder(sql.length());
    int placeholder = first;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      int end = constantEnd(sql, i);
      if (end > i) {
        out.append('$').append(placeholder++);
        i = end;
        continue;
      }
      end = verbatimEnd(sql, i);
      out.append(sql, i, end);
      i = end;
    }
    return out.toString();
  }

  /**
   * Whether the statement may carry a credential: a CREATE or ALTER whose words (outside quotes)
   * include PASSWORD or SECRET, as in {@code ALTER USER u PASSWORD '…'} or DuckDB's
   * {@code CREATE SECRET (… SECRET '…')}. Such text is never logged with its constants.
   */
  public static boolean hasSecrets(String sql) {
    String firstWord = null;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < n && isIdentifierPart(sql.charAt(end))) {
          end++;
        }
        String word = sql.substring(i, end).toUpperCase(Locale.ROOT);
        if (firstWord == null) {
          firstWord = word;
          if (!firstWord.equals("CREATE") && !firstWord.equals("ALTER")) {
            return false;
          }
        } else if (word.equals("PASSWORD") || word.equals("SECRET")) {
          return true;
        }
        i = end;
        continue;
      }
      int skipped = quotedOrCommentEnd(sql, i);
      i = skipped > i ? skipped : i + 1;
    }
    return false;
  }

  private static int highestParameter(String sql) {
    int highest = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      int end = quotedOrCommentEnd(sql, i);
      if (end > i) {
        i = end;
        continue;
      }
      if (sql.charAt(i) == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
        end = i + 1;
        while (end < n && Character.isDigit(sql.charAt(end))) {
          end++;
        }
        if (end > i + 1 && end - i < 9) {
          highest = Math.max(highest, Integer.parseInt(sql.substring(i + 1, end)));
        }
        i = Math.max(end, i + 1);
        continue;
      }
      i++;
    }
    return highest;
  }

  /** End of the constant starting at {@code i}, or {@code i} when none starts there. */
  private static int constantEnd(String sql, int i) {
    char c = sql.charAt(i);
    boolean wordStart = i == 0 || !isIdentifierPart(sql.charAt(i - 1));
    if (c == '\'') {
      return stringEnd(sql, i + 1, false);
    }
    if (wordStart && i + 1 < sql.length()) {
      char upper = Character.toUpperCase(c);
      if (sql.charAt(i + 1) == '\'' && (upper == 'E' || upper == 'B' || upper == 'X'
          || upper == 'N')) {
        return stringEnd(sql, i + 2, upper == 'E');
      }
      if (upper == 'U' && sql.startsWith("&'", i + 1)) {
        return stringEnd(sql, i + 3, false);
      }
    }
    if (c == '$' && wordStart) {
      int tagEnd = dollarTagEnd(sql, i);
      if (tagEnd > i) {
        String tag = sql.substring(i, tagEnd);
        int close = sql.indexOf(tag, tagEnd);
        return close < 0 ? sql.length() : close + tag.length();
      }
    }
    if (wordStart && (Character.isDigit(c) || (c == '.' && i + 1 < sql.length()
        && Character.isDigit(sql.charAt(i + 1))))) {
      return numberEnd(sql, i);
    }
    return i;
  }

  /** End of text copied as is: a quoted identifier, a comment, a word, a parameter, one char. */
  private static int verbatimEnd(String sql, int i) {
    int end = quotedOrCommentEnd(sql, i);
    if (end > i) {
      return end;
    }
    char c = sql.charAt(i);
    if (isIdentifierPart(c) || c == '$') {
      end = i + 1;
      while (end < sql.length() && (isIdentifierPart(sql.charAt(end)))) {
        end++;
      }
      return end;
    }
    return i + 1;
  }

  /** Quoted identifiers, string constants and comments: skipped when looking for words. */
  private static int quotedOrCommentEnd(String sql, int i) {
    char c = sql.charAt(i);
    if (c == '"') {
      int end = i + 1;
      while (end < sql.length()) {
        if (sql.charAt(end) == '"') {
          if (end + 1 < sql.length() && sql.charAt(end + 1) == '"') {
            end += 2;
            continue;
          }
          return end + 1;
        }
        end++;
      }
      return end;
    }
    if (c == '\'') {
      boolean escapes = i > 0 && Character.toUpperCase(sql.charAt(i - 1)) == 'E'
          && (i == 1 || !isIdentifierPart(sql.charAt(i - 2)));
      return stringEnd(sql, i + 1, escapes);
    }
    if (sql.startsWith("--", i)) {
      int end = sql.indexOf('\n', i);
      return end < 0 ? sql.length() : end;
    }
    if (sql.startsWith("/*", i)) {
      int depth = 1;
      int end = i + 2;
      while (end < sql.length() && depth > 0) {
        if (sql.startsWith("/*", end)) {
          depth++;
          end += 2;
        } else if (sql.startsWith("*/", end)) {
          depth--;
          end += 2;
        } else {
          end++;
        }
      }
      return end;
    }
    if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
      int tagEnd = dollarTagEnd(sql, i);
      if (tagEnd > i) {
        String tag = sql.substring(i, tagEnd);
        int close = sql.indexOf(tag, tagEnd);
        return close < 0 ? sql.length() : close + tag.length();
      }
    }
    return i;
  }

  /** After an opening quote at {@code from - 1}: end of the string ('' doubles a quote). */
  private static int stringEnd(String sql, int from, boolean backslashEscapes) {
    int end = from;
    while (end < sql.length()) {
      char c = sql.charAt(end);
      if (backslashEscapes && c == '\\') {
        end += 2;
        continue;
      }
      if (c == '\'') {
        if (end + 1 < sql.length() && sql.charAt(end + 1) == '\'') {
          end += 2;
          continue;
        }
        return end + 1;
      }
      end++;
    }
    return sql.length();
  }

  /** $$ or $tag$ starting at {@code i}: the end of the opening delimiter, or {@code i}. */
  private static int dollarTagEnd(String sql, int i) {
    int end = i + 1;
    if (end < sql.length() && Character.isDigit(sql.charAt(end))) {
      return i;
    }
    while (end < sql.length() && isIdentifierPart(sql.charAt(end))) {
      end++;
    }
    return end < sql.length() && sql.charAt(end) == '$' ? end + 1 : i;
  }

  private static int numberEnd(String sql, int i) {
    int end = i;
    int n = sql.length();
    while (end < n && (Character.isDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
      end++;
    }
    if (end < n && sql.charAt(end) == '.' && !sql.startsWith("..", end)) {
      end++;
      while (end < n && Character.isDigit(sql.charAt(end))) {
        end++;
      }
    }
    if (end < n && (sql.charAt(end) == 'e' || sql.charAt(end) == 'E')) {
      int exponent = end + 1;
      if (exponent < n && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
        exponent++;
      }
      if (exponent < n && Character.isDigit(sql.charAt(exponent))) {
        end = exponent;
        while (end < n && Character.isDigit(sql.charAt(end))) {
          end++;
        }
      }
    }
    return end;
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
