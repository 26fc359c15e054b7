package io.duckgres.warehouse.store;

import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import java.time.Instant;

/**
 * An org's managed warehouse row: its metadata store, its data store and where it is in its life
 * ({@link WarehouseState}), with the reason of the last change. Secrets inside stay encrypted
 * ({@link EncryptedSecret}), so the row is safe to print.
 *
 * @param attempts reconciler attempts made in the current state
 * @param stateChangedAt when {@link #state()} last changed
 */
public record Warehouse(
    String orgId,
    WarehouseState state,
    String statusMessage,
    MetadataStore metadataStore,
    DataStore dataStore,
    int attempts,
    Instant createdAt,
    Instant updatedAt,
    Instant stateChangedAt) {

  /** The flavor of the metadata store: postgres unless an external store says cockroachdb. */
  public MetadataStoreFlavor flavor() {
    return metadataStore.flavor();
  }
}
