package io.duckgres.engine.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Query message's string into statements at top-level semicolons. A simple query may
 * hold several statements; PostgreSQL runs them in order and sends a CommandComplete for each,
 * and an EmptyQueryResponse when there are none. Semicolons inside string constants, quoted
 * identifiers, dollar-quoted strings and comments don't split (see {@link SqlLexer}).
 *
 * <p>Statements holding only whitespace and comments are dropped. Unterminated quotes or comments
 * run to the end of the query, which then is one statement; DuckDB reports the syntax error.
 *
 * <p>PostgreSQL documentation: section 55.2.2 "Simple Query" ("multiple SQL statements").
 */
public final class StatementSplitter {
  private StatementSplitter() {}

  /** The statements of {@code query} in order; empty when it holds none. */
  public static List<SqlStatement> split(String query) {
    List<SqlStatement> statements = new ArrayList<>();
    int start = 0;
    boolean hasContent = false;
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == ';') {
        add(statements, query, start, i, hasContent);
        start = i + 1;
        hasContent = false;
        i++;
        continue;
      }
      int end = SqlLexer.commentEnd(query, i);
      if (end > i) {
        i = end;
        continue;
      }
      if (!Character.isWhitespace(c)) {
        hasContent = true;
      }
      end = SqlLexer.quotedEnd(query, i);
      i = end > i ? end : i + 1;
    }
    add(statements, query, start, query.length(), hasContent);
    return statements;
  }

  private static void add(
      List<SqlStatement> statements, String query, int start, int end, boolean hasContent) {
    if (!hasContent) {
      return;
    }
    String raw = query.substring(start, end);
    String text = raw.strip();
    int leading = raw.length() - raw.stripLeading().length();
    statements.add(new SqlStatement(text, start + leading));
  }
}
