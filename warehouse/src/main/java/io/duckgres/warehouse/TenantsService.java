package io.duckgres.warehouse;

import io.duckgres.warehouse.api.AdminToken;
import io.duckgres.warehouse.api.ProvisioningApi;
import io.duckgres.warehouse.console.ConsoleSource;
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
 * admin API (provisioning and the admin console), started once the control plane can answer for
 * its workers. {@link #store()} is what tenant routing reads. Stopped in reverse order.
 */
public final class TenantsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TenantsService.class);

  private final TenantsOptions options;
  private final EmbeddedConfigStore embedded;
  private final ConfigStore store;
  private final Reconciler reconciler;
  private ProvisioningApi api;

  private TenantsService(TenantsOptions options, EmbeddedConfigStore embedded, ConfigStore store,
      Reconciler reconciler) {
    this.options = options;
    this.embedded = embedded;
    this.store = store;
    this.reconciler = reconciler;
  }

  /**
   * Starts the config store (or connects to it), migrates it and starts the reconciler; the admin
   * API follows with {@link #startAdminApi}. Everything or nothing: a part that fails to start
   * stops the ones before it.
   *
   * @throws RuntimeException saying which part could not start and why
   */
  public static TenantsService start(TenantsOptions options) {
    EmbeddedConfigStore embedded = null;
    ConfigStore store = null;
    Reconciler reconciler = null;
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
      LOG.info("multi-tenant mode on: config store {}", location);
      return new TenantsService(options, embedded, store, reconciler);
    } catch (RuntimeException e) {
      new TenantsService(options, embedded, store, reconciler).close();
      throw e;
    }
  }

  /**
   * Starts the admin API (provisioning routes and the console) on the configured address, with
   * the console's sessions, workers and statement rate read from {@code console} (null: the
   * console shows orgs only).
   *
   * @throws RuntimeException when the address cannot be bound
   */
  public synchronized void startAdminApi(ConsoleSource console) {
    if (api != null) {
      throw new IllegalStateException("the admin API is already running");
    }
    ProvisioningApi started = new ProvisioningApi(store,
        AdminToken.loadOrCreate(options.adminTokenFile()),
        new ProvisioningApi.ClientEndpoint(options.clientHost(), options.clientPort()), console);
    try {
      started.start(options.adminHost(), options.adminPort());
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    api = started;
    LOG.info("provisioning API and admin console on {}:{}, token in {}", options.adminHost(),
        api.port(), options.adminTokenFile().toAbsolutePath());
  }

  /** The config store: orgs, users, warehouses, and their change notifications. */
  public ConfigStore store() {
    return store;
  }

  /** The port the admin API listens on, once started. */
  public synchronized int adminPort() {
    return api.port();
  }

  @Override
  public synchronized void close() {
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
