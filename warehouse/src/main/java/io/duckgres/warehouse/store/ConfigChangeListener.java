package io.duckgres.warehouse.store;

/**
 * Told at once when the config store changes: in the same JVM right after the change commits, and
 * from another control plane on the same store through PostgreSQL's LISTEN/NOTIFY. Called on the
 * store's single notification thread, in commit order per source; keep it short.
 */
@FunctionalInterface
public interface ConfigChangeListener {
  void onChange(ConfigChange change);
}
