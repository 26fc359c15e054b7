package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.DropStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code DROP TABLE a, b} (any DROP of several objects): DuckDB drops one object per statement,
 * so the statement becomes one DROP per object, in the order written. DROP TABLE runs in one
 * transaction with the serial sequences it frees (see OwnedSequences), so the drops stay
 * all-or-nothing as in PostgreSQL.
 */
final class DropLists {
  private DropLists() {}

  /** The statements {@code statement} becomes: itself, or one DROP per object it names. */
  static List<RawStmt> split(RawStmt statement) {
    if (!statement.getStmt().hasDropStmt()
        || statement.getStmt().getDropStmt().getObjectsCount() < 2) {
      return List.of(statement);
    }
    DropStmt drop = statement.getStmt().getDropStmt();
    List<RawStmt> drops = new ArrayList<>();
    for (Node object : drop.getObjectsList()) {
      drops.add(statement.toBuilder()
          .setStmt(Node.newBuilder().setDropStmt(drop.toBuilder().clearObjects().addObjects(object)))
          .build());
    }
    return drops;
  }
}
