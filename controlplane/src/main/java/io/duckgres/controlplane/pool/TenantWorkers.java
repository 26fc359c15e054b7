package io.duckgres.controlplane.pool;

import io.duckgres.controlplane.TenantOptions;
import io.duckgres.controlplane.metrics.ControlPlaneMetrics;
import io.duckgres.controlplane.proto.ActivateRequest;
import io.duckgres.controlplane.proto.SetUsersRequest;
import io.duckgres.controlplane.proto.TenantUser;
import io.duckgres.controlplane.tenant.Tenant;
import io.duckgres.controlplane.tenant.TenantChange;
import io.duckgres.controlplane.tenant.TenantDirectory;
import io.duckgres.controlplane.tenant.TenantLakes;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.StartupErrors;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers and orgs: which worker serves which org, and binding one when an org needs it.
 *
 * <p>A worker serves one org for its life (the CockroachDB flavor's settings are process-wide, and
 * one org's sessions then share one DuckDB and its caches). An org's connection goes to the org's
 * worker with the fewest connections below the per-worker session cap. Failing that, a worker is
 * bound (Activate): a neutral spare, else a new one below the ceiling, else one that replaces the
 * longest-idle worker of another org; with none of those the connection waits up to the
 * placement timeout and is refused with 53300. One activation per org runs at a time: concurrent
 * first connections wait on it. An org's worker with no connection for the hot-idle TTL is
 * retired; deprovisioning an org retires its workers; user changes reach its workers at once.
 */
final class TenantWorkers {
  private static final Logger LOG = LoggerFactory.getLogger(TenantWorkers.class);
  private static final Duration ACTIVATE_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration RPC_TIMEOUT = WorkerPool.RPC_TIMEOUT;

  /** No worker can be bound now: all are busy with other orgs at the ceiling. */
  static final class NoCapacity extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoCapacity() {
      super("no worker free for another org", null, false, false);
    }
  }

  private final TenantOptions options;
  private final PoolMembers members;
  private final HealthMonitor health;
  private final RollingUpdate retirement;
  private final TenantDirectory directory;
  private final ControlPlaneMetrics metrics;
  private final ExecutorService background;
  private final Map<String, CompletableFuture<Worker>> activations = new ConcurrentHashMap<>();
  private AutoCloseable subscription;

  TenantWorkers(TenantOptions options, PoolMembers members, HealthMonitor health,
      RollingUpdate retirement, TenantDirectory directory, ControlPlaneMetrics metrics,
      ExecutorService background) {
    this.options = options;
    this.members = members;
    this.health = health;
    this.retirement = retirement;
    this.directory = directory;
    this.metrics = metrics;
    this.background = background;
  }

  /** Follows the directory's changes from now on. */
  void start() {
    subscription = directory.onChange(change -> {
      try {
        background.execute(() -> changed(change));
      } catch (RejectedExecutionException closing) {
        LOG.debug("pool closing; change {} not applied", change);
      }
    });
  }

  void stop() {
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        LOG.debug("stopping change notifications: {}", e.toString());
      }
    }
  }

  // ---- placing a connection ----

  /** The org's worker with the fewest connections, if one has room for another session now. */
  Optional<Worker> ready(Tenant tenant) {
    return members.all().stream()
        .filter(w -> w.takesConnections() && tenant.org().equals(w.org())
            && w.connections() < options.maxSessionsPerWorker())
        .min(Comparator.comparingInt(Worker::connections));
  }

  /**
   * A worker of the org with room for the connection, binding one if needed (see the class
   * comment). Blocks up to the placement timeout (plus an activation already under way).
   */
  Worker acquire(Tenant tenant) {
    long deadline = System.nanoTime() + options.placementTimeout().toNanos();
    while (true) {
      Optional<Worker> ready = ready(tenant);
      if (ready.isPresent()) {
        return ready.get();
      }
      if (members.stopping) {
        throw StartupErrors.cannotConnectNow("the database system is shutting down");
      }
      CompletableFuture<Worker> activation = activations.computeIfAbsent(tenant.org(),
          org -> startActivation(tenant));
      try {
        activation.get(ACTIVATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        activations.remove(tenant.org(), activation);
        continue; // Bound: the next round finds it (or, if it filled up meanwhile, binds another).
      } catch (ExecutionException failed) {
        // A fast activation may end before it is listed: never leave a finished one behind.
        activations.remove(tenant.org(), activation);
        if (!(failed.getCause() instanceof NoCapacity)) {
          String reason = failed.getCause() instanceof StatusRuntimeException status
              ? status.getStatus().getDescription() : String.valueOf(failed.getCause());
          throw StartupErrors.cannotConnectNow("database \"" + tenant.database()
              + "\" cannot be served now: " + reason);
        }
      } catch (TimeoutException slow) {
        throw StartupErrors.cannotConnectNow("database \"" + tenant.database()
            + "\" is still starting up");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw StartupErrors.cannotConnectNow("the database system is shutting down");
      }
      if (System.nanoTime() >= deadline) {
        LOG.warn("no worker for org {}: all {} workers serve other orgs and none is idle",
            tenant.org(), options.maxWorkers());
        throw StartupErrors.tooManyConnections("sorry, too many clients already: every worker"
            + " serves other databases; try again later");
      }
      WorkerLauncher.sleep(100);
    }
  }

  private CompletableFuture<Worker> startActivation(Tenant tenant) {
    CompletableFuture<Worker> activation = new CompletableFuture<>();
    try {
      background.execute(() -> {
        try {
          activation.complete(activate(tenant));
        } catch (RuntimeException e) {
          activation.completeExceptionally(e);
        } finally {
          activations.remove(tenant.org(), activation);
        }
      });
    } catch (RejectedExecutionException closing) {
      activations.remove(tenant.org(), activation);
      activation.completeExceptionally(closing);
    }
    return activation;
  }

  /** Binds a worker to the org: claims one, then Activate with the org's lake and users. */
  private Worker activate(Tenant tenant) {
    Worker worker = claim(tenant);
    long started = System.nanoTime();
    try {
      ActivateRequest request = ActivateRequest.newBuilder()
          .setOrg(tenant.org())
          .setDatabase(tenant.database())
          .setLake(TenantLakes.toProto(directory.lake(tenant.org())))
          .addAllUsers(users(tenant.org()))
          .build();
      worker.activate(request, ACTIVATE_TIMEOUT);
      if (worker.flavor() != tenant.flavor()) {
        throw new IllegalStateException(worker + " claimed flavor " + worker.flavor()
            + " for an org of flavor " + tenant.flavor());
      }
      // A user change that arrived while the worker was attaching passed it by (it served no
      // org yet): compare with the users now, and send them if they differ.
      List<TenantUser> now = users(tenant.org());
      if (!now.equals(request.getUsersList())) {
        worker.setUsers(SetUsersRequest.newBuilder().setOrg(tenant.org()).addAllUsers(now)
            .build(), RPC_TIMEOUT);
      }
    } catch (RuntimeException e) {
      // Whatever it attached or claimed, it is no neutral worker any more.
      LOG.error("binding {} to org {} failed: {}", worker, tenant.org(), e.getMessage());
      worker.unreserve();
      retireQuietly(worker);
      health.topUp();
      throw e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    metrics.activated(worker.id, tenant.org(), tenant.flavor().spelling(), took,
        () -> connectionsOf(tenant.org()));
    LOG.info("{} bound to org {} (flavor {}) in {} ms", worker, tenant.org(), tenant.flavor(),
        took.toMillis());
    health.topUp(); // The spare is gone: start another.
    return worker;
  }

  /** A worker for an activation: a spare, a new one, or one in place of another org's idle one. */
  private Worker claim(Tenant tenant) {
    for (int round = 0; round < 3; round++) {
      for (Worker worker : members.all()) {
        if (worker.reserve()) {
          return worker;
        }
      }
      Optional<Worker> spawned = health.spawnIfRoom(options.maxWorkers());
      if (spawned.isEmpty()) {
        Optional<Worker> victim = members.all().stream()
            .filter(w -> w.state() == Worker.State.ACTIVE && w.org() != null
                && !w.org().equals(tenant.org()) && w.connections() == 0)
            .max(Comparator.comparingLong(Worker::idleNanos));
        if (victim.isEmpty()) {
          throw new NoCapacity();
        }
        LOG.info("at the ceiling of {} workers: retiring {} (idle {} s) for org {}",
            options.maxWorkers(), victim.get(),
            TimeUnit.NANOSECONDS.toSeconds(victim.get().idleNanos()), tenant.org());
        retirement.retire(victim.get());
        spawned = health.spawnIfRoom(options.maxWorkers());
      }
      if (spawned.isPresent() && spawned.get().reserve()) {
        return spawned.get();
      }
    }
    throw new NoCapacity();
  }

  private List<TenantUser> users(String org) {
    java.util.Set<String> admins = directory.admins(org);
    return directory.users(org).entrySet().stream()
        .map(e -> TenantUser.newBuilder().setName(e.getKey()).setScramVerifier(e.getValue())
            .setAdmin(admins.contains(e.getKey())).build())
        .toList();
  }

  private int connectionsOf(String org) {
    return members.all().stream().filter(w -> org.equals(w.org()))
        .mapToInt(Worker::connections).sum();
  }

  /**
   * Binds a rolling update's replacement to the org of the worker it replaces, so the org keeps
   * its capacity. A failure leaves the replacement neutral.
   */
  void rebind(Worker replacement, String org) {
    Optional<Tenant> tenant = directory.byOrg(org);
    if (tenant.isEmpty() || !tenant.get().ready() || !replacement.reserve()) {
      return;
    }
    try {
      replacement.activate(ActivateRequest.newBuilder()
          .setOrg(org)
          .setDatabase(tenant.get().database())
          .setLake(TenantLakes.toProto(directory.lake(org)))
          .addAllUsers(users(org))
          .build(), ACTIVATE_TIMEOUT);
      metrics.activated(replacement.id, org, replacement.flavor().spelling(), Duration.ZERO,
          () -> connectionsOf(org));
    } catch (RuntimeException e) {
      LOG.warn("rolling update: {} not bound to org {}: {}", replacement, org, e.getMessage());
      replacement.unreserve();
      retireQuietly(replacement);
    }
  }

  // ---- keeping orgs' workers in step ----

  /** Called by the health round: retires org workers idle for longer than the hot-idle TTL. */
  void retireIdle() {
    long ttl = options.hotIdleTtl().toNanos();
    for (Worker worker : members.all()) {
      if (worker.state() == Worker.State.ACTIVE && worker.org() != null
          && worker.connections() == 0 && worker.idleNanos() > ttl) {
        LOG.info("{} idle for more than {}; retiring it", worker, options.hotIdleTtl());
        retirement.retire(worker);
      }
    }
  }

  private void changed(TenantChange change) {
    Set<String> orgs = change.org() != null ? Set.of(change.org())
        : members.all().stream().map(Worker::org).filter(o -> o != null)
            .collect(Collectors.toSet());
    for (String org : orgs) {
      try {
        if (change.kind() != TenantChange.Kind.USERS) {
          Optional<Tenant> tenant = directory.byOrg(org);
          if (tenant.isEmpty() || !tenant.get().ready()) {
            retireOrg(org, tenant.map(Tenant::state).orElse("gone"));
            continue;
          }
        }
        if (change.kind() == TenantChange.Kind.USERS || change.kind() == TenantChange.Kind.RESYNC) {
          pushUsers(org);
        }
      } catch (RuntimeException e) {
        LOG.error("applying a change of org {} failed: {}", org, e.getMessage());
      }
    }
  }

  private void pushUsers(String org) {
    SetUsersRequest request = SetUsersRequest.newBuilder().setOrg(org)
        .addAllUsers(users(org)).build();
    for (Worker worker : members.all()) {
      if (org.equals(worker.org()) && worker.state() != Worker.State.STOPPED) {
        try {
          worker.setUsers(request, RPC_TIMEOUT);
        } catch (StatusRuntimeException e) {
          LOG.error("{}: updating the users of org {} failed: {}", worker, org, e.getStatus());
        }
      }
    }
  }

  /** The org is gone or no longer ready: its workers drain and stop. */
  private void retireOrg(String org, String state) {
    for (Worker worker : members.all()) {
      if (org.equals(worker.org()) && worker.state() == Worker.State.ACTIVE) {
        LOG.info("org {} is {}: retiring {}", org, state, worker);
        retirement.retire(worker);
      }
    }
  }

  private void retireQuietly(Worker worker) {
    try {
      retirement.retire(worker);
    } catch (RuntimeException e) {
      LOG.warn("retiring {}: {}", worker, e.toString());
    }
  }

  /** A worker of another control plane's making, bound as its Health says. */
  static void adopted(Worker worker, String org, String flavor) throws IOException {
    if (org == null || org.isEmpty()) {
      return;
    }
    try {
      worker.bound(org, io.duckgres.engine.ducklake.MetadataStoreFlavor.parse(flavor));
    } catch (IllegalArgumentException e) {
      throw new IOException(worker + " reports an unknown flavor", e);
    }
  }
}
