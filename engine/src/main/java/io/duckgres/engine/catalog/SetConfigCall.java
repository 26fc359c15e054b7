package io.duckgres.engine.catalog;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SELECT [pg_catalog.]set_config(name, value, is_local) [[AS] alias]}: the statement form
 * in which clients call set_config (pg_dump, ORMs setting search_path). The session applies it like
 * SET (is_local like SET LOCAL) and answers the new value, because a DuckDB macro cannot change the
 * session. Arguments are string literals, booleans or parameters ($n).
 *
 * <p>Anywhere else in a query, set_config cannot be applied; the catalog's macro then fails rather
 * than return a value it did not set (see 00-session.sql).
 *
 * @param name the parameter's name argument
 * @param value the value argument
 * @param local the is_local argument
 * @param column the result column's name ("set_config" unless aliased)
 */
public record SetConfigCall(Argument name, Argument value, Argument local, String column) {
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
  private static final Pattern CALL = Pattern.compile("(?is)\\s*select\\s+(?:pg_catalog\\s*\\.\\s*)?"
      + "set_config\\s*\\(" + ARGUMENT + "," + ARGUMENT + "," + ARGUMENT + "\\)"
      + "(?:\\s+(?:as\\s+)?(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_]*))?\\s*;?\\s*");

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
    Matcher matcher = CALL.matcher(sql);
    if (!matcher.matches()) {
      return null;
    }
    String alias = matcher.group(4);
    String column = alias == null ? "set_config"
        : alias.startsWith("\"") ? alias.substring(1, alias.length() - 1).replace("\"\"", "\"")
        : alias.toLowerCase(Locale.ROOT);
    return new SetConfigCall(argument(matcher.group(1)), argument(matcher.group(2)),
        argument(matcher.group(3)), column);
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
