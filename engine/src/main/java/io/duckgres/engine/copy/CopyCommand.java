package io.duckgres.engine.copy;

import io.duckgres.engine.sql.parse.RelationName;
import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A COPY statement that moves data over the connection (PostgreSQL docs, "COPY"):
 *
 * <pre>
 * COPY table [ ( column [, ...] ) ] FROM STDIN [ [ WITH ] ( option [, ...] ) | legacy options ]
 * COPY { table [ ( column [, ...] ) ] | ( query ) } TO STDOUT [ [ WITH ] ( option [, ...] ) ]
 * </pre>
 *
 * COPY to or from a file is DuckDB's business and is not parsed here.
 *
 * @param from true for FROM STDIN, false for TO STDOUT
 * @param table the table as written (null when copying a query out)
 * @param columns the column list as written, or empty for all columns
 * @param query the query of {@code COPY (query) TO STDOUT}, else null
 * @param options the format options
 * @param relation the table as DuckDB names it (see RelationName: {@code public.t} is
 *     {@code "main"."t"}), read from PostgreSQL's parse tree; null when copying a query out
 */
public record CopyCommand(boolean from, String table, List<String> columns, String query,
    CopyOptions options, String relation) {

  /** Parses {@code sql}; null when it is not a COPY FROM STDIN / TO STDOUT. */
  public static CopyCommand parse(String sql) {
    CopyTokens tokens = new CopyTokens(sql);
    if (!tokens.nextWordIs("copy")) {
      return null;
    }
    String table = null;
    String query = null;
    List<String> columns = new ArrayList<>();
    if (tokens.peekIs("(")) {
      query = tokens.parenthesized();
    } else {
      table = tokens.qualifiedName();
      if (table == null) {
        return null;
      }
      if (tokens.peekIs("(")) {
        for (String column : tokens.parenthesized().split(",")) {
          columns.add(column.trim());
        }
      }
    }
    boolean from;
    if (tokens.nextWordIs("from")) {
      from = true;
    } else if (tokens.nextWordIs("to")) {
      from = false;
    } else {
      return null;
    }
    if (!tokens.nextWordIs(from ? "stdin" : "stdout")) {
      return null;
    }
    if (from && query != null) {
      throw new PgException(SqlState.SYNTAX_ERROR, "COPY FROM requires a table, not a query");
    }
    CopyOptions options = CopyOptions.parse(tokens);
    if (!tokens.atEnd()) {
      String rest = tokens.rest().toLowerCase(Locale.ROOT);
      throw new PgException(rest.startsWith("where")
          ? SqlState.FEATURE_NOT_SUPPORTED : SqlState.SYNTAX_ERROR,
          rest.startsWith("where")
              ? "COPY FROM ... WHERE is not supported"
              : "syntax error at or near \"" + tokens.rest() + "\"");
    }
    return new CopyCommand(from, table, List.copyOf(columns), query, options,
        table == null ? null : relation(sql, table));
  }

  private static String relation(String sql, String written) {
    RawStmt statement = ParsedText.of(sql).single();
    return statement != null && statement.getStmt().hasCopyStmt()
        && statement.getStmt().getCopyStmt().hasRelation()
        ? RelationName.of(statement.getStmt().getCopyStmt().getRelation()) : written;
  }

  /** The SELECT whose rows COPY TO writes. */
  public String selectSql() {
    if (query != null) {
      return query;
    }
    return "SELECT " + (columns.isEmpty() ? "*" : String.join(", ", columns)) + " FROM " + table;
  }

  /** How errors name the copy, as PostgreSQL's CONTEXT does: "COPY t". */
  public String context() {
    return "COPY " + (table != null ? table : "(query)");
  }
}
