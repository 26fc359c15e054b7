package io.duckgres.engine.catalog;

import io.duckgres.engine.sql.translate.SqlTokens.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL as tokens for the catalog rewrites (CatalogSql, TokenEditor): the lexing is
 * {@link io.duckgres.engine.sql.translate.SqlTokens}'s; this adds what the catalog rewrites ask of
 * a token (a keyword or punctuation compared case-insensitively, the identifier it names).
 * Concatenating the tokens' text gives the input back.
 */
final class SqlTokens {
  private SqlTokens() {}

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

  /** The translator's tokenizer (one lexer for all SQL rewriting), in this package's terms. */
  static List<Token> tokenize(String sql) {
    List<io.duckgres.engine.sql.translate.SqlTokens.Token> lexed =
        io.duckgres.engine.sql.translate.SqlTokens.tokenize(sql);
    List<Token> tokens = new ArrayList<>(lexed.size());
    for (io.duckgres.engine.sql.translate.SqlTokens.Token token : lexed) {
      tokens.add(new Token(token.kind(), token.text()));
    }
    return tokens;
  }
}
