package io.duckgres.controlplane.tenant;

import io.duckgres.engine.ducklake.DuckLakeConfig;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the control plane needs to know about tenants ("orgs"): which org a connection is for, its
 * state and flavor, what a worker needs to serve it, and when any of that changes. Kept small so
 * routing and the pool do not depend on how the config store is laid out.
 */
public interface TenantDirectory extends AutoCloseable {

  /** The org with this id, if it exists. */
  Optional<Tenant> byOrg(String org);

  /** The org whose database is called {@code database}, if any. */
  Optional<Tenant> byDatabase(String database);

  /**
   * The org's lake, with its secrets decrypted, for a worker's activation. Only ever sent to a
   * worker over its private control socket.
   *
   * @throws IllegalStateException when the org is gone or not ready
   */
  DuckLakeConfig lake(String org);

  /** The org's users: name to SCRAM verifier (PostgreSQL's {@code SCRAM-SHA-256$...} form). */
  Map<String, String> users(String org);

  /** The org's admin users (superusers of its warehouse), a subset of {@link #users}. */
  default java.util.Set<String> admins(String org) {
    return java.util.Set.of();
  }

  /**
   * Calls {@code listener} (on a thread of the directory's) after every change, as soon as the
   * directory learns of it. Returns a handle that stops the calls.
   */
  AutoCloseable onChange(Consumer<TenantChange> listener);

  @Override
  default void close() {}
}
