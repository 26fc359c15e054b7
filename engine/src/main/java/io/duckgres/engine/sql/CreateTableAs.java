package io.duckgres.engine.sql;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.RelationName;
import io.duckgres.engine.sql.parse.SqlScanner;
import io.duckgres.engine.sql.parse.tree.PgQuery.CreateTableAsStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.ObjectType;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.pgwire.PgException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The row count of CREATE TABLE ... AS, which PostgreSQL reports as "SELECT n" (the SQL Commands
 * reference, CREATE TABLE AS, "Outputs"). DuckDB reports no count for it, so the new table is
 * counted once it exists, in the same transaction.
 */
public final class CreateTableAs {
  /** What may stand between CREATE and TABLE. */
  private static final Set<String> MODIFIERS =
      Set.of("or", "replace", "global", "local", "temp", "temporary", "unlogged");

  private CreateTableAs() {}

  /**
   * The table {@code sql} creates, or null when the statement is not a plain CREATE TABLE ... AS
   * or says IF NOT EXISTS (the table may be an older one, which PostgreSQL does not count). Read
   * from PostgreSQL's parse tree, as DuckDB names it ({@link RelationName}); DuckDB's own
   * {@code CREATE OR REPLACE TABLE}, which PostgreSQL's grammar lacks, from PostgreSQL's
   * scanner tokens, as written.
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
    return duckDbTarget(sql);
  }

  /**
   * {@code CREATE [OR REPLACE] [TEMP] TABLE name ...}, read from PostgreSQL's scanner tokens: the
   * name as written, or null after IF NOT EXISTS.
   */
  private static String duckDbTarget(String sql) {
    List<SqlScanner.Token> tokens;
    try {
      tokens = SqlScanner.scan(sql).stream().filter(token -> !token.isComment()).toList();
    } catch (PgException unreadable) {
      return null;
    }
    int i = 0;
    if (!word(sql, tokens, i++).equals("create")) {
      return null;
    }
    while (MODIFIERS.contains(word(sql, tokens, i))) {
      i++;
    }
    if (!word(sql, tokens, i++).equals("table") || word(sql, tokens, i).equals("if")) {
      return null;
    }
    StringBuilder name = new StringBuilder();
    for (int part = 0; part < 3 && i < tokens.size() && tokens.get(i).isWord(); part++) {
      name.append(tokens.get(i++).text(sql));
      if (part == 2 || i >= tokens.size() || tokens.get(i).kind() != SqlScanner.DOT) {
        break;
      }
      name.append('.');
      i++;
    }
    return name.isEmpty() ? null : name.toString();
  }

  private static String word(String sql, List<SqlScanner.Token> tokens, int index) {
    return index < tokens.size() && tokens.get(index).isWord()
        ? tokens.get(index).text(sql).toLowerCase(Locale.ROOT) : "";
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
