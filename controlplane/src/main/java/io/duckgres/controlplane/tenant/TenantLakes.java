package io.duckgres.controlplane.tenant;

import io.duckgres.controlplane.proto.TenantLake;
import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import io.duckgres.engine.ducklake.S3Settings;
import java.nio.file.Path;

/**
 * A tenant's {@link DuckLakeConfig} in and out of the worker-control message that carries it to
 * a worker ({@link TenantLake}). Every field is copied, the flavor included: it is what the
 * worker's pre-attach statements and its flavor guard go by.
 */
public final class TenantLakes {
  private TenantLakes() {}

  public static TenantLake toProto(DuckLakeConfig lake) {
    TenantLake.Builder out = TenantLake.newBuilder()
        .setMetadataStore(nullToEmpty(lake.metadataStore()))
        .setFlavor(lake.metadataStoreFlavor().spelling())
        .setDataPath(lake.dataPath() == null ? "" : lake.dataPath().toString())
        .setObjectStore(nullToEmpty(lake.objectStore()));
    S3Settings s3 = lake.s3();
    out.setS3Endpoint(nullToEmpty(s3.endpoint()))
        .setS3AccessKey(nullToEmpty(s3.accessKey()))
        .setS3SecretKey(nullToEmpty(s3.secretKey()))
        .setS3Region(nullToEmpty(s3.region()))
        .setS3UseSsl(s3.useSsl() == null ? "" : s3.useSsl().toString())
        .setS3UrlStyle(nullToEmpty(s3.urlStyle()));
    return out.build();
  }

  /** @throws IllegalArgumentException for an unknown flavor or an inconsistent lake */
  public static DuckLakeConfig fromProto(TenantLake lake) {
    S3Settings s3 = new S3Settings(emptyToNull(lake.getS3Endpoint()),
        emptyToNull(lake.getS3AccessKey()), emptyToNull(lake.getS3SecretKey()),
        emptyToNull(lake.getS3Region()),
        lake.getS3UseSsl().isEmpty() ? null : Boolean.valueOf(lake.getS3UseSsl()),
        emptyToNull(lake.getS3UrlStyle()), null);
    return new DuckLakeConfig(emptyToNull(lake.getMetadataStore()),
        MetadataStoreFlavor.parse(lake.getFlavor()),
        lake.getDataPath().isEmpty() ? null : Path.of(lake.getDataPath()),
        emptyToNull(lake.getObjectStore()), s3, false, false, null);
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
