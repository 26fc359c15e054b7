package io.duckgres.engine.catalog;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.ResTarget;
import io.duckgres.engine.sql.parse.tree.PgQuery.SelectStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.SetOperation;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

  /** Longer statements are no set_config call; their parse may not be cached. */
  private static final int MAX_LENGTH = 2000;
  private static final Set<String> LITERAL_CASTS = Set.of("text", "varchar", "bool");

  /**
   * The call, or null when {@code sql} is not exactly one such SELECT. Read from the statement's
   * parse tree ({@link ParsedText}, cached: the session parsed the text already).
   */
  public static SetConfigCall parse(String sql) {
    if (sql.length() > MAX_LENGTH) {
      return null;
    }
    RawStmt statement = ParsedText.of(sql).single();
    if (statement == null || !statement.getStmt().hasSelectStmt()) {
      return null;
    }
    SelectStmt select = statement.getStmt().getSelectStmt();
    if (select.getTargetListCount() == 0 || select.getFromClauseCount() > 0
        || select.hasWhereClause() || select.getGroupClauseCount() > 0 || select.hasHavingClause()
        || select.getSortClauseCount() > 0 || select.hasLimitCount() || select.hasLimitOffset()
        || select.getDistinctClauseCount() > 0 || select.hasWithClause()
        || select.getValuesListsCount() > 0 || select.getOp() != SetOperation.SETOP_NONE) {
      return null;
    }
    List<Reading> readings = new ArrayList<>();
    int last = select.getTargetListCount() - 1;
    for (int i = 0; i < last; i++) {
      ResTarget item = select.getTargetList(i).getResTarget();
      FuncCall reading = call(item.getVal(), "current_setting", 1);
      String name = reading == null ? null : stringConstant(reading.getArgs(0));
      if (name == null) {
        return null;
      }
      readings.add(new Reading(name, column(item, "current_setting")));
    }
    ResTarget item = select.getTargetList(last).getResTarget();
    FuncCall call = call(item.getVal(), "set_config", 3);
    if (call == null) {
      return null;
    }
    Argument name = argument(call.getArgs(0));
    Argument value = argument(call.getArgs(1));
    Argument local = argument(call.getArgs(2));
    if (name == null || value == null || local == null) {
      return null;
    }
    return new SetConfigCall(name, value, local, column(item, "set_config"), readings);
  }

  /** {@code [pg_catalog.]function(…)} with {@code arguments} plain arguments, or null. */
  private static FuncCall call(Node node, String function, int arguments) {
    if (!node.hasFuncCall()) {
      return null;
    }
    FuncCall call = node.getFuncCall();
    int names = call.getFuncnameCount();
    boolean named = (names == 1 || (names == 2
        && "pg_catalog".equals(call.getFuncname(0).getString().getSval())))
        && function.equals(call.getFuncname(names - 1).getString().getSval());
    return named && call.getArgsCount() == arguments && call.getAggOrderCount() == 0
        && !call.hasAggFilter() && !call.hasOver() && !call.getAggStar()
        && !call.getAggDistinct() && !call.getFuncVariadic() ? call : null;
  }

  private static String stringConstant(Node node) {
    return node.hasAConst() && node.getAConst().hasSval()
        ? node.getAConst().getSval().getSval() : null;
  }

  /**
   * A string literal (also cast to text, varchar or boolean), true or false, or a parameter
   * (cast to anything); null for any other argument.
   */
  private static Argument argument(Node node) {
    Node operand = node;
    if (node.hasTypeCast()) {
      operand = node.getTypeCast().getArg();
      TypeName type = node.getTypeCast().getTypeName();
      String typeName = type.getNamesCount() == 0 ? ""
          : type.getNames(type.getNamesCount() - 1).getString().getSval();
      if (!operand.hasParamRef() && (type.getArrayBoundsCount() > 0
          || !LITERAL_CASTS.contains(typeName) || stringConstant(operand) == null)) {
        return null;
      }
    }
    if (operand.hasParamRef()) {
      return new Argument(null, operand.getParamRef().getNumber());
    }
    String literal = stringConstant(operand);
    if (literal != null) {
      return new Argument(literal, 0);
    }
    if (operand == node && operand.hasAConst() && operand.getAConst().hasBoolval()) {
      return new Argument(String.valueOf(operand.getAConst().getBoolval().getBoolval()), 0);
    }
    return null;
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

  /** An item's column name: its alias, else the function's name. */
  private static String column(ResTarget item, String function) {
    return item.getName().isEmpty() ? function : item.getName();
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
}
