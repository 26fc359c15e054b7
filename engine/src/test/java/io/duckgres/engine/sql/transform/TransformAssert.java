package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.engine.sql.parse.TreeWalk;
import io.duckgres.engine.sql.parse.tree.PgQuery.ParseResult;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;

/** Runs one transform alone over a statement and prints the result with PostgreSQL's deparser. */
final class TransformAssert {
  private TransformAssert() {}

  static String transformed(TreeTransform transform, String sql) {
    ParseResult.Builder tree = SqlParser.parse(sql).toBuilder();
    for (RawStmt.Builder statement : tree.getStmtsBuilderList()) {
      TreeWalk.walk(statement, node -> transform.apply(node, sql));
    }
    return SqlParser.deparse(tree.build());
  }
}
