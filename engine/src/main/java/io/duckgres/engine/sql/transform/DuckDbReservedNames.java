package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.Set;

/**
 * Names PostgreSQL allows unquoted but DuckDB's grammar reserves: {@code at} (pg_dump's alias for
 * pg_attribute), {@code semi}, {@code map}, {@code qualify}, …. A statement that uses one as a
 * table alias, column or relation name is printed again by the deparser (this transform changes
 * nothing in the tree; it asks for the deparse), and the translation then quotes these words
 * where the deparser wrote them as names ({@code DuckDbKeywordQuotes}).
 */
public final class DuckDbReservedNames implements TreeTransform {
  /**
   * DuckDB's reserved and type-or-function-only keywords (duckdb_keywords() of DuckDB 1.5) that
   * PostgreSQL's deparser leaves unquoted because PostgreSQL does not reserve them.
   */
  public static final Set<String> WORDS = Set.of("anti", "asof", "at", "columns", "describe",
      "glob", "lambda", "map", "pivot", "pivot_longer", "pivot_wider", "positional", "qualify",
      "semi", "show", "struct", "summarize", "try_cast", "unpack", "unpivot");

  @Override
  public boolean apply(Node.Builder node, String sql) {
    return switch (node.getNodeCase()) {
      case COLUMN_REF -> node.getColumnRef().getFieldsList().stream()
          .anyMatch(field -> field.hasString() && WORDS.contains(field.getString().getSval()));
      case RANGE_VAR -> WORDS.contains(node.getRangeVar().getRelname())
          || (node.getRangeVar().hasAlias()
              && WORDS.contains(node.getRangeVar().getAlias().getAliasname()));
      case RANGE_SUBSELECT -> node.getRangeSubselect().hasAlias()
          && WORDS.contains(node.getRangeSubselect().getAlias().getAliasname());
      case RANGE_FUNCTION -> node.getRangeFunction().hasAlias()
          && WORDS.contains(node.getRangeFunction().getAlias().getAliasname());
      case RES_TARGET -> WORDS.contains(node.getResTarget().getName());
      case COLUMN_DEF -> WORDS.contains(node.getColumnDef().getColname());
      default -> false;
    };
  }
}
