package io.duckgres.engine.sql;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.ObjectType;
import io.duckgres.engine.sql.parse.tree.PgQuery.ParseResult;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeVar;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.RenameStmt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code ALTER TABLE v RENAME TO w} where {@code v} is a view: PostgreSQL renames the view (its
 * ALTER TABLE reference: "for historical reasons, ALTER TABLE can be used with views too"); DuckDB
 * refuses anything but ALTER VIEW for a view. dbt renames every view model this way. Whether the
 * relation is a view is only known from the database, so this is decided when the statement runs.
 */
public final class ViewRename {
  private ViewRename() {}

  /**
   * True when {@code sql} renames a relation with ALTER TABLE: whether it is a view is decided
   * when it runs ({@link #asAlterView}), so such a statement is not prepared in DuckDB ahead.
   */
  public static boolean renamesRelation(String sql) {
    RawStmt statement = ParsedText.of(sql).single();
    return statement != null && statement.getStmt().hasRenameStmt()
        && statement.getStmt().getRenameStmt().getRenameType() == ObjectType.OBJECT_TABLE;
  }

  /**
   * The statement as {@code ALTER VIEW … RENAME TO …} when {@code sql} renames, with ALTER TABLE,
   * a relation that is a view of this database; else null.
   */
  public static String asAlterView(Connection connection, String sql) throws SQLException {
    // The parse is the one the statement's classification already made (ParsedText's cache).
    RawStmt statement = ParsedText.of(sql).single();
    if (statement == null || !statement.getStmt().hasRenameStmt()) {
      return null;
    }
    RenameStmt rename = statement.getStmt().getRenameStmt();
    if (rename.getRenameType() != ObjectType.OBJECT_TABLE || !rename.hasRelation()
        || !isView(connection, rename.getRelation())) {
      return null;
    }
    RenameStmt.Builder view = rename.toBuilder()
        .setRenameType(ObjectType.OBJECT_VIEW)
        .setRelationType(ObjectType.OBJECT_VIEW);
    return SqlParser.deparse(ParseResult.newBuilder()
        .addStmts(statement.toBuilder().setStmt(Node.newBuilder().setRenameStmt(view)))
        .build());
  }

  /**
   * True when the relation names a view: qualified, that view exists; unqualified, a view of
   * that name exists and no table of that name does (a name both could be is left to DuckDB).
   */
  private static boolean isView(Connection connection, RangeVar relation) throws SQLException {
    String schema = relation.getSchemaname().equals("public") ? "main" : relation.getSchemaname();
    String database = relation.getCatalogname();
    String sql = "SELECT (SELECT count(*) FROM duckdb_views() WHERE NOT internal AND view_name = ?"
        + " AND (? = '' OR schema_name = ?) AND (? = '' OR database_name = ?)),"
        + " (SELECT count(*) FROM duckdb_tables() WHERE table_name = ?"
        + " AND (? = '' OR schema_name = ?) AND (? = '' OR database_name = ?))";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int offset : new int[] {0, 5}) {
        statement.setString(offset + 1, relation.getRelname());
        statement.setString(offset + 2, schema);
        statement.setString(offset + 3, schema);
        statement.setString(offset + 4, database);
        statement.setString(offset + 5, database);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        long views = rows.getLong(1);
        long tables = rows.getLong(2);
        return views == 1 && (tables == 0 || !schema.isEmpty());
      }
    }
  }
}
