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
 * @param sql the statement text
 * @param kind its leading-keyword classification (for the command tag)
 * @param statement the DuckDB prepared statement, or null for control/empty statements
 * @param parameterTypes PostgreSQL type OIDs of the parameters ($1..$n)
 * @param columns result columns known at prepare time, or null when the statement returns no rows
 * @param columnsResolved false when some result type depends on the bound parameters
 */
public record PreparedQuery(
    String sql,
    StatementKind kind,
    DuckDBPreparedStatement statement,
    int[] parameterTypes,
    List<ResultColumn> columns,
    boolean columnsResolved) {

  public boolean isEmpty() {
    return sql.isBlank();
  }

  public boolean returnsRows() {
    return columns != null;
  }
}
