package io.duckgres.engine.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed SET, RESET or SHOW statement (PostgreSQL docs, "SET", "RESET", "SHOW"):
 *
 * <pre>
 * SET [SESSION | LOCAL] name { TO | = } { value [, ...] | DEFAULT }
 * SET [SESSION | LOCAL] TIME ZONE { value | LOCAL | DEFAULT }
 * SET [SESSION CHARACTERISTICS AS] TRANSACTION ...
 * RESET { name | ALL }
 * SHOW { name | ALL }
 * </pre>
 *
 * @param verb what to do
 * @param name the parameter as written (null for ALL); for SET TRANSACTION
 *     "transaction_isolation", for SET SESSION CHARACTERISTICS "default_transaction_isolation"
 * @param value the value with quotes removed and list items joined by ", " (null for DEFAULT,
 *     and for SET TRANSACTION without ISOLATION LEVEL)
 * @param local SET LOCAL: the value lasts until the end of the transaction
 */
public record SettingCommand(Verb verb, String name, String value, boolean local) {
  public SettingCommand(Verb verb, String name, String value) {
    this(verb, name, value, false);
  }

  /** Parameters whose value is a list of names that keep their quotes (GUC_LIST_QUOTE). */
  private static final Set<String> LIST_PARAMETERS = Set.of("search_path",
      "temp_tablespaces", "session_preload_libraries", "shared_preload_libraries",
      "local_preload_libraries");

  public enum Verb {
    SET,
    RESET,
    RESET_ALL,
    SHOW,
    SHOW_ALL,
    /**
     * SET TRANSACTION / SET SESSION CHARACTERISTICS AS TRANSACTION: the isolation level is kept
     * for SHOW; DuckDB runs every transaction with snapshot isolation.
     */
    SET_TRANSACTION
  }

  /** Parses {@code sql}; null when it is not one of these statements or not understood. */
  public static SettingCommand parse(String sql) {
    List<String> tokens = tokens(sql);
    if (tokens.isEmpty()) {
      return null;
    }
    String first = lower(tokens.get(0));
    if (first.equals("show") && tokens.size() == 4 && lower(tokens.get(1)).equals("transaction")
        && lower(tokens.get(2)).equals("isolation") && lower(tokens.get(3)).equals("level")) {
      // PostgreSQL's spelling of SHOW transaction_isolation (SQLAlchemy sends it on connect).
      return new SettingCommand(Verb.SHOW, "transaction_isolation", null);
    }
    if (first.equals("show") && tokens.size() == 3 && lower(tokens.get(1)).equals("time")
        && lower(tokens.get(2)).equals("zone")) {
      // SHOW TIME ZONE, PostgreSQL's spelling of SHOW TimeZone (pgcli sends it on connect).
      return new SettingCommand(Verb.SHOW, "TimeZone", null);
    }
    if (first.equals("show") && tokens.size() == 2) {
      return lower(tokens.get(1)).equals("all")
          ? new SettingCommand(Verb.SHOW_ALL, null, null)
          : new SettingCommand(Verb.SHOW, unquoteIdentifier(tokens.get(1)), null);
    }
    if (first.equals("reset") && tokens.size() == 3 && lower(tokens.get(1)).equals("time")
        && lower(tokens.get(2)).equals("zone")) {
      return new SettingCommand(Verb.RESET, "TimeZone", null);
    }
    if (first.equals("reset") && tokens.size() == 2) {
      return lower(tokens.get(1)).equals("all")
          ? new SettingCommand(Verb.RESET_ALL, null, null)
          : new SettingCommand(Verb.RESET, unquoteIdentifier(tokens.get(1)), null);
    }
    if (!first.equals("set")) {
      return null;
    }
    int i = 1;
    boolean local = i < tokens.size() && lower(tokens.get(i)).equals("local");
    if (i < tokens.size() && (lower(tokens.get(i)).equals("session") || local)) {
      if (lower(tokens.get(i)).equals("session") && i + 1 < tokens.size()
          && lower(tokens.get(i + 1)).equals("characteristics")) {
        return new SettingCommand(Verb.SET_TRANSACTION, "default_transaction_isolation",
            TransactionModes.parse(sql).isolation());
      }
      i++;
    }
    if (i >= tokens.size()) {
      return null;
    }
    if (lower(tokens.get(i)).equals("transaction")) {
      return new SettingCommand(Verb.SET_TRANSACTION, "transaction_isolation",
          TransactionModes.parse(sql).isolation());
    }
    String name;
    if (lower(tokens.get(i)).equals("time") && i + 1 < tokens.size()
        && lower(tokens.get(i + 1)).equals("zone")) {
      name = "TimeZone";
      i += 2;
    } else {
      name = unquoteIdentifier(tokens.get(i));
      i++;
      if (i >= tokens.size()
          || !(tokens.get(i).equals("=") || lower(tokens.get(i)).equals("to"))) {
        return null;
      }
      i++;
    }
    if (i >= tokens.size()) {
      return null;
    }
    if (tokens.size() == i + 1 && lower(tokens.get(i)).equals("default")) {
      return new SettingCommand(Verb.SET, name, null, local);
    }
    StringBuilder value = new StringBuilder();
    for (; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token.equals(",")) {
        value.append(", ");
      } else {
        value.append(token.startsWith("'") ? unquoteString(token)
            // A quoted identifier is the value's text, as PostgreSQL reads SET TIME ZONE
            // "Etc/UTC"; list parameters (search_path) keep the quotes, which their items need.
            : token.startsWith("\"") && !LIST_PARAMETERS.contains(lower(name))
                ? unquoteIdentifier(token) : token);
      }
    }
    return new SettingCommand(Verb.SET, name, value.toString(), local);
  }

  private static List<String> tokens(String sql) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == ';') {
        i++;
      } else if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < n) {
          if (sql.charAt(end) == c) {
            if (end + 1 < n && sql.charAt(end + 1) == c) {
              end += 2;
              continue;
            }
            break;
          }
          end++;
        }
        tokens.add(sql.substring(i, Math.min(end + 1, n)));
        i = end + 1;
      } else if (c == ',' || c == '=') {
        tokens.add(String.valueOf(c));
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else {
        int end = i;
        while (end < n && !Character.isWhitespace(sql.charAt(end)) && sql.charAt(end) != ','
            && sql.charAt(end) != '=' && sql.charAt(end) != ';' && sql.charAt(end) != '\'') {
          end++;
        }
        tokens.add(sql.substring(i, end));
        i = end;
      }
    }
    return tokens;
  }

  private static String unquoteString(String token) {
    String body = token.substring(1, token.length() - (token.endsWith("'") && token.length() > 1 ? 1 : 0));
    return body.replace("''", "'");
  }

  private static String unquoteIdentifier(String token) {
    if (token.startsWith("\"") && token.endsWith("\"") && token.length() > 1) {
      return token.substring(1, token.length() - 1).replace("\"\"", "\"");
    }
    return token;
  }

  private static String lower(String token) {
    return token.toLowerCase(Locale.ROOT);
  }
}
