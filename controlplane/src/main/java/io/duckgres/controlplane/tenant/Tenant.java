package io.duckgres.controlplane.tenant;

import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import java.util.Objects;

/**
 * One org as routing sees it.
 *
 * @param org the org's id (a DNS label)
 * @param database the database name its clients connect to
 * @param state the warehouse state as the config store spells it ({@code ready} serves)
 * @param flavor the metadata store's flavor: a worker serving this org must have claimed it
 */
public record Tenant(String org, String database, String state, MetadataStoreFlavor flavor) {
  public static final String READY = "ready";

  public Tenant {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(flavor, "flavor");
  }

  public boolean ready() {
    return READY.equals(state);
  }
}
