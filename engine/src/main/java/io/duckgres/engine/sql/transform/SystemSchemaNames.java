package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeVar;

/**
 * {@code "db".information_schema.columns} and {@code "db".pg_catalog.pg_class}: PostgreSQL accepts
 * a database name before a schema (it must be the session's database). The system schemas are the
 * server's own views, one set for every database, so the database name is dropped and the name
 * reads as {@code information_schema.columns} (dbt qualifies its catalog queries this way).
 */
public final class SystemSchemaNames implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasRangeVar()) {
      return false;
    }
    RangeVar relation = node.getRangeVar();
    if (relation.getCatalogname().isEmpty()
        || !(relation.getSchemaname().equals("information_schema")
            || relation.getSchemaname().equals("pg_catalog"))) {
      return false;
    }
    node.getRangeVarBuilder().clearCatalogname();
    return true;
  }
}
