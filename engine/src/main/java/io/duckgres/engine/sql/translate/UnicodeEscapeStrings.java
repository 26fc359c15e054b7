package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.translate.SqlTokens.Kind;
import io.duckgres.engine.sql.translate.SqlTokens.Token;
import java.util.List;

/**
 * String constants with Unicode escapes (PostgreSQL documentation 4.1.2.3, "String Constants
 * with Unicode Escapes"): {@code U&'d\0061t\+000061'} is {@code 'data'}; an optional
 * {@code UESCAPE '!'} names another escape character. DuckDB has no such constants, so each
 * becomes the plain constant it stands for. A malformed one is left alone, and DuckDB rejects it
 * as a syntax error.
 */
final class UnicodeEscapeStrings implements Rewrite {
  @Override
  public String apply(String sql) {
    if (sql.indexOf("&'") < 0) {
      return sql;
    }
    List<Token> tokens = SqlTokens.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length());
    boolean changed = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      String text = token.text();
      if (token.kind() != Kind.STRING || text.length() < 4 || !text.regionMatches(true, 0, "U&'", 0, 3)
          || !text.endsWith("'")) {
        out.append(text);
        continue;
      }
      char escape = '\\';
      int last = i;
      int word = SqlTokens.next(tokens, i);
      if (word < tokens.size() && tokens.get(word).isWord("uescape")) {
        int character = SqlTokens.next(tokens, word);
        String value = character < tokens.size() ? tokens.get(character).plainStringValue() : null;
        if (value == null || value.length() != 1) {
          out.append(text);
          continue;
        }
        escape = value.charAt(0);
        last = character;
      }
      String decoded = decode(text.substring(3, text.length() - 1).replace("''", "'"), escape);
      if (decoded == null) {
        out.append(text);
        continue;
      }
      out.append(Literals.quote(decoded));
      i = last;
      changed = true;
    }
    return changed ? out.toString() : sql;
  }

  /** The value of an escaped body, or null when an escape is malformed. */
  static String decode(String body, char escape) {
    StringBuilder value = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != escape) {
        value.append(c);
        continue;
      }
      if (i + 1 < body.length() && body.charAt(i + 1) == escape) {
        value.append(escape);
        i++;
        continue;
      }
      boolean wide = i + 1 < body.length() && body.charAt(i + 1) == '+';
      int digits = wide ? 6 : 4;
      int from = i + (wide ? 2 : 1);
      if (from + digits > body.length()) {
        return null;
      }
      int code;
      try {
        code = Integer.parseInt(body.substring(from, from + digits), 16);
      } catch (NumberFormatException malformed) {
        return null;
      }
      if (code == 0 || code > Character.MAX_CODE_POINT) {
        return null;
      }
      value.appendCodePoint(code);
      i = from + digits - 1;
    }
    return value.toString();
  }
}
