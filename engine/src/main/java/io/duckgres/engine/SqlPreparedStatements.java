package io.duckgres.engine;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import org.duckdb.DuckDBConnection;

/**
 * The statements one session prepared with SQL {@code PREPARE name AS ...}, which DuckDB keeps on
 * the session's connection until {@code DEALLOCATE}. They count toward the session's cap on
 * prepared statements together with those prepared by the protocol's Parse: each holds a DuckDB
 * prepared statement (native memory), so without a cap a client could grow the server without
 * bound by either route.
 */
final class SqlPreparedStatements {
  /** Prepared statements one session may hold, by Parse and by PREPARE together. */
  static final int LIMIT = 1_000;

  private final Set<String> names = new HashSet<>();
  private IntSupplier protocolStatements = () -> 0;

  /** Where the count of statements prepared by Parse comes from (the protocol layer's map). */
  void countProtocolStatements(IntSupplier count) {
    protocolStatements = count;
  }

  /** Prepared statements the session holds now, by either route. */
  int total() {
    return names.size() + protocolStatements.getAsInt();
  }

  /**
   * The name a {@code PREPARE} statement gives, before DuckDB runs it; throws 54000 when a new
   * name would go past {@link #LIMIT}. Null for any other statement.
   */
  String admit(String sql) {
    Node statement = firstStatement(sql);
    if (statement == null || !statement.hasPrepareStmt()) {
      return null;
    }
    String name = statement.getPrepareStmt().getName();
    if (!names.contains(name) && total() >= LIMIT) {
      throw tooMany();
    }
    return name;
  }

  static PgException tooMany() {
    return new PgException(PgException.Severity.ERROR, SqlState.PROGRAM_LIMIT_EXCEEDED,
        "too many prepared statements in this session (limit " + LIMIT + ")", null,
        "DEALLOCATE (or Close) prepared statements that are no longer needed.", 0, null);
  }

  /** After DuckDB ran {@code sql}: a PREPARE adds its name, a DEALLOCATE of one name drops it. */
  void ran(String sql, String preparedName) {
    if (preparedName != null) {
      names.add(preparedName);
      return;
    }
    Node statement = firstStatement(sql);
    if (statement != null && statement.hasDeallocateStmt()) {
      names.remove(statement.getDeallocateStmt().getName());
    }
  }

  /** DEALLOCATE ALL: every statement prepared with PREPARE goes, in DuckDB too. */
  void deallocateAll(DuckDBConnection connection) throws SQLException {
    List<String> held = new ArrayList<>(names);
    try (Statement statement = connection.createStatement()) {
      for (String name : held) {
        statement.execute("DEALLOCATE \"" + name.replace("\"", "\"\"") + "\"");
        names.remove(name);
      }
    }
  }

  private static Node firstStatement(String sql) {
    List<RawStmt> statements = ParsedText.of(sql).statements();
    return statements.isEmpty() ? null : statements.get(0).getStmt();
  }
}
