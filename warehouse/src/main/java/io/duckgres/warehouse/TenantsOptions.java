package io.duckgres.warehouse;

import io.duckgres.warehouse.store.ConfigStoreLocation;
import java.nio.file.Path;

/**
 * How to run the multi-tenant layer beside a control plane.
 *
 * @param configStore the config store, or null to start an embedded PostgreSQL under
 *     {@code <dataDirectory>/config-store}
 * @param dataDirectory the control plane's data directory: local data stores live in
 *     {@code tenants/} under it
 * @param adminHost address of the provisioning API
 * @param adminPort port of the provisioning API (0: any free port)
 * @param adminTokenFile the API's bearer token, created (mode 0600) when missing
 * @param secretsKeyFile the AES key of the stored secrets, created (mode 0600) when missing;
 *     every control plane on one store needs the same file
 * @param clientHost where clients connect, for the warehouse status
 * @param clientPort where clients connect, for the warehouse status
 * @param extensionDirectory DuckDB extensions for the reconciler's attach check, or null
 */
public record TenantsOptions(
    ConfigStoreLocation configStore,
    Path dataDirectory,
    String adminHost,
    int adminPort,
    Path adminTokenFile,
    Path secretsKeyFile,
    String clientHost,
    int clientPort,
    Path extensionDirectory) {

  public static final String DEFAULT_ADMIN_HOST = "127.0.0.1";
  public static final int DEFAULT_ADMIN_PORT = 8432;

  /** {@code <dataDir>/admin.token}. */
  public static Path defaultAdminTokenFile(Path dataDirectory) {
    return dataDirectory.resolve("admin.token");
  }

  /** {@code <dataDir>/tenants-secrets.key}: beside the config store, never inside it. */
  public static Path defaultSecretsKeyFile(Path dataDirectory) {
    return dataDirectory.resolve("tenants-secrets.key");
  }

  @Override
  public String toString() {
    return "TenantsOptions[configStore=" + (configStore == null ? "embedded" : configStore)
        + ", admin=" + adminHost + ":" + adminPort + ", adminTokenFile=" + adminTokenFile
        + ", secretsKeyFile=" + secretsKeyFile + "]";
  }
}
