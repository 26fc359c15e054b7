package io.duckgres.it.differential;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one statement did on one server, in the terms the suite compares: the rows as text (what
 * the server sent in its DataRows, as the simple protocol carries them), the number of rows a
 * command affected, or the SQLSTATE class of the error.
 */
sealed interface Outcome {
  /** A result: every value as the text the server sent, null for SQL NULL. */
  record Rows(List<String> columns, List<List<String>> rows) implements Outcome {
    /** The same rows in a defined order, for results whose order the statement leaves open. */
    Rows sorted() {
      List<List<String>> sorted = new ArrayList<>(rows);
      sorted.sort(Comparator.comparing(row -> String.valueOf(row)));
      return new Rows(columns, sorted);
    }

    @Override
    public boolean sameAs(Outcome other) {
      // Column names too: clients (pandas, ORMs) read columns by name.
      return other instanceof Rows that && rows.equals(that.rows) && columns.equals(that.columns);
    }

    @Override
    public String describe() {
      StringBuilder text = new StringBuilder(String.join(" | ", columns));
      for (List<String> row : rows) {
        text.append("\n    ");
        List<String> cells = new ArrayList<>();
        for (String cell : row) {
          cells.add(cell == null ? "NULL" : cell);
        }
        text.append(String.join(" | ", cells));
      }
      return text.toString();
    }
  }

  /** A command without rows and the count pgJDBC reports for it. */
  record Count(long count) implements Outcome {
    @Override
    public boolean sameAs(Outcome other) {
      return other instanceof Count that && count == that.count;
    }

    @Override
    public String describe() {
      return "command, " + count + " rows";
    }
  }

  /** An error: compared by SQLSTATE class (the first two characters) only. */
  record Failure(String sqlState, String message) implements Outcome {
    String sqlStateClass() {
      return sqlState == null || sqlState.length() < 2 ? "??" : sqlState.substring(0, 2);
    }

    @Override
    public boolean sameAs(Outcome other) {
      return other instanceof Failure that && sqlStateClass().equals(that.sqlStateClass());
    }

    @Override
    public String describe() {
      return "ERROR " + sqlState + ": " + message;
    }
  }

  boolean sameAs(Outcome other);

  String describe();

  /** Runs {@code sql} on {@code connection}; rows are sorted when {@code unordered}. */
  static Outcome of(Connection connection, String sql, boolean unordered) {
    Outcome outcome = of(connection, sql);
    return unordered && outcome instanceof Rows rows ? rows.sorted() : outcome;
  }

  static Outcome of(Connection connection, String sql) {
    try (Statement statement = connection.createStatement()) {
      if (!statement.execute(sql)) {
        return new Count(statement.getLargeUpdateCount());
      }
      try (ResultSet resultSet = statement.getResultSet()) {
        ResultSetMetaData meta = resultSet.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnLabel(i));
        }
        List<List<String>> rows = new ArrayList<>();
        while (resultSet.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= columns.size(); i++) {
            row.add(resultSet.getString(i));
          }
          rows.add(row);
        }
        return new Rows(columns, rows);
      }
    } catch (SQLException e) {
      String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      return new Failure(e.getSQLState(), message);
    }
  }
}
