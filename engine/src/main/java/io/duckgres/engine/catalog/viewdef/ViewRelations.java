package io.duckgres.engine.catalog.viewdef;

import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.engine.sql.parse.TreeWalk;
import io.duckgres.engine.sql.parse.tree.PgQuery.ParseResult;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeVar;
import io.duckgres.pgwire.PgException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The relations a view reads, from its parse tree: what pg_depend says a view depends on, so
 * that pg_dump restores a view after the tables and views it reads (DuckDB records no
 * dependencies of views).
 */
public final class ViewRelations {
  private ViewRelations() {}

  /**
   * The relations {@code viewSql} (DuckDB's {@code CREATE VIEW … AS …} text) reads, each as
   * lower-case {@code schema.name} ({@code main} where none is named), separated by U+001E;
   * WITH query names are not relations. Null when the text is not a view PostgreSQL's grammar
   * reads.
   */
  public static String of(String viewSql) {
    ParseResult tree;
    try {
      tree = SqlParser.parse(viewSql);
    } catch (PgException e) {
      return null;
    }
    if (tree.getStmtsCount() != 1 || !tree.getStmts(0).getStmt().hasViewStmt()) {
      return null;
    }
    Set<String> withQueries = new HashSet<>();
    Set<String> relations = new LinkedHashSet<>();
    var query = tree.getStmts(0).getStmt().getViewStmt().getQuery().toBuilder();
    TreeWalk.walk(query, node -> {
      if (node.hasCommonTableExpr()) {
        withQueries.add(node.getCommonTableExpr().getCtename().toLowerCase(Locale.ROOT));
      } else if (node.hasRangeVar()) {
        RangeVar relation = node.getRangeVar();
        String schema = relation.getSchemaname().isEmpty()
            || relation.getSchemaname().equals("public") ? "main" : relation.getSchemaname();
        relations.add((schema + "." + relation.getRelname()).toLowerCase(Locale.ROOT));
      }
    });
    // A WITH query's name read without a schema is the WITH query, not a relation.
    withQueries.forEach(name -> relations.remove("main." + name));
    return String.join(String.valueOf(Relations.RECORD), relations);
  }
}
