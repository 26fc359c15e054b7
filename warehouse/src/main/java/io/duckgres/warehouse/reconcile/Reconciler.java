package io.duckgres.warehouse.reconcile;

import io.duckgres.warehouse.store.ConfigChange;
import io.duckgres.warehouse.store.ConfigStore;
import io.duckgres.warehouse.store.ConfigStoreException;
import io.duckgres.warehouse.store.Warehouse;
import io.duckgres.warehouse.store.WarehouseState;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes warehouses through their states in the background: {@code pending → provisioning →
 * ready | failed}, and {@code deleting →} gone. It wakes at once on a change in the store and
 * every {@link ReconcilerSettings#pollInterval()} besides.
 *
 * <p>A control plane claims a pending warehouse by moving it to {@code provisioning} with a
 * conditional update, so of several control planes on one store exactly one works on it. A step
 * that fails and may succeed later (a store that does not answer) puts the warehouse back to
 * {@code pending} with the attempt counted and the reason in its status message, and it is tried
 * again after a doubling pause; after {@link ReconcilerSettings#maxAttempts()} it ends
 * {@code failed} with its last error. A step that cannot succeed (a store of the wrong flavor)
 * fails it at once. Passes run on one thread, one warehouse at a time.
 */
public final class Reconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final ConfigStore store;
  private final ReconcilerSettings settings;
  private final WarehouseProvisioner provisioner;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean passQueued = new AtomicBoolean();
  private AutoCloseable subscription;

  public Reconciler(ConfigStore store, ReconcilerSettings settings) {
    this.store = store;
    this.settings = settings;
    this.provisioner = new WarehouseProvisioner(store, settings);
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "warehouse-reconciler");
      thread.setDaemon(true);
      return thread;
    });
  }

  public void start() {
    subscription = store.addListener(this::onChange);
    executor.scheduleWithFixedDelay(this::pass, 0, settings.pollInterval().toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info("warehouse reconciler started (at most {} attempts per warehouse)",
        settings.maxAttempts());
  }

  private void onChange(ConfigChange change) {
    if (change.entity() == ConfigChange.Entity.WAREHOUSE
        || change.entity() == ConfigChange.Entity.ALL) {
      requestPass();
    }
  }

  /** Runs a pass soon, once, however many changes arrive meanwhile. */
  public void requestPass() {
    if (passQueued.compareAndSet(false, true)) {
      try {
        executor.execute(this::pass);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        passQueued.set(false);
      }
    }
  }

  private void pass() {
    passQueued.set(false);
    try {
      for (Warehouse warehouse : store.listWarehouses()) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        reconcile(warehouse);
      }
    } catch (ConfigStoreException e) {
      LOG.warn("reconciler pass skipped: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("reconciler pass failed", e);
    }
  }

  private void reconcile(Warehouse warehouse) {
    switch (warehouse.state()) {
      case PENDING -> {
        if (due(warehouse) && store.transition(warehouse.orgId(), WarehouseState.PENDING,
            WarehouseState.PROVISIONING, attemptLabel(warehouse) + ": provisioning")) {
          provision(store.warehouse(warehouse.orgId()).orElse(null));
        }
      }
      case PROVISIONING -> {
        if (warehouse.stateChangedAt() != null && warehouse.stateChangedAt()
            .plus(settings.staleClaim()).isBefore(Instant.now())) {
          store.transition(warehouse.orgId(), WarehouseState.PROVISIONING,
              WarehouseState.PENDING, "taken over: the control plane provisioning it stopped");
        }
      }
      case DELETING -> {
        if (due(warehouse)) {
          deprovision(warehouse);
        }
      }
      default -> {
        // ready and failed are final until the API changes them.
      }
    }
  }

  /** Whether the pause after the warehouse's failed attempts has passed. */
  private boolean due(Warehouse warehouse) {
    if (warehouse.attempts() == 0 || warehouse.updatedAt() == null) {
      return true;
    }
    return !warehouse.updatedAt().plus(settings.retryDelay(warehouse.attempts()))
        .isAfter(Instant.now());
  }

  private String attemptLabel(Warehouse warehouse) {
    return "attempt " + (warehouse.attempts() + 1) + " of " + settings.maxAttempts();
  }

  private void provision(Warehouse warehouse) {
    if (warehouse == null || warehouse.state() != WarehouseState.PROVISIONING) {
      return;
    }
    String org = warehouse.orgId();
    long started = System.nanoTime();
    try {
      provisioner.provision(warehouse);
      if (store.transition(org, WarehouseState.PROVISIONING, WarehouseState.READY, "ready")) {
        LOG.info("warehouse of org {} is ready ({} metadata store, flavor {}, {} data) in {} ms",
            org, warehouse.metadataStore().type(), warehouse.flavor(),
            warehouse.dataStore().type(), (System.nanoTime() - started) / 1_000_000);
      }
    } catch (ReconcileFailure failure) {
      int attempts = warehouse.attempts() + 1;
      if (failure.retryable() && attempts < settings.maxAttempts()) {
        String message = attemptLabel(warehouse) + " failed: " + failure.getMessage()
            + "; retrying in " + settings.retryDelay(attempts).toMillis() + " ms";
        store.recordAttempt(org, WarehouseState.PROVISIONING, message);
        store.transition(org, WarehouseState.PROVISIONING, WarehouseState.PENDING, message);
        LOG.warn("warehouse of org {}: {}", org, message);
        executor.schedule(this::requestPass, settings.retryDelay(attempts).toMillis() + 50,
            TimeUnit.MILLISECONDS);
      } else {
        store.transition(org, WarehouseState.PROVISIONING, WarehouseState.FAILED,
            failure.getMessage());
        LOG.warn("warehouse of org {} failed: {}", org, failure.getMessage());
      }
    }
  }

  private void deprovision(Warehouse warehouse) {
    String org = warehouse.orgId();
    try {
      provisioner.deprovision(warehouse);
      store.deleteOrg(org);
      LOG.info("org {} deprovisioned", org);
    } catch (ReconcileFailure failure) {
      int attempts = warehouse.attempts() + 1;
      String message = "deprovisioning attempt " + attempts + " failed: " + failure.getMessage();
      store.recordAttempt(org, WarehouseState.DELETING, message);
      LOG.warn("org {}: {}", org, message);
      executor.schedule(this::requestPass, settings.retryDelay(attempts).toMillis() + 50,
          TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception ignored) {
        // Removing a listener does not fail.
      }
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
