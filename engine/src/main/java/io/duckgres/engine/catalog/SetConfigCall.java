package io.duckgres.engine.catalog;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SELECT [pg_catalog.]set_config(name, value, is_local) [[AS] alias]}: the statement form
 * in which clients call set_config (pg_dump, ORMs setting search_path). The session applies it like
 * SET (is_local like SET LOCAL) and answers the new value, because a DuckDB macro cannot change the
 * session. Arguments are string literals, booleans or parameters ($n).
 *
 * <p>Before the call, the select list may read parameters with {@code current_setting('name')}:
 * asyncpg turns JIT off around its type lookup with {@code SELECT current_setting('jit') AS cur,
 * set_config('jit', 'off', false) AS new} and restores the old value after. As in PostgreSQL,
 * which evaluates the list left to right, those read the values from before the call.
 *
 * <p>Anywhere else in a query, set_config cannot be applied; the catalog's macro then fails rather
 * than return a value it did not set (see 00-session.sql).
 *
 * @param name the parameter's name argument
 * @param value the value argument
 * @param local the is_local argument
 * @param column the result column's name ("set_config" unless aliased)
 * @param readsBefore the current_setting columns before the call, in order
 */
public record SetConfigCall(Argument name, Argument value, Argument local, String column,
    List<Reading> readsBefore) {
  public SetConfigCall {
    readsBefore = List.copyOf(readsBefore);
  }

  /** {@code current_setting('name') [[AS] alias]}: a column answered with the parameter's value. */
  public record Reading(String name, String column) {}

  /** A literal or a $n parameter. */
  public record Argument(String literal, int parameter) {
    /** The argument's text; parameters come from the Bind (values decoded to Java objects). */
    public String resolve(Object[] parameters) {
      if (parameter == 0) {
        return literal;
      }
      if (parameter > parameters.length) {
        throw new PgException(SqlState.UNDEFINED_PARAMETER,
            "there is no parameter $" + parameter);
      }
      Object value = parameters[parameter - 1];
      return value == null ? null : value.toString();
    }
  }

  private static final String ARGUMENT =
      "\\s*('(?:[^']|'')*'(?:\\s*::\\s*(?:text|varchar|boolean|bool))?|\\$\\d+(?:\\s*::\\s*\\w+)?"
          + "|true|false)\\s*";
  private static final String ALIAS =
      "(?:\\s+(?:as\\s+)?(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_]*))?";
  private static final Pattern SELECT = Pattern.compile("(?is)\\s*select\\s+");
  private static final Pattern READING = Pattern.compile("(?is)(?:pg_catalog\\s*\\.\\s*)?"
      + "current_setting\\s*\\(\\s*'((?:[^']|'')*)'\\s*\\)" + ALIAS + "\\s*,\\s*");
  private static final Pattern CALL = Pattern.compile("(?is)(?:pg_catalog\\s*\\.\\s*)?"
      + "set_config\\s*\\(" + ARGUMENT + "," + ARGUMENT + "," + ARGUMENT + "\\)"
      + ALIAS + "\\s*;?\\s*");

  /** Cheap test before {@link #parse}, run on every statement: no allocation. */
  public static boolean mayBe(String sql) {
    if (sql.length() > 2000) {
      return false;
    }
    for (int i = sql.indexOf('_'); i >= 3; i = sql.indexOf('_', i + 1)) {
      if (sql.regionMatches(true, i - 3, "set_config", 0, 10)) {
        return true;
      }
    }
    return false;
  }

  /** The call, or null when {@code sql} is not exactly one set_config call. */
  public static SetConfigCall parse(String sql) {
    Matcher select = SELECT.matcher(sql);
    if (!select.lookingAt()) {
      return null;
    }
    int position = select.end();
    List<Reading> readings = new ArrayList<>();
    Matcher reading = READING.matcher(sql);
    while (reading.region(position, sql.length()).lookingAt()) {
      readings.add(new Reading(reading.group(1).replace("''", "'"),
          column(reading.group(2), "current_setting")));
      position = reading.end();
    }
    Matcher matcher = CALL.matcher(sql).region(position, sql.length());
    if (!matcher.matches()) {
      return null;
    }
    return new SetConfigCall(argument(matcher.group(1)), argument(matcher.group(2)),
        argument(matcher.group(3)), column(matcher.group(4), "set_config"), readings);
  }

  /** The result's column names, in order: the readings', then the call's. */
  public List<String> columns() {
    List<String> columns = new ArrayList<>();
    for (Reading reading : readsBefore) {
      columns.add(reading.column());
    }
    columns.add(column);
    return columns;
  }

  private static String column(String alias, String function) {
    return alias == null ? function
        : alias.startsWith("\"") ? alias.substring(1, alias.length() - 1).replace("\"\"", "\"")
        : alias.toLowerCase(Locale.ROOT);
  }

  /**
   * The PostgreSQL types of the statement's parameters $1..$n: text for name and value, boolean
   * for is_local, or what the client declared.
   */
  public int[] parameterTypes(int[] declared) {
    int count = Math.max(name.parameter(), Math.max(value.parameter(), local.parameter()));
    count = Math.max(count, declared.length);
    int[] types = new int[count];
    for (int i = 0; i < count; i++) {
      int number = i + 1;
      types[i] = i < declared.length && declared[i] != 0 ? declared[i]
          : number == local.parameter() ? BOOL_OID : TEXT_OID;
    }
    return types;
  }

  private static final int TEXT_OID = 25;
  private static final int BOOL_OID = 16;

  /** is_local: PostgreSQL's boolean input (true, 't', 'on', ...). */
  public static boolean isTrue(String value) {
    String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return text.equals("true") || text.equals("t") || text.equals("on") || text.equals("yes")
        || text.equals("y") || text.equals("1");
  }

  private static Argument argument(String token) {
    String text = token.replaceAll("(?s)\\s*::\\s*\\w+$", "");
    if (text.startsWith("$")) {
      return new Argument(null, Integer.parseInt(text.substring(1)));
    }
    if (text.startsWith("'")) {
      return new Argument(text.substring(1, text.length() - 1).replace("''", "'"), 0);
    }
    return new Argument(text.toLowerCase(Locale.ROOT), 0);
  }
}
