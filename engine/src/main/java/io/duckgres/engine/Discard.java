package io.duckgres.engine;

import io.duckgres.engine.cursor.CursorCommand;
import io.duckgres.engine.cursor.Cursors;
import io.duckgres.engine.settings.SettingCommand;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DISCARD (PostgreSQL docs, "DISCARD"): connection poolers send {@code DISCARD ALL} when they
 * hand a connection to the next client.
 *
 * <ul>
 *   <li>{@code TEMP}: drops the session's temporary tables, views and sequences;
 *   <li>{@code PLANS}, {@code SEQUENCES}: nothing to discard (DuckDB keeps no cached plans across
 *       statements, and the session caches no sequence values);
 *   <li>{@code ALL}: outside a transaction block only (25001), closes every cursor, resets every
 *       parameter ({@code RESET ALL}) and discards temporary objects. Statements prepared with
 *       the extended protocol's Parse stay until Close, as the protocol layer owns them.
 * </ul>
 */
final class Discard {
  private Discard() {}

  static QueryResult run(String tag, Connection connection, Cursors cursors,
      Transactions transactions, ParameterCommands parameters, String sql) throws SQLException {
    Map<String, String> changes = Map.of();
    switch (tag) {
      case "DISCARD ALL":
        if (!transactions.isIdle()) {
          throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION,
              "DISCARD ALL cannot run inside a transaction block");
        }
        cursors.close(new CursorCommand(CursorCommand.Verb.CLOSE, null, null, false,
            CursorCommand.Direction.FORWARD, 0));
        changes = parameters.apply(new SettingCommand(SettingCommand.Verb.RESET_ALL, null, null),
            sql).parameterChanges();
        dropTemporaryObjects(connection);
        break;
      case "DISCARD TEMP":
        dropTemporaryObjects(connection);
        break;
      default:
        break;
    }
    return QueryResult.command(tag, List.of(), changes);
  }

  private static void dropTemporaryObjects(Connection connection) throws SQLException {
    List<String> drops = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT 'VIEW', view_name FROM duckdb_views() WHERE temporary AND NOT internal"
                + " UNION ALL SELECT 'TABLE', table_name FROM duckdb_tables() WHERE temporary"
                // Cursors (materialised as temporary tables) are not temporary objects.
                + " AND table_name NOT LIKE '\\_\\_duckgres\\_cursor\\_%' ESCAPE '\\'"
                + " UNION ALL SELECT 'SEQUENCE', sequence_name FROM duckdb_sequences()"
                + " WHERE temporary")) {
      while (rows.next()) {
        drops.add("DROP " + rows.getString(1) + " IF EXISTS temp.main.\""
            + rows.getString(2).replace("\"", "\"\"") + "\"");
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String drop : drops) {
        statement.execute(drop);
      }
    }
  }
}
