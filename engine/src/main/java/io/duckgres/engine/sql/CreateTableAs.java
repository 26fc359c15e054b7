package io.duckgres.engine.sql;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.RelationName;
import io.duckgres.engine.sql.parse.tree.PgQuery.CreateTableAsStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.ObjectType;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The row count of CREATE TABLE ... AS, which PostgreSQL reports as "SELECT n" (the SQL Commands
 * reference, CREATE TABLE AS, "Outputs"). DuckDB reports no count for it, so the new table is
 * counted once it exists, in the same transaction.
 */
public final class CreateTableAs {
  private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)";
  private static final Pattern TARGET = Pattern.compile(
      "(?is)^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:GLOBAL|LOCAL)\\s+)?"
          + "(?:(?:TEMP|TEMPORARY|UNLOGGED)\\s+)?TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?("
          + NAME + "(?:\\s*\\.\\s*" + NAME + "){0,2})");

  private CreateTableAs() {}

  /**
   * The table {@code sql} creates, or null when the statement is not a plain CREATE TABLE ... AS
   * or says IF NOT EXISTS (the table may be an older one, which PostgreSQL does not count). Read
   * from PostgreSQL's parse tree, as DuckDB names it ({@link RelationName}); DuckDB's own
   * {@code CREATE OR REPLACE TABLE}, which PostgreSQL's grammar lacks, by its leading keywords,
   * as written.
   */
  public static String targetTable(String sql) {
    RawStmt statement = ParsedText.of(sql).single();
    if (statement != null) {
      if (!statement.getStmt().hasCreateTableAsStmt()) {
        return null;
      }
      CreateTableAsStmt create = statement.getStmt().getCreateTableAsStmt();
      return create.getIfNotExists() || create.getObjtype() != ObjectType.OBJECT_TABLE
          ? null : RelationName.of(create.getInto().getRel());
    }
    Matcher matcher = TARGET.matcher(sql);
    if (!matcher.find() || matcher.group(1) != null) {
      return null;
    }
    return matcher.group(2).replaceAll("\\s*\\.\\s*", ".");
  }

  /** Rows in the table {@code sql} has just created; 0 when it names none this can count. */
  public static long rowCount(Connection connection, String sql) throws SQLException {
    String table = targetTable(sql);
    if (table == null) {
      return 0;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }
}
