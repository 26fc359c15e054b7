package io.duckgres.warehouse.store;

import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import java.util.Objects;

/**
 * A warehouse to create, as validated from a provisioning request, with its secrets still in
 * plaintext: {@link ConfigStore#provision} encrypts them before they reach the database.
 * {@link #toString()} masks them.
 */
public record WarehouseSpec(
    MetadataStore.Type metadataStoreType,
    String metadataHost,
    Integer metadataPort,
    String metadataDatabase,
    String metadataUser,
    String metadataPassword,
    MetadataStoreFlavor flavor,
    DataStore.Type dataStoreType,
    String s3Bucket,
    String s3Prefix,
    String s3Endpoint,
    String s3Region,
    String s3UrlStyle,
    Boolean s3UseSsl,
    String s3AccessKeyId,
    String s3SecretAccessKey) {

  public WarehouseSpec {
    Objects.requireNonNull(metadataStoreType, "metadataStoreType");
    Objects.requireNonNull(dataStoreType, "dataStoreType");
    flavor = flavor == null ? MetadataStoreFlavor.POSTGRES : flavor;
  }

  /** An internal metadata store (created on the config store's server) and local data files. */
  public static WarehouseSpec internalLocal() {
    return new WarehouseSpec(MetadataStore.Type.INTERNAL, null, null, null, null, null, null,
        DataStore.Type.LOCAL, null, null, null, null, null, null, null, null);
  }

  @Override
  public String toString() {
    return "WarehouseSpec[metadataStore=" + metadataStoreType
        + (metadataStoreType == MetadataStore.Type.EXTERNAL
            ? " " + metadataUser + "@" + metadataHost + ":" + metadataPort + "/" + metadataDatabase
                + " password=" + (metadataPassword == null ? "none" : "***") + " flavor=" + flavor
            : "")
        + ", dataStore=" + dataStoreType
        + (dataStoreType == DataStore.Type.S3
            ? " s3://" + s3Bucket + "/" + (s3Prefix == null ? "" : s3Prefix) + " endpoint="
                + s3Endpoint + " keys=" + (s3AccessKeyId == null ? "none" : "***")
            : "")
        + "]";
  }
}
