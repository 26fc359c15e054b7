package io.duckgres.engine.sql;

import io.duckgres.engine.sql.transform.SerialColumns;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The sequences of SERIAL and identity columns belong to their table, as with PostgreSQL's
 * OWNED BY: DROP TABLE drops them too, so a table dropped and created again counts from 1.
 * DuckDB has no OWNED BY; {@link SerialColumns} marks such a sequence with a comment, and after
 * a DROP TABLE, in the same transaction, every marked sequence that no column default uses any
 * more is dropped. Finding "unused" by the defaults (not by the owner's name in the comment)
 * keeps a renamed table's sequence, and DuckDB refuses to drop a sequence a default uses, so
 * this can never take one a table still needs.
 */
public final class OwnedSequences {
  private static final String UNUSED = "SELECT database_name, schema_name, sequence_name"
      + " FROM duckdb_sequences() s WHERE starts_with(s.comment, '"
      + SerialColumns.OWNED_MARK + "') AND NOT EXISTS (SELECT 1 FROM duckdb_columns() c"
      + " WHERE c.database_name = s.database_name"
      + " AND contains(c.column_default, s.sequence_name))";

  private OwnedSequences() {}

  /**
   * Whether the session must run {@code sql} in one
   * transaction, never prepared. True for CREATE TABLE and ALTER TABLE ... ADD COLUMN with serial
   * or identity columns, and for DROP TABLE.
   */
  public static boolean involved(StatementKind kind, String sql) {
    String tag = kind.tagName();
    return tag.equals("DROP TABLE") || ((tag.equals("CREATE TABLE") || tag.equals("ALTER TABLE"))
        && SerialColumns.appliesTo(sql));
  }

  /** Whether {@code kind} drops tables, after which {@link #dropUnused} runs. */
  public static boolean drops(StatementKind kind) {
    return kind.tagName().equals("DROP TABLE");
  }

  /** Drops the marked sequences no column uses any more; call after DROP TABLE succeeded. */
  public static void dropUnused(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      List<String> unused = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery(UNUSED)) {
        while (rows.next()) {
          unused.add(quote(rows.getString(1)) + "." + quote(rows.getString(2)) + "."
              + quote(rows.getString(3)));
        }
      }
      for (String sequence : unused) {
        statement.execute("DROP SEQUENCE " + sequence);
      }
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
