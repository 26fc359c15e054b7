package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.parse.SqlScanner;
import io.duckgres.engine.sql.transform.DuckDbReservedNames;

/**
 * Quotes, in a statement the deparser printed, the names DuckDB reserves but PostgreSQL does not
 * ({@link DuckDbReservedNames}). The deparser writes every keyword in upper case and every
 * unquoted name as stored (lower case), so a lower-case word from that list is a name:
 * {@code FROM pg_attribute at} becomes {@code FROM pg_attribute "at"}, while
 * {@code x AT TIME ZONE 'UTC'} stays. The words are the tokens PostgreSQL's scanner reads in the
 * deparser's text (the client's text was read by the parser alone).
 */
final class DuckDbKeywordQuotes {
  private DuckDbKeywordQuotes() {}

  static String quote(String deparsed) {
    StringBuilder out = null;
    int copied = 0;
    for (SqlScanner.Token token : SqlScanner.scan(deparsed)) {
      if (token.isWord() && DuckDbReservedNames.WORDS.contains(token.text(deparsed))) {
        if (out == null) {
          out = new StringBuilder(deparsed.length() + 8);
        }
        out.append(deparsed, copied, token.start()).append('"').append(token.text(deparsed))
            .append('"');
        copied = token.end();
      }
    }
    return out == null ? deparsed : out.append(deparsed, copied, deparsed.length()).toString();
  }
}
