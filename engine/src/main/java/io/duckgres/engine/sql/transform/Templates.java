package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.engine.sql.parse.TreeWalk;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.List;

/**
 * Expressions written as SQL text, parsed once, whose placeholders ({@code $1}, {@code $2}, …)
 * are filled with parse-tree nodes: for replacements too long to build node by node
 * ({@code CASE json_type($1) WHEN 'OBJECT' THEN 'object' … END}).
 */
final class Templates {
  private Templates() {}

  /** The expression {@code expression} (the value of {@code SELECT expression}), parsed. */
  static Node parse(String expression) {
    return SqlParser.parse("SELECT " + expression).getStmts(0).getStmt().getSelectStmt()
        .getTargetList(0).getResTarget().getVal();
  }

  /** {@code template} with each {@code $n} replaced by {@code arguments[n - 1]}. */
  static Node fill(Node template, Node... arguments) {
    return fill(template, List.of(arguments));
  }

  static Node fill(Node template, List<Node> arguments) {
    Node.Builder filled = template.toBuilder();
    TreeWalk.walk(filled, node -> {
      if (node.hasParamRef()) {
        Node argument = arguments.get(node.getParamRef().getNumber() - 1);
        node.clear().mergeFrom(argument);
      }
    });
    return filled.build();
  }
}
