package io.duckgres.engine.sql.transform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a PostgreSQL statement through one transform on an in-memory DuckDB set up as a session is
 * (integer division, UTC), so a transform's test checks the value DuckDB answers.
 */
final class TranslatedQuery {
  private TranslatedQuery() {}

  /** Every row of the first column of the last statement, as DuckDB's JDBC driver spells it. */
  static List<String> column(TreeTransform transform, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET integer_division = true");
      statement.execute("SET TimeZone = 'UTC'");
      List<String> values = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery(
          TransformAssert.transformed(transform, sql))) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    }
  }

  static String value(TreeTransform transform, String sql) throws SQLException {
    List<String> values = column(transform, sql);
    if (values.size() != 1) {
      throw new AssertionError("expected one row from " + sql + ", got " + values);
    }
    return values.get(0);
  }
}
