package io.duckgres.engine.sql;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.engine.sql.parse.tree.PgQuery.Alias;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.ParseResult;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeSubselect;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeVar;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.SelectStmt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code SELECT last_value, is_called FROM s} where {@code s} is a sequence: PostgreSQL reads a
 * sequence as a one-row relation (last_value, log_cnt, is_called); pg_dump dumps each sequence's
 * state this way. DuckDB's sequences are no relations, so the sequence becomes a subquery over
 * duckdb_sequences() with those columns: last_value is the start value and is_called false until
 * the first nextval(), as in PostgreSQL. Whether a name is a sequence is only known from the
 * database, so this is decided when the statement runs.
 */
public final class SequenceRead {
  private static final String ROW = "SELECT coalesce(last_value, start_value) AS last_value,"
      + " 0::BIGINT AS log_cnt, last_value IS NOT NULL AS is_called FROM duckdb_sequences()"
      + " WHERE sequence_name = %s AND schema_name = %s AND database_name = %s";

  private static final java.util.Set<String> SEQUENCE_COLUMNS =
      java.util.Set.of("last_value", "log_cnt", "is_called");

  private SequenceRead() {}

  /**
   * {@code sql} with its one relation, a sequence, read from duckdb_sequences(); null when
   * {@code sql} is not a SELECT from one relation, or the relation is no sequence.
   */
  public static String asCatalogRead(Connection connection, String sql) throws SQLException {
    RawStmt statement = ParsedText.of(sql).single();
    if (statement == null || !statement.getStmt().hasSelectStmt()) {
      return null;
    }
    SelectStmt select = statement.getStmt().getSelectStmt();
    if (select.getFromClauseCount() != 1 || !select.getFromClause(0).hasRangeVar()) {
      return null;
    }
    if (!readsSequenceColumns(select)) {
      return null; // an ordinary query pays no catalog look-up
    }
    RangeVar relation = select.getFromClause(0).getRangeVar();
    String[] sequence = find(connection, relation);
    if (sequence == null) {
      return null;
    }
    String row = String.format(ROW, literal(sequence[2]), literal(sequence[1]),
        literal(sequence[0]));
    Node query = SqlParser.parse(row).getStmts(0).getStmt();
    String alias = relation.hasAlias() ? relation.getAlias().getAliasname() : relation.getRelname();
    SelectStmt.Builder rewritten = select.toBuilder().setFromClause(0, Node.newBuilder()
        .setRangeSubselect(RangeSubselect.newBuilder().setSubquery(query)
            .setAlias(Alias.newBuilder().setAliasname(alias))));
    return SqlParser.deparse(ParseResult.newBuilder()
        .addStmts(statement.toBuilder().setStmt(Node.newBuilder().setSelectStmt(rewritten)))
        .build());
  }

  /** True when the select list names last_value, log_cnt or is_called. */
  private static boolean readsSequenceColumns(SelectStmt select) {
    for (Node target : select.getTargetListList()) {
      if (target.hasResTarget() && target.getResTarget().getVal().hasColumnRef()) {
        var fields = target.getResTarget().getVal().getColumnRef().getFieldsList();
        Node last = fields.get(fields.size() - 1);
        if (last.hasString() && SEQUENCE_COLUMNS.contains(last.getString().getSval())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The database, schema and name of the sequence {@code relation} names, or null. */
  private static String[] find(Connection connection, RangeVar relation) throws SQLException {
    String schema = relation.getSchemaname().equals("public") ? "main" : relation.getSchemaname();
    String sql = "SELECT database_name, schema_name, sequence_name FROM duckdb_sequences()"
        + " WHERE sequence_name = ? AND (? = '' OR schema_name = ?)"
        + " AND (? = '' OR database_name = ?)"
        + " AND NOT EXISTS (SELECT 1 FROM duckdb_tables() WHERE table_name = ?)"
        + " AND NOT EXISTS (SELECT 1 FROM duckdb_views() WHERE view_name = ?)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, relation.getRelname());
      statement.setString(2, schema);
      statement.setString(3, schema);
      statement.setString(4, relation.getCatalogname());
      statement.setString(5, relation.getCatalogname());
      statement.setString(6, relation.getRelname());
      statement.setString(7, relation.getRelname());
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        String[] found = {rows.getString(1), rows.getString(2), rows.getString(3)};
        return rows.next() ? null : found; // the same name in several schemas: left to DuckDB
      }
    }
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
