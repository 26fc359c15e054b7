package io.duckgres.warehouse.store;

import java.util.Objects;

/**
 * Where a warehouse's Parquet files live. {@code local}: a directory under the control plane's
 * data directory ({@code <data_dir>/tenants/<org>/data}). {@code s3}: a bucket and prefix on AWS
 * or an S3-compatible endpoint, with encrypted keys (none: the AWS credential chain).
 */
public record DataStore(
    Type type,
    String bucket,
    String prefix,
    String endpoint,
    String region,
    String urlStyle,
    Boolean useSsl,
    EncryptedSecret accessKeyId,
    EncryptedSecret secretAccessKey) {

  /** local or s3, spelled in lower case as in the API. */
  public enum Type {
    LOCAL("local"),
    S3("s3");

    private final String spelling;

    Type(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }

    static Type parse(String stored) {
      return stored.equals("s3") ? S3 : LOCAL;
    }

    @Override
    public String toString() {
      return spelling;
    }
  }

  public DataStore {
    Objects.requireNonNull(type, "type");
  }

  public static DataStore local() {
    return new DataStore(Type.LOCAL, null, null, null, null, null, null, null, null);
  }

  /** {@code s3://bucket/prefix/}, or null for a local store. */
  public String objectStoreUrl() {
    if (type != Type.S3) {
      return null;
    }
    String path = prefix == null ? "" : prefix.replaceAll("^/+", "").replaceAll("/+$", "");
    return "s3://" + bucket + "/" + (path.isEmpty() ? "" : path + "/");
  }
}
