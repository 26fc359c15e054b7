package io.duckgres.engine.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL into tokens by PostgreSQL's lexical rules (documentation section 4.1, "Lexical
 * Structure"), enough to rewrite catalog queries without touching what is inside string
 * constants, quoted identifiers or comments. Concatenating the tokens' text gives the input back.
 */
final class SqlTokens {
  private SqlTokens() {}

  enum Kind {
    /** Whitespace and comments. */
    SPACE,
    /** A string constant, with its prefix: '...', E'...', B'...', X'...', U&'...', $$...$$. */
    STRING,
    /** A double-quoted identifier. */
    QUOTED,
    /** A keyword or unquoted identifier. */
    WORD,
    NUMBER,
    /** A positional parameter, $1. */
    PARAMETER,
    /** An operator: a run of + - * / < > = ~ ! @ # % ^ & | ` ? */
    OPERATOR,
    /** The cast operator "::". */
    CAST,
    /** ( ) [ ] , ; . : */
    PUNCTUATION
  }

  record Token(Kind kind, String text) {
    boolean is(String word) {
      return (kind == Kind.WORD || kind == Kind.PUNCTUATION || kind == Kind.OPERATOR
          || kind == Kind.CAST) && text.equalsIgnoreCase(word);
    }

    /** The identifier this token names: lower case unless quoted; null when it is none. */
    String identifier() {
      if (kind == Kind.WORD) {
        return text.toLowerCase(java.util.Locale.ROOT);
      }
      if (kind == Kind.QUOTED && text.length() >= 2) {
        return text.substring(1, text.length() - 1).replace("\"\"", "\"");
      }
      return null;
    }
  }

  static List<Token> tokenize(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      int end = spaceEnd(sql, i);
      Kind kind = Kind.SPACE;
      if (end == i) {
        char c = sql.charAt(i);
        char next = i + 1 < n ? sql.charAt(i + 1) : 0;
        if (c == '\'') {
          end = quoteEnd(sql, i + 1, '\'', false);
          kind = Kind.STRING;
        } else if ("eEbBxXnN".indexOf(c) >= 0 && next == '\'') {
          end = quoteEnd(sql, i + 2, '\'', c == 'e' || c == 'E');
          kind = Kind.STRING;
        } else if ((c == 'u' || c == 'U') && next == '&' && i + 2 < n && sql.charAt(i + 2) == '\'') {
          end = quoteEnd(sql, i + 3, '\'', false);
          kind = Kind.STRING;
        } else if (c == '"') {
          end = quoteEnd(sql, i + 1, '"', false);
          kind = Kind.QUOTED;
        } else if (c == '$' && Character.isDigit(next)) {
          end = i + 1;
          while (end < n && Character.isDigit(sql.charAt(end))) {
            end++;
          }
          kind = Kind.PARAMETER;
        } else if (c == '$' && dollarTagEnd(sql, i) > i) {
          String tag = sql.substring(i, dollarTagEnd(sql, i));
          int close = sql.indexOf(tag, i + tag.length());
          end = close < 0 ? n : close + tag.length();
          kind = Kind.STRING;
        } else if (Character.isLetter(c) || c == '_') {
          end = i + 1;
          while (end < n && (Character.isLetterOrDigit(sql.charAt(end))
              || sql.charAt(end) == '_' || sql.charAt(end) == '$')) {
            end++;
          }
          kind = Kind.WORD;
        } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(next))) {
          end = numberEnd(sql, i);
          kind = Kind.NUMBER;
        } else if (c == ':' && next == ':') {
          end = i + 2;
          kind = Kind.CAST;
        } else if ("()[],;.:".indexOf(c) >= 0) {
          end = i + 1;
          kind = Kind.PUNCTUATION;
        } else if (isOperatorChar(c)) {
          end = i + 1;
          while (end < n && isOperatorChar(sql.charAt(end))
              && !sql.startsWith("--", end) && !sql.startsWith("/*", end)) {
            end++;
          }
          kind = Kind.OPERATOR;
        } else {
          end = i + 1;
          kind = Kind.PUNCTUATION;
        }
      }
      tokens.add(new Token(kind, sql.substring(i, end)));
      i = end;
    }
    return tokens;
  }

  private static boolean isOperatorChar(char c) {
    return "+-*/<>=~!@#%^&|`?".indexOf(c) >= 0;
  }

  private static int spaceEnd(String sql, int i) {
    int end = i;
    while (end < sql.length()) {
      char c = sql.charAt(end);
      if (Character.isWhitespace(c)) {
        end++;
      } else if (sql.startsWith("--", end)) {
        int newline = sql.indexOf('\n', end);
        end = newline < 0 ? sql.length() : newline + 1;
      } else if (sql.startsWith("/*", end)) {
        int depth = 1;
        end += 2;
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
      } else {
        break;
      }
    }
    return end;
  }

  /** End of quoted text whose opening quote is just before {@code from}; doubled quotes stay in. */
  private static int quoteEnd(String sql, int from, char quote, boolean backslashEscapes) {
    int i = from;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  private static int dollarTagEnd(String sql, int i) {
    int end = i + 1;
    while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end))
        || sql.charAt(end) == '_')) {
      end++;
    }
    return end < sql.length() && sql.charAt(end) == '$' ? end + 1 : i;
  }

  private static int numberEnd(String sql, int i) {
    int end = i;
    boolean exponent = false;
    while (end < sql.length()) {
      char c = sql.charAt(end);
      if (Character.isDigit(c) || c == '.' || c == '_') {
        end++;
      } else if ((c == 'e' || c == 'E') && !exponent) {
        exponent = true;
        end++;
        if (end < sql.length() && (sql.charAt(end) == '+' || sql.charAt(end) == '-')) {
          end++;
        }
      } else {
        break;
      }
    }
    return end;
  }
}
