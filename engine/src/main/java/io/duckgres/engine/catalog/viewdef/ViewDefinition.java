package io.duckgres.engine.catalog.viewdef;

import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.engine.sql.parse.tree.PgQuery.ParseResult;
import io.duckgres.engine.sql.parse.tree.PgQuery.ViewStmt;
import io.duckgres.pgwire.PgException;
import java.util.List;

/**
 * {@code pg_get_viewdef}: a view's query printed as PostgreSQL prints it (ruleutils.c) — columns
 * qualified by their relation, {@code *} expanded, one select-list item a line, every operator
 * parenthesised, literals with their resolved types — so that tools that read it (psql,
 * pg_dump, BI tools) see what they see from PostgreSQL, and a dump restores into PostgreSQL.
 *
 * <p>The input is the text DuckDB keeps for the view (its own print of the statement the server
 * gave it), read with PostgreSQL's grammar; the columns of the database's relations come from
 * the catalog macro. Where the view uses something this printer does not print, the answer is
 * null and the macro falls back to the view's text as DuckDB keeps it.
 */
public final class ViewDefinition {
  private ViewDefinition() {}

  /**
   * The definition, starting with a space and ending with {@code ;} as PostgreSQL's does; null
   * when it cannot be printed in PostgreSQL's form.
   *
   * @param viewSql DuckDB's {@code CREATE VIEW … AS …} text of the view
   * @param columns the columns of the database's relations ({@link Relations} encoding)
   */
  public static String print(String viewSql, String columns) {
    try {
      ParseResult tree = SqlParser.parse(viewSql);
      if (tree.getStmtsCount() != 1 || !tree.getStmts(0).getStmt().hasViewStmt()) {
        return null;
      }
      ViewStmt view = tree.getStmts(0).getStmt().getViewStmt();
      if (!view.getQuery().hasSelectStmt()) {
        return null;
      }
      Relations relations = new Relations(columns);
      String schema = view.getView().getSchemaname().isEmpty() ? "main"
          : view.getView().getSchemaname();
      List<Relations.Column> own = relations.of(schema, view.getView().getRelname());
      List<String> names = own == null ? null : own.stream().map(Relations.Column::name).toList();
      Layout out = new Layout();
      new QueryPrinter(out, relations).query(view.getQuery().getSelectStmt(), null, names, 0,
          true);
      return out.buf.append(';').toString();
    } catch (Unprintable | PgException e) {
      return null;
    }
  }
}
