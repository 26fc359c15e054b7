package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/**
 * {@code ARRAY[…]::text} (or {@code ::varchar}) is PostgreSQL's array text {@code {1,2}}, where
 * DuckDB casts a list to {@code [1, 2]}: the catalog macro {@code duckgres_array_text} writes it
 * (elements quoted when PostgreSQL would, NULL as NULL). Only a one-dimensional ARRAY constructor
 * is rewritten: its type is known to be a list.
 */
public final class ArrayText implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    String type = Nodes.castType(node.build());
    if (!"text".equals(type) && !"varchar".equals(type)) {
      return false;
    }
    Node value = node.getTypeCast().getArg();
    if (!value.hasAArrayExpr() || value.getAArrayExpr().getElementsList().stream()
        .anyMatch(Node::hasAArrayExpr)) {
      return false;
    }
    node.clear().mergeFrom(Nodes.call("duckgres_array_text", value));
    return true;
  }
}
