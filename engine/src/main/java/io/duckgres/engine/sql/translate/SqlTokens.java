package io.duckgres.engine.sql.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL into tokens by PostgreSQL's lexical rules (documentation section 4.1, "Lexical
 * Structure") for the rewrites that look at more than typed literals: which words are keywords,
 * where a call's parentheses close, what an argument is. String constants, quoted identifiers
 * and comments are single tokens, so no rewrite ever looks inside them. Concatenating the tokens'
 * text gives the input back.
 */
public final class SqlTokens {
  private SqlTokens() {}

  public enum Kind {
    /** Whitespace and comments. */
    SPACE,
    /** A string constant with its prefix: '...', E'...', B'...', X'...', U&'...', $tag$...$tag$. */
    STRING,
    /** A double-quoted identifier. */
    QUOTED,
    /** A keyword or unquoted identifier. */
    WORD,
    NUMBER,
    /** A positional parameter, $1. */
    PARAMETER,
    /** A run of operator characters: + - * / < > = ~ ! @ # % ^ & | ` ? */
    OPERATOR,
    /** The cast operator "::". */
    CAST,
    /** ( ) [ ] , ; . : */
    PUNCTUATION
  }

  public record Token(Kind kind, int start, int end, String text) {
    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean is(String punctuationOrOperator) {
      return (kind == Kind.PUNCTUATION || kind == Kind.OPERATOR || kind == Kind.CAST)
          && text.equals(punctuationOrOperator);
    }

    /** The word in lower case, or null when this is no unquoted word. */
    String word() {
      return kind == Kind.WORD ? text.toLowerCase(Locale.ROOT) : null;
    }

    /** The value of a plain string constant ('...' only, no prefix), or null. */
    String plainStringValue() {
      if (kind != Kind.STRING || !text.startsWith("'") || text.length() < 2
          || !text.endsWith("'")) {
        return null;
      }
      return text.substring(1, text.length() - 1).replace("''", "'");
    }
  }

  public static List<Token> tokenize(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      int start = i;
      char c = sql.charAt(i);
      Kind kind;
      if (Character.isWhitespace(c) || sql.startsWith("--", i) || sql.startsWith("/*", i)) {
        kind = Kind.SPACE;
        i = spaceEnd(sql, i);
      } else if (c == '\'') {
        kind = Kind.STRING;
        i = quoteEnd(sql, i + 1, '\'', false);
      } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        kind = Kind.STRING;
        i = quoteEnd(sql, i + 2, '\'', true);
      } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x') && i + 1 < n
          && sql.charAt(i + 1) == '\'') {
        kind = Kind.STRING;
        i = quoteEnd(sql, i + 2, '\'', false);
      } else if ((c == 'U' || c == 'u') && sql.startsWith("&'", i + 1)) {
        kind = Kind.STRING;
        i = quoteEnd(sql, i + 3, '\'', false);
      } else if (c == '"') {
        kind = Kind.QUOTED;
        i = quoteEnd(sql, i + 1, '"', false);
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        kind = Kind.PARAMETER;
        i++;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
      } else if (c == '$' && dollarTagEnd(sql, i) > i) {
        kind = Kind.STRING;
        String tag = sql.substring(i, dollarTagEnd(sql, i));
        int close = sql.indexOf(tag, i + tag.length());
        i = close < 0 ? n : close + tag.length();
      } else if (Character.isLetter(c) || c == '_') {
        kind = Kind.WORD;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
            || sql.charAt(i) == '$')) {
          i++;
        }
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n
          && Character.isDigit(sql.charAt(i + 1)))) {
        kind = Kind.NUMBER;
        i = numberEnd(sql, i);
      } else if (sql.startsWith("::", i)) {
        kind = Kind.CAST;
        i += 2;
      } else if ("()[],;.:".indexOf(c) >= 0) {
        kind = Kind.PUNCTUATION;
        i++;
      } else if ("+-*/<>=~!@#%^&|`?".indexOf(c) >= 0) {
        kind = Kind.OPERATOR;
        while (i < n && "+-*/<>=~!@#%^&|`?".indexOf(sql.charAt(i)) >= 0
            && !sql.startsWith("--", i) && !sql.startsWith("/*", i)) {
          i++;
        }
      } else {
        kind = Kind.PUNCTUATION;
        i++;
      }
      tokens.add(new Token(kind, start, i, sql.substring(start, i)));
    }
    return tokens;
  }

  /**
   * Whether {@code sql} contains {@code word} (given in lower case) in any letter case: the cheap
   * test a rewrite makes before tokenizing, on statements that can be megabytes of VALUES.
   */
  static boolean mentions(String sql, String word) {
    char lower = word.charAt(0);
    char upper = Character.toUpperCase(lower);
    int last = sql.length() - word.length();
    for (int i = 0; i <= last; i++) {
      char c = sql.charAt(i);
      if ((c == lower || c == upper) && sql.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /** The index of the next token after {@code i} that is not SPACE, or {@code tokens.size()}. */
  static int next(List<Token> tokens, int i) {
    int j = i + 1;
    while (j < tokens.size() && tokens.get(j).kind() == Kind.SPACE) {
      j++;
    }
    return j;
  }

  /** The index of the previous token before {@code i} that is not SPACE, or -1. */
  static int previous(List<Token> tokens, int i) {
    int j = i - 1;
    while (j >= 0 && tokens.get(j).kind() == Kind.SPACE) {
      j--;
    }
    return j;
  }

  /** The index of the ")" or "]" closing the bracket at {@code open}, or -1 if it never closes. */
  static int closing(List<Token> tokens, int open) {
    int depth = 0;
    for (int j = open; j < tokens.size(); j++) {
      Token token = tokens.get(j);
      if (token.is("(") || token.is("[")) {
        depth++;
      } else if (token.is(")") || token.is("]")) {
        depth--;
        if (depth == 0) {
          return j;
        }
      }
    }
    return -1;
  }

  private static int spaceEnd(String sql, int i) {
    int n = sql.length();
    while (i < n) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("--", i)) {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (sql.startsWith("/*", i)) {
        int depth = 0;
        do {
          if (sql.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (sql.startsWith("*/", i)) {
            depth--;
            i += 2;
          } else {
            i++;
          }
        } while (i < n && depth > 0);
      } else {
        break;
      }
    }
    return i;
  }

  private static int quoteEnd(String sql, int i, char quote, boolean backslashEscapes) {
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote && i + 1 < n && sql.charAt(i + 1) == quote) {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return n;
  }

  private static int dollarTagEnd(String sql, int i) {
    int j = i + 1;
    while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j))
        || sql.charAt(j) == '_')) {
      j++;
    }
    if (j < sql.length() && sql.charAt(j) == '$'
        && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
      return j + 1;
    }
    return i;
  }

  private static int numberEnd(String sql, int i) {
    int n = sql.length();
    while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.'
        || sql.charAt(i) == '_')) {
      if (sql.charAt(i) == '.' && i + 1 < n && sql.charAt(i + 1) == '.') {
        break;
      }
      i++;
    }
    if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
        j++;
      }
      if (j < n && Character.isDigit(sql.charAt(j))) {
        i = j;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
      }
    }
    return i;
  }
}
