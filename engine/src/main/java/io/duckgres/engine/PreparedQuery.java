package io.duckgres.engine;

import io.duckgres.engine.result.ResultColumn;
import io.duckgres.engine.sql.StatementKind;
import java.util.List;
import org.duckdb.DuckDBPreparedStatement;

/**
 * A statement prepared once in DuckDB (Parse) and executed many times (Bind/Execute). Statements
 * DuckDB must not prepare — transaction control, which the session tracks itself, and the empty
 * statement — carry no DuckDB statement and run through the session's text path.
 *
 * <p>DuckDB's driver closes a prepared statement when an execution fails; the session then
 * prepares it again ({@link #replaceStatement}), so a named statement outlives its errors as in
 * PostgreSQL.
 */
public final class PreparedQuery {
  private final String sql;
  private final StatementKind kind;
  private DuckDBPreparedStatement statement;
  private final int[] parameterTypes;
  private final List<ResultColumn> columns;
  private final boolean columnsResolved;
  private boolean[] bareNumericParameters = new boolean[0];

  /**
   * @param sql the statement text
   * @param kind its leading-keyword classification (for the command tag)
   * @param statement the DuckDB prepared statement, or null for control/empty statements
   * @param parameterTypes PostgreSQL type OIDs of the parameters ($1..$n)
   * @param columns result columns known at prepare time, or null when no rows are returned
   * @param columnsResolved false when some result type depends on the bound parameters
   */
  public PreparedQuery(String sql, StatementKind kind, DuckDBPreparedStatement statement,
      int[] parameterTypes, List<ResultColumn> columns, boolean columnsResolved) {
    this.sql = sql;
    this.kind = kind;
    this.statement = statement;
    this.parameterTypes = parameterTypes;
    this.columns = columns;
    this.columnsResolved = columnsResolved;
  }

  public String sql() {
    return sql;
  }

  public StatementKind kind() {
    return kind;
  }

  public DuckDBPreparedStatement statement() {
    return statement;
  }

  void replaceStatement(DuckDBPreparedStatement fresh) {
    this.statement = fresh;
  }

  public int[] parameterTypes() {
    return parameterTypes;
  }

  public List<ResultColumn> columns() {
    return columns;
  }

  public boolean columnsResolved() {
    return columnsResolved;
  }

  public boolean isEmpty() {
    return sql.isBlank();
  }

  public boolean returnsRows() {
    return columns != null;
  }

  /**
   * Marks the parameters bound to numeric columns without precision, whose values are checked to
   * fit before they run (see {@link io.duckgres.engine.numeric.BareNumeric}).
   */
  PreparedQuery checkingBareNumeric(boolean[] parameters) {
    this.bareNumericParameters = parameters;
    return this;
  }

  boolean[] bareNumericParameters() {
    return bareNumericParameters;
  }
}
