package io.duckgres.controlplane.tenant;

import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.warehouse.store.ConfigChange;
import io.duckgres.warehouse.store.ConfigStore;
import io.duckgres.warehouse.store.Org;
import io.duckgres.warehouse.store.OrgUser;
import io.duckgres.warehouse.store.Warehouse;
import io.duckgres.warehouse.store.WarehouseState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The tenant directory over the config store ({@link ConfigStore}): every lookup reads the store,
 * so what routing sees is what the provisioning API last committed, and the store's change
 * notifications (same process at once, other control planes through LISTEN/NOTIFY) become
 * {@link TenantChange}s.
 */
public final class StoreTenantDirectory implements TenantDirectory {
  private final ConfigStore store;

  public StoreTenantDirectory(ConfigStore store) {
    this.store = store;
  }

  @Override
  public Optional<Tenant> byOrg(String org) {
    return store.findOrg(org).flatMap(this::tenant);
  }

  @Override
  public Optional<Tenant> byDatabase(String database) {
    return store.findOrgByDatabase(database).flatMap(this::tenant);
  }

  private Optional<Tenant> tenant(Org org) {
    return store.warehouse(org.id()).map(warehouse ->
        new Tenant(org.id(), org.databaseName(), warehouse.state().spelling(), warehouse.flavor()));
  }

  @Override
  public DuckLakeConfig lake(String org) {
    Warehouse warehouse = store.warehouse(org)
        .orElseThrow(() -> new IllegalStateException("org " + org + " has no warehouse"));
    if (warehouse.state() != WarehouseState.READY) {
      throw new IllegalStateException("org " + org + "'s warehouse is " + warehouse.state());
    }
    return store.duckLakeConfig(warehouse);
  }

  @Override
  public Map<String, String> users(String org) {
    Map<String, String> users = new LinkedHashMap<>();
    for (OrgUser user : store.users(org)) {
      users.put(user.name(), user.scramVerifier());
    }
    return users;
  }

  @Override
  public java.util.Set<String> admins(String org) {
    java.util.Set<String> admins = new java.util.LinkedHashSet<>();
    for (OrgUser user : store.users(org)) {
      if (user.admin()) {
        admins.add(user.name());
      }
    }
    return admins;
  }

  @Override
  public AutoCloseable onChange(Consumer<TenantChange> listener) {
    return store.addListener(change -> listener.accept(translate(change)));
  }

  private static TenantChange translate(ConfigChange change) {
    return switch (change.entity()) {
      case USER -> new TenantChange(change.orgId(), TenantChange.Kind.USERS);
      case WAREHOUSE -> new TenantChange(change.orgId(),
          change.action() == ConfigChange.Action.DELETED
              ? TenantChange.Kind.DELETED : TenantChange.Kind.WAREHOUSE);
      case ORG -> new TenantChange(change.orgId(),
          change.action() == ConfigChange.Action.DELETED
              ? TenantChange.Kind.DELETED : TenantChange.Kind.WAREHOUSE);
      case ALL -> new TenantChange(null, TenantChange.Kind.RESYNC);
    };
  }
}
