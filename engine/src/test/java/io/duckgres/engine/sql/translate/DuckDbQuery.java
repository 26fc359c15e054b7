package io.duckgres.engine.sql.translate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs translated SQL on an in-memory DuckDB set up as a session is (integer division,
 * PostgreSQL's NULL order), so a rewrite's test can check the value, not only the text.
 */
final class DuckDbQuery {
  private DuckDbQuery() {}

  /** Every row of the first column, as DuckDB's JDBC driver spells it. */
  static List<String> column(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET integer_division = true");
      statement.execute("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
      statement.execute("SET TimeZone = 'UTC'");
      List<String> values = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    }
  }

  /** The single value of a one-row, one-column query. */
  static String value(String sql) throws SQLException {
    List<String> values = column(sql);
    if (values.size() != 1) {
      throw new AssertionError("expected one row from " + sql + ", got " + values);
    }
    return values.get(0);
  }
}
