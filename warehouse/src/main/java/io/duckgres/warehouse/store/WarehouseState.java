package io.duckgres.warehouse.store;

import java.util.Locale;

/**
 * Where a managed warehouse is in its life: {@code pending → provisioning → ready | failed}, and
 * {@code deleting} until the org is gone. Only a {@code ready} warehouse is served.
 */
public enum WarehouseState {
  PENDING,
  PROVISIONING,
  READY,
  FAILED,
  DELETING;

  /** As stored and as the API spells it: lower case. */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }

  static WarehouseState parse(String stored) {
    return valueOf(stored.toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return spelling();
  }
}
