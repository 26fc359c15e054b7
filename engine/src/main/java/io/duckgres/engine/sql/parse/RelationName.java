package io.duckgres.engine.sql.parse;

import io.duckgres.engine.sql.parse.tree.PgQuery.RangeVar;

/**
 * A relation named in PostgreSQL's parse tree, written as DuckDB names it: each part quoted, and
 * PostgreSQL's default schema {@code public} as DuckDB's {@code main} (the schema where
 * unqualified tables live), as the statement translation maps it. Used where the session itself
 * builds SQL around a client's relation (the row count of CREATE TABLE AS, COPY FROM STDIN).
 */
public final class RelationName {
  private RelationName() {}

  public static String of(RangeVar relation) {
    StringBuilder name = new StringBuilder();
    if (!relation.getCatalogname().isEmpty()) {
      name.append(quoted(relation.getCatalogname())).append('.');
    }
    if (!relation.getSchemaname().isEmpty()) {
      String schema = relation.getSchemaname();
      name.append(quoted(schema.equals("public") ? "main" : schema)).append('.');
    }
    return name.append(quoted(relation.getRelname())).toString();
  }

  /** {@code identifier} in double quotes, inner quotes doubled. */
  public static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /**
   * {@code identifier} as written when it is all lower-case letters, digits and underscores (not
   * starting with a digit), else {@link #quoted}: PostgreSQL's quote_identifier without its
   * keyword check.
   */
  public static String quotedUnlessPlain(String identifier) {
    return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : quoted(identifier);
  }
}
