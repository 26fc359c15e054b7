package io.duckgres.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The names a statement text mentions: identifiers and quoted identifiers outside string
 * constants and comments, in lower case (DuckDB resolves names without regard to case), each
 * marked when it is called (followed by an opening parenthesis). Works on any text, also on
 * DuckDB's own statements that PostgreSQL's grammar rejects.
 */
public final class SqlNames {
  /** One name in a statement. */
  public record Name(String name, boolean called) {}

  private SqlNames() {}

  public static List<Name> of(String sql) {
    List<Name> names = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      int skipped = SqlLexer.commentEnd(sql, i);
      if (skipped > i) {
        i = skipped;
        continue;
      }
      char c = sql.charAt(i);
      if (c == '"') {
        int end = SqlLexer.quotedEnd(sql, i);
        String quoted = sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\"");
        names.add(new Name(quoted.toLowerCase(Locale.ROOT), calledAt(sql, end)));
        i = end;
        continue;
      }
      int quoted = SqlLexer.quotedEnd(sql, i);
      if (quoted > i) {
        i = quoted;
        continue;
      }
      int word = SqlLexer.wordEnd(sql, i);
      if (word > i) {
        names.add(new Name(sql.substring(i, word).toLowerCase(Locale.ROOT),
            calledAt(sql, word)));
        i = word;
        continue;
      }
      i++;
    }
    return names;
  }

  private static boolean calledAt(String sql, int end) {
    int next = SqlLexer.skipSpaceAndComments(sql, end);
    return next < sql.length() && sql.charAt(next) == '(';
  }
}
