package io.duckgres.engine.sql;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.SqlScanner;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.pgwire.PgException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Query message's string into statements. A simple query may hold several statements;
 * PostgreSQL runs them in order and sends a CommandComplete for each, and an EmptyQueryResponse
 * when there are none.
 *
 * <p>The boundaries are those of PostgreSQL's parse ({@link ParsedText}, cached per text): each
 * statement's location and length in the text. A text PostgreSQL's grammar rejects (it may hold
 * DuckDB's own statements) is split at the semicolon tokens of PostgreSQL's scanner
 * ({@link SqlScanner}), so semicolons inside string constants, quoted identifiers, dollar-quoted
 * strings and comments don't split. Statements holding only whitespace and comments are dropped.
 * A text the scanner cannot read (an unterminated quote or comment) is one statement; DuckDB
 * reports the syntax error.
 *
 * <p>PostgreSQL documentation: section 55.2.2 "Simple Query" ("multiple SQL statements").
 */
public final class StatementSplitter {
  private StatementSplitter() {}

  /** The statements of {@code query} in order; empty when it holds none. */
  public static List<SqlStatement> split(String query) {
    List<SqlStatement> statements = new ArrayList<>();
    ParsedText parsed = ParsedText.of(query);
    if (parsed.syntaxError() == null) {
      SqlScanner.Offsets offsets = new SqlScanner.Offsets(query);
      for (RawStmt statement : parsed.statements()) {
        int start = statement.getStmtLocation();
        // A length of 0: the statement runs to the end of the text.
        int end = statement.getStmtLen() == 0 ? Integer.MAX_VALUE : start + statement.getStmtLen();
        add(statements, query, offsets.index(start), offsets.index(end), true);
      }
      return statements;
    }
    List<SqlScanner.Token> tokens;
    try {
      tokens = SqlScanner.scan(query);
    } catch (PgException unreadable) {
      add(statements, query, 0, query.length(), !query.isBlank());
      return statements;
    }
    int start = 0;
    boolean hasContent = false;
    for (SqlScanner.Token token : tokens) {
      if (token.kind() == SqlScanner.SEMICOLON) {
        add(statements, query, start, token.start(), hasContent);
        start = token.end();
        hasContent = false;
      } else if (!token.isComment()) {
        hasContent = true;
      }
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
