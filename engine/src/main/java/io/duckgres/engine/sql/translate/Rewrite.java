package io.duckgres.engine.sql.translate;

/**
 * One small change that turns SQL written for PostgreSQL into SQL DuckDB runs the same way. A
 * rewrite must leave DuckDB's own syntax alone, and must return its input unchanged (the same
 * instance) when it has nothing to do, so the common case costs one scan.
 */
@FunctionalInterface
public interface Rewrite {
  String apply(String sql);
}
