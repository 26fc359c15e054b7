package io.duckgres.warehouse.store;

import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.engine.ducklake.S3Settings;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a warehouse row into the {@link DuckLakeConfig} a worker attaches: the catalog as a libpq
 * connection string (the config store's server for an internal store, the tenant's for an
 * external one), the data path or bucket, and the S3 settings, with secrets decrypted. The row's
 * flavor is copied onto the config on every path, internal and external alike, because only the
 * row knows it.
 */
final class DuckLakeConfigs {
  private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9._/:@-]+");

  private DuckLakeConfigs() {}

  static DuckLakeConfig build(Warehouse warehouse, ConfigStoreLocation configStore,
      Path localDataPath, Function<EncryptedSecret, String> reveal) {
    MetadataStore metadata = warehouse.metadataStore();
    String connection;
    if (metadata.internal()) {
      // The org's own role; a row without one (none is written so today) falls back to the
      // config store's login.
      boolean ownRole = metadata.user() != null && metadata.password() != null;
      connection = libpq(metadata.database(), configStore.host(), configStore.port(),
          ownRole ? metadata.user() : configStore.user(),
          ownRole ? reveal.apply(metadata.password()) : configStore.password());
    } else {
      connection = libpq(metadata.database(), metadata.host(), metadata.port(), metadata.user(),
          metadata.password() == null ? null : reveal.apply(metadata.password()));
    }
    DuckLakeConfig config = DuckLakeConfig.of("postgres:" + connection, null);
    DataStore data = warehouse.dataStore();
    if (data.type() == DataStore.Type.S3) {
      String accessKey = data.accessKeyId() == null ? null : reveal.apply(data.accessKeyId());
      String secretKey =
          data.secretAccessKey() == null ? null : reveal.apply(data.secretAccessKey());
      config = config.withObjectStore(data.objectStoreUrl(), new S3Settings(data.endpoint(),
          accessKey, secretKey, data.region(), data.useSsl(), data.urlStyle(), null));
    } else {
      config = config.withDataPath(localDataPath);
    }
    return config.withMetadataStoreFlavor(metadata.flavor());
  }

  /** {@code dbname=... host=... port=... user=... password=...}, values quoted where libpq needs. */
  static String libpq(String database, String host, Integer port, String user, String password) {
    StringBuilder out = new StringBuilder();
    append(out, "dbname", database);
    append(out, "host", host);
    append(out, "port", port == null ? null : port.toString());
    append(out, "user", user);
    append(out, "password", password);
    return out.toString();
  }

  private static void append(StringBuilder out, String key, String value) {
    if (value == null) {
      return;
    }
    if (out.length() > 0) {
      out.append(' ');
    }
    out.append(key).append('=');
    if (PLAIN_VALUE.matcher(value).matches()) {
      out.append(value);
    } else {
      out.append('\'').append(value.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
    }
  }
}
