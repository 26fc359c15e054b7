package io.duckgres.engine.cursor;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's open cursors. DuckDB allows one streaming result per connection, so a cursor's rows
 * are materialised when it is declared, into a temporary table with a position column; FETCH and
 * MOVE then read by position, which also makes every direction (BACKWARD, ABSOLUTE, …) work.
 * DuckDB spills large temporary tables to its temp directory, so memory stays bounded.
 *
 * <p>Cursors without HOLD close when their transaction ends, as in PostgreSQL.
 */
public final class Cursors {
  static final String POSITION = "__duckgres_pos";

  private final Connection connection;
  private final Map<String, Cursor> open = new HashMap<>();
  private int counter;

  private static final class Cursor {
    final String table;
    final boolean hold;
    final boolean noScroll;
    final long rows;
    long position;

    Cursor(String table, boolean hold, boolean noScroll, long rows) {
      this.table = table;
      this.hold = hold;
      this.noScroll = noScroll;
      this.rows = rows;
    }
  }

  /** The SELECT a FETCH runs, and the rows it will return; or, for MOVE, just the count. */
  public record Fetch(String sql, long rows) {}

  public Cursors(Connection connection) {
    this.connection = connection;
  }

  /** DECLARE: runs the query now and keeps its rows. */
  public void declare(CursorCommand command, Object[] parameters, boolean inTransaction)
      throws SQLException {
    if (!command.hold() && !inTransaction) {
      throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
          "DECLARE CURSOR can only be used in transaction blocks");
    }
    if (open.containsKey(command.name())) {
      throw new PgException(SqlState.DUPLICATE_CURSOR,
          "cursor \"" + command.name() + "\" already exists");
    }
    String table = "__duckgres_cursor_" + (++counter);
    try (PreparedStatement create = connection.prepareStatement("CREATE TEMP TABLE " + table
        + " AS SELECT row_number() OVER () AS " + POSITION + ", * FROM (" + command.query()
        + ") AS q")) {
      for (int i = 0; i < parameters.length; i++) {
        create.setObject(i + 1, parameters[i]);
      }
      create.execute();
    }
    long rows;
    try (Statement count = connection.createStatement();
        ResultSet result = count.executeQuery("SELECT count(*) FROM " + table)) {
      result.next();
      rows = result.getLong(1);
    }
    open.put(command.name(), new Cursor(table, command.hold(), command.noScroll(), rows));
  }

  /** A query with the cursor's columns and no rows, or null when no cursor has that name. */
  public String describeSql(String name) {
    Cursor cursor = open.get(name);
    return cursor == null ? null
        : "SELECT * EXCLUDE (" + POSITION + ") FROM " + cursor.table + " LIMIT 0";
  }

  /** FETCH or MOVE: moves the cursor and says which rows (if any) to read. */
  public Fetch move(CursorCommand command) {
    Cursor cursor = open.get(command.name());
    if (cursor == null) {
      throw new PgException(SqlState.INVALID_CURSOR_NAME,
          "cursor \"" + command.name() + "\" does not exist");
    }
    if (cursor.noScroll && movesBackward(cursor, command)) {
      throw new PgException(PgException.Severity.ERROR, SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
          "cursor can only scan forward", null,
          "Declare it with SCROLL option to enable backward scan.", 0, null);
    }
    long first;
    long last;
    boolean backward = false;
    switch (command.direction()) {
      case FORWARD: {
        first = cursor.position + 1;
        last = saturatedAdd(cursor.position, command.count());
        long end = Math.min(last, cursor.rows);
        cursor.position = last > cursor.rows ? cursor.rows + 1 : last;
        last = end;
        break;
      }
      case BACKWARD: {
        last = cursor.position - 1;
        first = cursor.position - Math.min(command.count(), cursor.position);
        long start = Math.max(first, 1);
        cursor.position = first < 1 ? 0 : first;
        first = start;
        last = Math.min(last, cursor.rows);
        backward = true;
        break;
      }
      default: {
        long target = target(cursor, command);
        if (target < 1) {
          cursor.position = 0;
        } else if (target > cursor.rows) {
          cursor.position = cursor.rows + 1;
        } else {
          cursor.position = target;
        }
        first = target;
        last = target >= 1 && target <= cursor.rows ? target : target - 1;
      }
    }
    long rows = Math.max(0, last - first + 1);
    String sql = "SELECT * EXCLUDE (" + POSITION + ") FROM " + cursor.table + " WHERE " + POSITION
        + " BETWEEN " + first + " AND " + last + " ORDER BY " + POSITION
        + (backward ? " DESC" : "");
    return new Fetch(sql, rows);
  }

  /** PostgreSQL's test for a NO SCROLL cursor: any move that is not strictly forward. */
  private static boolean movesBackward(Cursor cursor, CursorCommand command) {
    return switch (command.direction()) {
      case FORWARD -> false;
      case BACKWARD -> command.count() != 0;
      case RELATIVE -> command.count() < 0;
      default -> target(cursor, command) <= cursor.position;
    };
  }

  private static long target(Cursor cursor, CursorCommand command) {
    switch (command.direction()) {
      case FIRST:
        return 1;
      case LAST:
        return cursor.rows;
      case ABSOLUTE:
        return command.count() >= 0 ? command.count() : cursor.rows + 1 + command.count();
      default:
        return cursor.position + command.count();
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }

  /** CLOSE name, or CLOSE ALL when the name is null. */
  public void close(CursorCommand command) throws SQLException {
    if (command.name() == null) {
      for (String name : new ArrayList<>(open.keySet())) {
        drop(name);
      }
      return;
    }
    if (!open.containsKey(command.name())) {
      throw new PgException(SqlState.INVALID_CURSOR_NAME,
          "cursor \"" + command.name() + "\" does not exist");
    }
    drop(command.name());
  }

  /** The transaction ended: cursors without HOLD go with it. */
  public void transactionEnded(boolean committed) {
    List<String> closing = new ArrayList<>();
    open.forEach((name, cursor) -> {
      if (!cursor.hold) {
        closing.add(name);
      }
    });
    for (String name : closing) {
      if (committed) {
        try {
          drop(name);
        } catch (SQLException ignored) {
          // The table goes with the connection at the latest.
        }
      } else {
        // Rolled back: the temporary table was created in the transaction and is gone.
        open.remove(name);
      }
    }
  }

  private void drop(String name) throws SQLException {
    Cursor cursor = open.remove(name);
    try (Statement drop = connection.createStatement()) {
      drop.execute("DROP TABLE IF EXISTS " + cursor.table);
    }
  }
}
