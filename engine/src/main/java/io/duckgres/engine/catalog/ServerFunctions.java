package io.duckgres.engine.catalog;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

/**
 * DuckDB functions over the server's live state, registered on each database when it opens:
 * {@code duckgres_stat_activity()} and {@code duckgres_stat_statements()} (table functions read
 * when a query scans them, so no statement pays for them otherwise),
 * {@code duckgres_cancel_backend(target, caller)}, {@code duckgres_terminate_backend(target,
 * caller)} and
 * {@code duckgres_stat_statements_reset()}. The catalog's views and macros (50-activity.sql) give
 * them PostgreSQL's names.
 *
 * <p>A refused signal raises "Permission Error: …", which the error classifier reports as 42501.
 */
public final class ServerFunctions {
  /** The catalog script that names these functions the PostgreSQL way. */
  static final String SCRIPT = "50-activity.sql";
  private static volatile ServerActivity activity = ServerActivity.NONE;

  private ServerFunctions() {}

  /** The server's sessions; one per process. */
  public static void install(ServerActivity serverActivity) {
    activity = serverActivity;
  }

  /**
   * Registers the functions on a database unless it has them already; false when they are not
   * there (the catalog then keeps its pg_stat_activity of the calling session only).
   */
  static boolean registerOnce(DuckDBConnection root, String database) {
    return FunctionRegistration.registerOnce(root, database, "duckgres_stat_activity",
        "pg_stat_activity and pg_stat_statements of the server are not available",
        connection -> register(connection, database));
  }

  /** Registers the functions on a newly opened database named {@code database}. */
  private static void register(DuckDBConnection root, String database) throws SQLException {
    DuckDBFunctions.tableFunction().withName("duckgres_stat_activity")
        .withFunction(new Rows<>(() -> activity.backends(database), new String[] {"datname",
            "pid", "usename", "application_name", "client_addr", "client_port", "backend_start",
            "query_start", "state", "query"}, new DuckDBColumnType[] {DuckDBColumnType.VARCHAR,
            DuckDBColumnType.INTEGER, DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR,
            DuckDBColumnType.VARCHAR, DuckDBColumnType.INTEGER,
            DuckDBColumnType.TIMESTAMP_WITH_TIME_ZONE, DuckDBColumnType.TIMESTAMP_WITH_TIME_ZONE,
            DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR},
            backend -> new Object[] {backend.database(), backend.pid(), backend.user(),
                backend.applicationName(), backend.clientAddress(), backend.clientPort(),
                backend.backendStart(), backend.queryStart(), backend.state(), backend.query()}))
        .register(root);
    DuckDBFunctions.tableFunction().withName("duckgres_stat_statements")
        .withFunction(new Rows<>(() -> activity.statements(), new String[] {"usename", "datname",
            "query", "calls", "total_exec_time", "min_exec_time", "max_exec_time", "rows"},
            new DuckDBColumnType[] {DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR,
                DuckDBColumnType.VARCHAR, DuckDBColumnType.BIGINT, DuckDBColumnType.DOUBLE,
                DuckDBColumnType.DOUBLE, DuckDBColumnType.DOUBLE, DuckDBColumnType.BIGINT},
            stats -> new Object[] {stats.user(), stats.database(), stats.query(), stats.calls(),
                stats.totalMillis(), stats.minMillis(), stats.maxMillis(), stats.rows()}))
        .register(root);
    DuckDBFunctions.scalarFunction().withName("duckgres_stat_statements_reset")
        .withReturnType(Boolean.class)
        .withFunction((java.util.function.Supplier<Boolean>) () -> {
          activity.resetStatements();
          return true;
        })
        .withVolatile()
        .register(root);
    for (boolean terminate : new boolean[] {false, true}) {
      DuckDBFunctions.scalarFunction()
          .withName(terminate ? "duckgres_terminate_backend" : "duckgres_cancel_backend")
          .withParameters(Integer.class, Integer.class)
          .withReturnType(Boolean.class)
          .withFunction((Integer target, Integer caller) ->
              signal(database, target, caller, terminate))
          .withVolatile()
          .register(root);
    }
  }

  private static Boolean signal(String database, Integer target, Integer caller,
      boolean terminate) {
    if (target == null || caller == null) {
      return null;
    }
    return switch (activity.signal(database, caller, target, terminate)) {
      case SENT -> true;
      case NO_SUCH_BACKEND -> false;
      case NOT_ALLOWED -> throw new IllegalStateException(terminate
          ? "Permission Error: must be a superuser or have the same role to terminate other"
              + " server processes"
          : "Permission Error: must be a superuser or have the same role to cancel queries of"
              + " other users");
    };
  }

  /** A table function over a snapshot taken when the scan starts. */
  private static final class Rows<T> implements DuckDBTableFunction<Object, Rows.Cursor<T>, Object> {
    private final java.util.function.Supplier<List<T>> source;
    private final String[] names;
    private final DuckDBColumnType[] types;
    private final Function<T, Object[]> values;

    Rows(java.util.function.Supplier<List<T>> source, String[] names, DuckDBColumnType[] types,
        Function<T, Object[]> values) {
      this.source = source;
      this.names = names;
      this.types = types;
      this.values = values;
    }

    static final class Cursor<T> {
      final List<T> rows;
      int next;

      Cursor(List<T> rows) {
        this.rows = rows;
      }
    }

    @Override
    public Object bind(DuckDBTableFunctionBindInfo info) {
      for (int i = 0; i < names.length; i++) {
        info.addResultColumn(names[i], types[i]);
      }
      return null;
    }

    @Override
    public Cursor<T> init(DuckDBTableFunctionInitInfo info) {
      info.setMaxThreads(1);
      return new Cursor<>(source.get());
    }

    @Override
    public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) {
      Cursor<T> cursor = info.getInitData();
      long written = 0;
      while (cursor.next < cursor.rows.size() && written < out.capacity()) {
        Object[] row = values.apply(cursor.rows.get(cursor.next++));
        for (int column = 0; column < row.length; column++) {
          set(out.vector(column), written, row[column]);
        }
        written++;
      }
      return written;
    }

    private static void set(DuckDBWritableVector vector, long index, Object value) {
      if (value == null) {
        vector.setNull(index);
      } else if (value instanceof String text) {
        vector.setString(index, text);
      } else if (value instanceof Integer number) {
        vector.setInt(index, number);
      } else if (value instanceof Long number) {
        vector.setLong(index, number);
      } else if (value instanceof Double number) {
        vector.setDouble(index, number);
      } else if (value instanceof OffsetDateTime time) {
        vector.setOffsetDateTime(index, time);
      } else {
        vector.setString(index, value.toString());
      }
    }
  }
}
