package io.duckgres.engine;

import io.duckgres.engine.result.ResultColumn;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * What one statement produced. A row-returning statement exposes its columns and an open cursor
 * the caller streams from ({@link #next()}), then {@link #close()}s; rows are never collected in
 * memory. Other statements carry only their command tag.
 */
public final class QueryResult implements AutoCloseable {
  private final Statement statement;
  private final ResultSet rows;
  private final List<ResultColumn> columns;
  private final LongFunction<String> tag;
  private final List<Notice> notices;
  private final long updateCount;
  private final Map<String, String> parameterChanges;
  private Runnable onClose;

  private QueryResult(Statement statement, ResultSet rows, List<ResultColumn> columns,
      LongFunction<String> tag, List<Notice> notices, long updateCount,
      Map<String, String> parameterChanges) {
    this.statement = statement;
    this.rows = rows;
    this.columns = columns;
    this.tag = tag;
    this.notices = notices;
    this.updateCount = updateCount;
    this.parameterChanges = parameterChanges;
  }

  static QueryResult rows(Statement statement, ResultSet rows, List<ResultColumn> columns,
      LongFunction<String> tag) {
    return new QueryResult(statement, rows, columns, tag, List.of(), -1, Map.of());
  }

  static QueryResult command(String tag, List<Notice> notices) {
    return command(tag, notices, Map.of());
  }

  static QueryResult command(String tag, List<Notice> notices,
      Map<String, String> parameterChanges) {
    return new QueryResult(null, null, null, count -> tag, notices, -1, parameterChanges);
  }

  static QueryResult updated(LongFunction<String> tag, long updateCount) {
    return new QueryResult(null, null, null, tag, List.of(), updateCount, Map.of());
  }

  /** This result, reporting {@code changes} as ParameterStatus after it completes. */
  QueryResult withParameterChanges(Map<String, String> changes) {
    if (changes.isEmpty()) {
      return this;
    }
    QueryResult copy = new QueryResult(statement, rows, columns, tag, notices, updateCount, changes);
    copy.onClose = onClose;
    return copy;
  }

  /** Runs when the result is closed: the session stops timing and tracking the statement. */
  QueryResult onClose(Runnable action) {
    this.onClose = action;
    return this;
  }

  public boolean hasRows() {
    return rows != null;
  }

  /** Columns of a row-returning statement; null otherwise. */
  public List<ResultColumn> columns() {
    return columns;
  }

  /** Advances the cursor; the current row is then readable through {@link #row()}. */
  public boolean next() throws SQLException {
    return rows.next();
  }

  public ResultSet row() {
    return rows;
  }

  /** The CommandComplete tag, given how many rows were sent (ignored for other statements). */
  public String commandTag(long rowsSent) {
    return tag.apply(updateCount >= 0 ? updateCount : rowsSent);
  }

  public List<Notice> notices() {
    return notices;
  }

  /** Reported run-time parameters this statement changed: sent as ParameterStatus. */
  public Map<String, String> parameterChanges() {
    return parameterChanges;
  }

  @Override
  public void close() {
    if (onClose != null) {
      Runnable action = onClose;
      onClose = null;
      action.run();
    }
    try {
      if (rows != null) {
        rows.close();
      }
      if (statement != null) {
        statement.close();
      }
    } catch (SQLException ignored) {
      // Closing a finished or interrupted result cannot fail in a way the client cares about.
    }
  }
}
