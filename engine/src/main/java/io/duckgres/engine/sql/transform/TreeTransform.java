package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/**
 * One rewrite of PostgreSQL's parse tree where DuckDB's meaning differs from PostgreSQL's. A
 * transform sees each node once, after the node's operands (see
 * {@link io.duckgres.engine.sql.parse.TreeWalk}), and changes it in place.
 */
public interface TreeTransform {
  /**
   * Rewrites {@code node} when it is one this transform handles.
   *
   * @param sql the statement's text, for error positions
   * @return true when the node was changed
   * @throws io.duckgres.pgwire.PgException when the statement cannot run with PostgreSQL's meaning
   */
  boolean apply(Node.Builder node, String sql);
}
