package io.duckgres.engine.result;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.ResTarget;
import io.duckgres.engine.sql.parse.tree.PgQuery.SelectStmt;
import io.duckgres.engine.sql.transform.FigureColumnName;
import java.util.ArrayList;
import java.util.List;

/**
 * The result column names PostgreSQL gives a statement, read from its parse tree (cached per
 * text): the select list (of a set operation's first query), the RETURNING list, or VALUES
 * ({@code column1}, {@code column2}, …). An item is named by its alias, else as PostgreSQL's
 * FigureColname names its expression ({@link FigureColumnName}): a column reference its last name,
 * a function call its function's name, a cast its operand's name when that is a column or a call,
 * else the type's name ({@code 1::text} is "text", {@code 1::integer} "int4"), anything else
 * "?column?". DuckDB names such columns after the expression's text instead.
 *
 * <p>Returns null when the names cannot be told from the tree (a {@code *}, which expands to
 * columns of its own; DuckDB's own syntax, which PostgreSQL's grammar rejects; a statement with
 * no select list): the caller then keeps DuckDB's names ({@link ColumnNames}).
 */
public final class SelectListNames {
  private static final String UNNAMED = "?column?";

  private SelectListNames() {}

  /** The names of {@code sql}'s result columns, or null when the tree does not tell them. */
  public static List<String> of(String sql) {
    RawStmt statement = ParsedText.of(sql).single();
    if (statement == null) {
      return null;
    }
    Node node = statement.getStmt();
    return switch (node.getNodeCase()) {
      case SELECT_STMT -> select(node.getSelectStmt());
      case INSERT_STMT -> targets(node.getInsertStmt().getReturningListList());
      case UPDATE_STMT -> targets(node.getUpdateStmt().getReturningListList());
      case DELETE_STMT -> targets(node.getDeleteStmt().getReturningListList());
      default -> null;
    };
  }

  private static List<String> select(SelectStmt select) {
    while (select.hasLarg()) {
      select = select.getLarg();
    }
    if (select.getValuesListsCount() > 0) {
      Node first = select.getValuesLists(0);
      int columns = first.hasList() ? first.getList().getItemsCount() : 0;
      List<String> names = new ArrayList<>(columns);
      for (int i = 1; i <= columns; i++) {
        names.add("column" + i);
      }
      return names;
    }
    return targets(select.getTargetListList());
  }

  private static List<String> targets(List<Node> targets) {
    if (targets.isEmpty()) {
      return null;
    }
    List<String> names = new ArrayList<>(targets.size());
    for (Node target : targets) {
      if (!target.hasResTarget()) {
        return null;
      }
      ResTarget item = target.getResTarget();
      if (!item.getName().isEmpty()) {
        names.add(item.getName());
        continue;
      }
      if (isStar(item.getVal())) {
        return null;
      }
      String name = FigureColumnName.of(item.getVal());
      names.add(name != null ? name : UNNAMED);
    }
    return names;
  }

  /** {@code *} or {@code t.*}. */
  private static boolean isStar(Node value) {
    if (!value.hasColumnRef()) {
      return false;
    }
    List<Node> fields = value.getColumnRef().getFieldsList();
    return !fields.isEmpty() && fields.get(fields.size() - 1).hasAStar();
  }
}
