package io.duckgres.warehouse;

import io.duckgres.warehouse.api.AdminToken;
import io.duckgres.warehouse.api.ProvisioningApi;
import io.duckgres.warehouse.reconcile.Reconciler;
import io.duckgres.warehouse.reconcile.ReconcilerSettings;
import io.duckgres.warehouse.store.ConfigStore;
import io.duckgres.warehouse.store.ConfigStoreLocation;
import io.duckgres.warehouse.store.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-tenant layer a control plane runs beside itself: the config store (named, or an
 * embedded PostgreSQL it starts), migrated before anything is served; the reconciler; and the
 * provisioning API. {@link #store()} is what tenant routing reads. Stopped in reverse order.
 */
public final class TenantsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TenantsService.class);

  private final EmbeddedConfigStore embedded;
  private final ConfigStore store;
  private final Reconciler reconciler;
  private final ProvisioningApi api;

  private TenantsService(EmbeddedConfigStore embedded, ConfigStore store, Reconciler reconciler,
      ProvisioningApi api) {
    this.embedded = embedded;
    this.store = store;
    this.reconciler = reconciler;
    this.api = api;
  }

  /**
   * Starts everything, or nothing: a part that fails to start stops the ones before it.
   *
   * @throws RuntimeException saying which part could not start and why
   */
  public static TenantsService start(TenantsOptions options) {
    EmbeddedConfigStore embedded = null;
    ConfigStore store = null;
    Reconciler reconciler = null;
    ProvisioningApi api = null;
    try {
      ConfigStoreLocation location = options.configStore();
      if (location == null) {
        embedded = EmbeddedConfigStore.start(options.dataDirectory().resolve("config-store"));
        location = embedded.location();
      }
      SecretBox secrets = SecretBox.fromKeyFile(options.secretsKeyFile());
      store = ConfigStore.open(location, secrets, options.dataDirectory());
      reconciler = new Reconciler(store,
          ReconcilerSettings.defaults(options.extensionDirectory()));
      reconciler.start();
      api = new ProvisioningApi(store, AdminToken.loadOrCreate(options.adminTokenFile()),
          new ProvisioningApi.ClientEndpoint(options.clientHost(), options.clientPort()));
      api.start(options.adminHost(), options.adminPort());
      LOG.info("multi-tenant mode on: config store {}, provisioning API on {}:{}, token in {}",
          location, options.adminHost(), api.port(), options.adminTokenFile().toAbsolutePath());
      return new TenantsService(embedded, store, reconciler, api);
    } catch (RuntimeException e) {
      new TenantsService(embedded, store, reconciler, api).close();
      throw e;
    }
  }

  /** The config store: orgs, users, warehouses, and their change notifications. */
  public ConfigStore store() {
    return store;
  }

  /** The port the provisioning API listens on. */
  public int adminPort() {
    return api.port();
  }

  @Override
  public void close() {
    if (api != null) {
      api.close();
    }
    if (reconciler != null) {
      reconciler.close();
    }
    if (store != null) {
      store.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
