package io.duckgres.engine.sql;

/**
 * The few lexical rules of PostgreSQL's SQL that matter for finding statement boundaries and
 * leading keywords: where quoted text and comments end. Everything here answers "given that
 * something starts at {@code i}, where does it end?" and returns {@code i} when nothing of that
 * kind starts there. Unterminated text runs to the end of the input.
 *
 * <p>PostgreSQL documentation: section 4.1 "Lexical Structure" (string constants with C-style
 * escapes, dollar-quoted string constants, quoted identifiers, comments).
 */
final class SqlLexer {
  private SqlLexer() {}

  /** End of a comment starting at {@code i}: "--" to end of line, or nested slash-star comment. */
  static int commentEnd(String s, int i) {
    if (s.startsWith("--", i)) {
      int end = i + 2;
      while (end < s.length() && s.charAt(end) != '\n' && s.charAt(end) != '\r') {
        end++;
      }
      return end;
    }
    if (s.startsWith("/*", i)) {
      int depth = 1;
      int end = i + 2;
      while (end < s.length() && depth > 0) {
        if (s.startsWith("/*", end)) {
          depth++;
          end += 2;
        } else if (s.startsWith("*/", end)) {
          depth--;
          end += 2;
        } else {
          end++;
        }
      }
      return end;
    }
    return i;
  }

  /**
   * End of quoted text starting at {@code i}: a string constant ('' doubles a quote; after E or e
   * a backslash escapes the next character), a quoted identifier ("" doubles a quote) or a
   * dollar-quoted string ($$...$$, $tag$...$tag$).
   */
  static int quotedEnd(String s, int i) {
    if (i >= s.length()) {
      return i;
    }
    char c = s.charAt(i);
    if (c == '\'') {
      return closingQuote(s, i + 1, '\'', isEscapeStringPrefix(s, i));
    }
    if (c == '"') {
      return closingQuote(s, i + 1, '"', false);
    }
    if (c == '$' && (i == 0 || !isIdentifierPart(s.charAt(i - 1)))) {
      int tagEnd = dollarTagEnd(s, i);
      if (tagEnd > i) {
        String delimiter = s.substring(i, tagEnd);
        int close = s.indexOf(delimiter, tagEnd);
        return close < 0 ? s.length() : close + delimiter.length();
      }
    }
    return i;
  }

  /** Skips whitespace and comments from {@code i}. */
  static int skipSpaceAndComments(String s, int i) {
    while (i < s.length()) {
      if (Character.isWhitespace(s.charAt(i))) {
        i++;
        continue;
      }
      int end = commentEnd(s, i);
      if (end == i) {
        return i;
      }
      i = end;
    }
    return i;
  }

  /** End of the identifier or keyword starting at {@code i}, or {@code i} when none does. */
  static int wordEnd(String s, int i) {
    if (i >= s.length() || !isIdentifierStart(s.charAt(i))) {
      return i;
    }
    int end = i + 1;
    while (end < s.length() && isIdentifierPart(s.charAt(end))) {
      end++;
    }
    return end;
  }

  static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** An E'...' string: the E must stand alone, not end an identifier such as "name'". */
  private static boolean isEscapeStringPrefix(String s, int quote) {
    if (quote == 0 || (s.charAt(quote - 1) != 'E' && s.charAt(quote - 1) != 'e')) {
      return false;
    }
    return quote == 1 || !isIdentifierPart(s.charAt(quote - 2));
  }

  private static int closingQuote(String s, int from, char quote, boolean backslashEscapes) {
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return s.length();
  }

  /** End of a "$tag$" delimiter at {@code i} (tag optional, not starting with a digit), or i. */
  private static int dollarTagEnd(String s, int i) {
    int j = i + 1;
    if (j < s.length() && isIdentifierStart(s.charAt(j))) {
      j++;
      while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
        j++;
      }
    }
    return j < s.length() && s.charAt(j) == '$' ? j + 1 : i;
  }
}
