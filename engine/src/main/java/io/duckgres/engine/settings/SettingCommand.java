package io.duckgres.engine.settings;

import io.duckgres.engine.sql.parse.RelationName;
import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.VariableSetStmt;
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
 * @param name the parameter as PostgreSQL's grammar names it (lower case unless quoted;
 *     "timezone" for TIME ZONE; null for ALL); for SET TRANSACTION
 *     "transaction_isolation", for SET SESSION CHARACTERISTICS "default_transaction_isolation"
 * @param value the value as PostgreSQL flattens it, list items joined by ", " (null for DEFAULT,
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

  /**
   * Reads {@code sql} from PostgreSQL's parse tree (cached per text); null when it is not one of
   * these statements, when the grammar rejects it (DuckDB's own SET GLOBAL, SET x = [list]: they
   * run in DuckDB as written), and for forms the session leaves to DuckDB (SET ROLE, SET SESSION
   * AUTHORIZATION, SET ... FROM CURRENT).
   */
  public static SettingCommand parse(String sql) {
    RawStmt statement = ParsedText.of(sql).single();
    if (statement == null) {
      return null;
    }
    Node node = statement.getStmt();
    if (node.hasVariableShowStmt()) {
      // The grammar names SHOW TIME ZONE "timezone", SHOW TRANSACTION ISOLATION LEVEL
      // "transaction_isolation" and SHOW ALL "all".
      String name = node.getVariableShowStmt().getName();
      return name.equals("all") ? new SettingCommand(Verb.SHOW_ALL, null, null)
          : new SettingCommand(Verb.SHOW, name, null);
    }
    if (!node.hasVariableSetStmt()) {
      return null;
    }
    VariableSetStmt set = node.getVariableSetStmt();
    String name = set.getName();
    switch (set.getKind()) {
      case VAR_RESET_ALL:
        return new SettingCommand(Verb.RESET_ALL, null, null);
      case VAR_RESET:
        return leftToDuckDb(name) ? null : new SettingCommand(Verb.RESET, name, null);
      case VAR_SET_DEFAULT:
        return leftToDuckDb(name) ? null : new SettingCommand(Verb.SET, name, null, set.getIsLocal());
      case VAR_SET_MULTI:
        // SET TRANSACTION ... / SET SESSION CHARACTERISTICS AS TRANSACTION ...
        return new SettingCommand(Verb.SET_TRANSACTION,
            name.equals("TRANSACTION") ? "transaction_isolation" : "default_transaction_isolation",
            TransactionModes.parse(sql).isolation());
      case VAR_SET_VALUE:
        if (leftToDuckDb(name)) {
          return null;
        }
        String value = value(name, set.getArgsList());
        return value == null ? null : new SettingCommand(Verb.SET, name, value, set.getIsLocal());
      default:
        return null;
    }
  }

  private static boolean leftToDuckDb(String name) {
    return name.equals("role") || name.equals("session_authorization");
  }

  /**
   * The value as PostgreSQL flattens SET's arguments: list items joined by ", ", names lower-cased
   * by the grammar unless quoted, and for list parameters each item quoted where it needs to be.
   */
  private static String value(String name, List<Node> args) {
    StringBuilder value = new StringBuilder();
    for (Node arg : args) {
      if (value.length() > 0) {
        value.append(", ");
      }
      Node constant = arg.hasTypeCast() ? arg.getTypeCast().getArg() : arg;
      if (!constant.hasAConst()) {
        return null;
      }
      A_Const a = constant.getAConst();
      if (a.hasIval()) {
        value.append(a.getIval().getIval());
      } else if (a.hasFval()) {
        value.append(a.getFval().getFval());
      } else if (a.hasBoolval()) {
        value.append(a.getBoolval().getBoolval());
      } else {
        String text = a.getSval().getSval();
        value.append(LIST_PARAMETERS.contains(lower(name))
            ? RelationName.quotedUnlessPlain(text) : text);
      }
    }
    return value.toString();
  }

  private static String lower(String token) {
    return token.toLowerCase(Locale.ROOT);
  }
}
