package io.duckgres.engine;

import io.duckgres.engine.catalog.PgCatalog;
import io.duckgres.engine.catalog.SetConfigCall;
import io.duckgres.engine.error.ErrorClassifier;
import io.duckgres.engine.result.ColumnMapper;
import io.duckgres.engine.result.ResultColumn;
import io.duckgres.engine.settings.SessionSettings;
import io.duckgres.engine.settings.SettingCommand;
import io.duckgres.engine.settings.SettingCommands;
import io.duckgres.engine.sql.StatementKind;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.duckdb.DuckDBConnection;

/**
 * SET, RESET, SHOW and {@code set_config()} of the run-time parameters a session keeps itself
 * (DateStyle, TimeZone, search_path, statement_timeout, …): applied to {@link SessionSettings},
 * mirrored into DuckDB where DuckDB needs them (the time zone; the catalog's copy that
 * current_setting() reads), reported to the client when PostgreSQL would send ParameterStatus.
 * Parameters DuckDB owns are not handled here: they run as ordinary statements.
 */
final class ParameterCommands {
  /** Runs a statement of the session (SHOW answers as a one-row result). */
  @FunctionalInterface
  interface Runner {
    QueryResult run(String sql, StatementKind kind);
  }

  private final DuckDBConnection connection;
  private final SessionSettings settings;
  private final Transactions transactions;
  private final Runner runner;
  private final BiFunction<Throwable, String, PgException> failure;

  ParameterCommands(DuckDBConnection connection, SessionSettings settings,
      Transactions transactions, Runner runner,
      BiFunction<Throwable, String, PgException> failure) {
    this.connection = connection;
    this.settings = settings;
    this.transactions = transactions;
    this.runner = runner;
    this.failure = failure;
  }

  /**
   * SELECT set_config(name, value, is_local): applied like SET (is_local like SET LOCAL: until
   * the transaction ends, and outside a transaction block not at all), answered with the
   * parameter's new value.
   */
  QueryResult setConfig(SetConfigCall call, Object[] parameters, String sql) {
    String name = call.name().resolve(parameters);
    String value = call.value().resolve(parameters);
    if (name == null) {
      throw failure.apply(new PgException(SqlState.NULL_VALUE_NOT_ALLOWED,
          "SET requires parameter name"), sql);
    }
    boolean local = SetConfigCall.isTrue(call.local().resolve(parameters));
    // current_setting columns before the call read the values from before it.
    StringBuilder select = new StringBuilder("SELECT ");
    for (SetConfigCall.Reading reading : call.readsBefore()) {
      select.append(SettingCommands.literal(currentSetting(reading.name(), sql))).append(" AS ")
          .append(SettingCommands.identifier(reading.column())).append(", ");
    }
    Map<String, String> changes = Map.of();
    String canonical = SessionSettings.canonical(name);
    if (!(local && transactions.isIdle())) {
      SettingCommand command = value == null
          ? new SettingCommand(SettingCommand.Verb.RESET, name, null, local)
          : new SettingCommand(SettingCommand.Verb.SET, name, value, local);
      try {
        QueryResult applied = apply(command, sql);
        if (applied != null) {
          changes = applied.parameterChanges();
        } else {
          control(value == null ? "RESET " + SettingCommands.identifier(name)
              : "SET " + SettingCommands.identifier(name) + " = "
                  + SettingCommands.literal(value), sql);
        }
      } catch (RuntimeException e) {
        throw failure.apply(e, sql);
      }
    }
    String current = canonical != null && !(local && transactions.isIdle())
        ? settings.get(canonical) : value;
    String literal = current == null ? "NULL::VARCHAR" : SettingCommands.literal(current);
    select.append(literal).append(" AS ").append(SettingCommands.identifier(call.column()));
    return runner.run(select.toString(), StatementKind.of("SELECT"))
        .withParameterChanges(changes);
  }

  /**
   * current_setting(name) as the catalog's macro reads it; a parameter it does not know is an
   * error, as in PostgreSQL.
   */
  private String currentSetting(String name, String sql) {
    try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting(?)")) {
      statement.setString(1, name);
      try (ResultSet row = statement.executeQuery()) {
        String value = row.next() ? row.getString(1) : null;
        if (value == null) {
          throw new PgException(SqlState.UNDEFINED_OBJECT,
              "unrecognized configuration parameter \"" + name + "\"");
        }
        return value;
      }
    } catch (SQLException e) {
      throw failure.apply(e, sql);
    }
  }

  /** True when {@link #apply} answers the command without DuckDB. */
  static boolean handledBySession(SettingCommand command) {
    return command.name() == null || SessionSettings.canonical(command.name()) != null;
  }

  /**
   * SET/RESET/SHOW of a parameter this session keeps. Returns null for parameters DuckDB owns,
   * which then run as ordinary statements.
   */
  QueryResult apply(SettingCommand command, String sql) {
    switch (command.verb()) {
      case SET_TRANSACTION:
        return transactions.setTransaction(command, sql);
      case RESET_ALL: {
        Map<String, String> changes = new LinkedHashMap<>();
        for (String name : List.copyOf(settings.names())) {
          try {
            if (settings.reset(name)) {
              changes.put(name, settings.get(name));
            }
          } catch (PgException fixed) {
            // Fixed parameters keep their value: nothing to reset.
          }
        }
        control("SET TimeZone = " + SettingCommands.literal(settings.get("TimeZone")), sql);
        // current_setting() and search_path follow RESET ALL
        refreshCatalog(connection, settings, sql);
        return QueryResult.command("RESET", List.of(), changes);
      }
      case SHOW_ALL: {
        StringBuilder values = new StringBuilder();
        for (String name : settings.names()) {
          values.append(values.length() == 0 ? "" : ", ").append('(')
              .append(SettingCommands.literal(name)).append(", ")
              .append(SettingCommands.literal(settings.get(name))).append(", '')");
        }
        return runner.run("SELECT * FROM (VALUES " + values
            + ") AS settings(name, setting, description)", StatementKind.of("SHOW ALL"));
      }
      default:
        break;
    }
    String name = SessionSettings.canonical(command.name());
    if (name == null) {
      return null;
    }
    if (command.verb() == SettingCommand.Verb.SHOW) {
      // PostgreSQL names SHOW's column after the parameter's canonical spelling (TimeZone).
      return runner.run("SELECT " + SettingCommands.literal(settings.get(name)) + " AS "
          + SettingCommands.identifier(name), StatementKind.of("SHOW " + name));
    }
    if (command.local() && transactions.isIdle()) {
      // As in PostgreSQL: a SET LOCAL outside a transaction block has no effect.
      return QueryResult.command("SET", List.of(Notice.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
          "SET LOCAL can only be used in transaction blocks")));
    }
    boolean reset = command.verb() == SettingCommand.Verb.RESET || command.value() == null;
    String value = reset ? settings.startupValue(name)
        : SessionSettings.canonicalValue(name, command.value());
    if (name.equals("TimeZone")) {
      // DuckDB validates the zone; only a zone it accepted becomes the session's.
      control("SET TimeZone = " + SettingCommands.literal(value), sql);
    }
    // Inside a transaction block the change is undone by ROLLBACK (and SET LOCAL's at COMMIT
    // too); a savepoint set after it could not undo it, so it counts as work (Savepoints).
    SessionSettings.Scope scope = transactions.isIdle() ? SessionSettings.Scope.SESSION
        : command.local() ? SessionSettings.Scope.LOCAL : SessionSettings.Scope.TRANSACTION;
    if (scope != SessionSettings.Scope.SESSION) {
      transactions.settingChanged();
    }
    boolean report = settings.set(name, value, scope);
    // current_setting() and search_path follow SET/RESET
    refreshCatalog(connection, settings, sql);
    return QueryResult.command(command.verb() == SettingCommand.Verb.RESET ? "RESET" : "SET",
        List.of(), report ? Map.of(name, settings.get(name)) : Map.of());
  }

  /** Copies the session's parameters to its DuckDB variables, where the catalog reads them. */
  static void refreshCatalog(DuckDBConnection connection, SessionSettings settings, String sql) {
    try {
      PgCatalog.refreshSession(connection, settings);
    } catch (SQLException e) {
      throw ErrorClassifier.classify(e, sql);
    }
  }

  /**
   * The columns SHOW answers with, known before it runs (clients describe the statement first):
   * one text column named after the parameter, or SHOW ALL's three; null for SET and RESET.
   */
  static List<ResultColumn> showColumns(SettingCommand setting) {
    if (setting.verb() == SettingCommand.Verb.SHOW_ALL) {
      return List.of(ColumnMapper.text("name"), ColumnMapper.text("setting"),
          ColumnMapper.text("description"));
    }
    if (setting.verb() == SettingCommand.Verb.SHOW) {
      return List.of(ColumnMapper.text(SessionSettings.canonical(setting.name())));
    }
    return null;
  }

  private void control(String command, String sqlForErrors) {
    Transactions.runControl(connection, command, sqlForErrors);
  }
}
