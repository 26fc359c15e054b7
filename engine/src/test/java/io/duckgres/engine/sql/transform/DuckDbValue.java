package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.translate.Translator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a PostgreSQL statement as the server does ({@link Translator}) and runs it on an
 * in-memory DuckDB set up as a session is (integer division, UTC), so a transform's test checks
 * the value a client would see, not only the text.
 */
final class DuckDbValue {
  private DuckDbValue() {}

  /** The values of the single row of {@code postgresSql}'s translation, as JDBC's getString. */
  static List<String> row(String postgresSql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET integer_division = true");
      statement.execute("SET TimeZone = 'UTC'");
      try (ResultSet rows = statement.executeQuery(Translator.translate(postgresSql))) {
        if (!rows.next()) {
          throw new AssertionError("no row from " + postgresSql);
        }
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          values.add(rows.getString(i));
        }
        if (rows.next()) {
          throw new AssertionError("more than one row from " + postgresSql);
        }
        return values;
      }
    }
  }

  /** The single value of a one-row, one-column statement. */
  static String of(String postgresSql) throws SQLException {
    List<String> row = row(postgresSql);
    if (row.size() != 1) {
      throw new AssertionError("expected one column from " + postgresSql + ", got " + row);
    }
    return row.get(0);
  }
}
