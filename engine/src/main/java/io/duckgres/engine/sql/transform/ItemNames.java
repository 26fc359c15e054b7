package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.ResTarget;
import java.util.List;

/**
 * Select-list items keep the name PostgreSQL gives them when a transform replaces their value.
 * DuckDB names an unaliased item after its expression's text ({@code strftime(d, '%Y')}) where
 * PostgreSQL says {@code to_char}, or {@code ?column?} for an operator; the server names a
 * query's own result columns from the statement as written, but a table made by
 * {@code CREATE TABLE … AS}, a view and a cursor's rows take DuckDB's names.
 *
 * <p>The tree is walked children first, so an item is seen after its value has been replaced. A
 * transform therefore marks its replacement with {@link #mark}: the replacement's location (a
 * byte offset into the text, which only error positions read, and which the deparser ignores)
 * becomes a negative code for the name. When the marked node is the whole value of an item
 * without an alias, the item gets that name as its alias.
 */
public final class ItemNames implements TreeTransform {
  /** The names a mark can carry; a mark is {@code -2 - index}. */
  private static final List<String> NAMES =
      List.of("?column?", "to_char", "to_date", "to_timestamp");

  /** Marks {@code replacement} as standing for an item PostgreSQL names {@code name}. */
  static void mark(Node.Builder replacement, String name) {
    int code = -2 - NAMES.indexOf(name);
    if (code == -1) {
      throw new IllegalArgumentException("no mark for the name " + name);
    }
    switch (replacement.getNodeCase()) {
      case FUNC_CALL -> replacement.getFuncCallBuilder().setLocation(code);
      case TYPE_CAST -> replacement.getTypeCastBuilder().setLocation(code);
      case A_EXPR -> replacement.getAExprBuilder().setLocation(code);
      default -> throw new IllegalArgumentException("cannot mark " + replacement.getNodeCase());
    }
  }

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasResTarget()) {
      return false;
    }
    ResTarget.Builder item = node.getResTargetBuilder();
    if (!item.getName().isEmpty() || !item.hasVal()) {
      return false;
    }
    Node.Builder value = item.getValBuilder();
    int location = switch (value.getNodeCase()) {
      case FUNC_CALL -> value.getFuncCallOrBuilder().getLocation();
      case TYPE_CAST -> value.getTypeCastOrBuilder().getLocation();
      case A_EXPR -> value.getAExprOrBuilder().getLocation();
      default -> -1;
    };
    int index = -2 - location;
    if (index < 0 || index >= NAMES.size()) {
      return false;
    }
    item.setName(NAMES.get(index));
    return true;
  }
}
