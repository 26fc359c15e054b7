package io.duckgres.controlplane.worker;

import io.duckgres.controlplane.connection.RelayedClient;
import io.duckgres.controlplane.fd.FdReceiver;
import io.duckgres.controlplane.proto.ActivateRequest;
import io.duckgres.controlplane.proto.ActivateResponse;
import io.duckgres.controlplane.proto.SetUsersRequest;
import io.duckgres.controlplane.proto.SetUsersResponse;
import io.duckgres.controlplane.proto.TenantUser;
import io.duckgres.controlplane.tenant.TenantLakes;
import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.engine.ducklake.FlavorGuard;
import io.duckgres.server.auth.UserDirectory;
import io.duckgres.controlplane.proto.CancelQueryRequest;
import io.duckgres.controlplane.proto.CancelQueryResponse;
import io.duckgres.controlplane.proto.ConfigureRequest;
import io.duckgres.controlplane.proto.ConfigureResponse;
import io.duckgres.controlplane.proto.DrainRequest;
import io.duckgres.controlplane.proto.DrainResponse;
import io.duckgres.controlplane.proto.HealthRequest;
import io.duckgres.controlplane.proto.HealthResponse;
import io.duckgres.controlplane.proto.Prelude;
import io.duckgres.controlplane.proto.ListSessionsRequest;
import io.duckgres.controlplane.proto.ListSessionsResponse;
import io.duckgres.controlplane.proto.ShutdownRequest;
import io.duckgres.controlplane.proto.SignalSessionRequest;
import io.duckgres.controlplane.proto.SignalSessionResponse;
import io.duckgres.controlplane.proto.StatementRateRequest;
import io.duckgres.controlplane.proto.StatementRateResponse;
import io.duckgres.controlplane.proto.ShutdownResponse;
import io.duckgres.controlplane.proto.WorkerControlGrpc;
import io.duckgres.server.DuckgresServer;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's gRPC service: each call maps onto the worker-mode entry points of {@link
 * DuckgresServer}, so sessions run exactly the standalone code.
 *
 * <p>Client sockets do not come through gRPC: they arrive on the fd socket with a note and go to
 * {@link #adopt} (see {@link FdReceiver}).
 */
final class WorkerControlService extends WorkerControlGrpc.WorkerControlImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerControlService.class);

  private final DuckgresServer server;
  private final Path databaseRoot;
  private final Runnable shutdownRequested;
  private volatile long lastContactNanos = System.nanoTime();
  private int workerId = -1;
  private int firstProcessId;
  private int processIdCount;
  private volatile boolean configured;
  private volatile String org = "";
  private volatile String flavor = "";
  private String database;
  private UserDirectory users;

  WorkerControlService(DuckgresServer server, Path databaseRoot,
      Runnable shutdownRequested) {
    this.server = server;
    this.databaseRoot = databaseRoot;
    this.shutdownRequested = shutdownRequested;
  }

  /** Nanosecond time of the last call from any control plane (for the orphan check). */
  long lastContactNanos() {
    return lastContactNanos;
  }

  private void contact() {
    lastContactNanos = System.nanoTime();
  }

  @Override
  public synchronized void configure(ConfigureRequest request,
      StreamObserver<ConfigureResponse> response) {
    contact();
    if (configured) {
      if (request.getFirstProcessId() != firstProcessId
          || request.getProcessIdCount() != processIdCount) {
        response.onError(Status.FAILED_PRECONDITION
            .withDescription("already configured with another process id range")
            .asRuntimeException());
        return;
      }
      response.onNext(ConfigureResponse.getDefaultInstance());
      response.onCompleted();
      return;
    }
    try {
      // One directory per data slot: a DuckDB file can be open in one process only, and the
      // control plane gives a slot to one live worker at a time.
      int slot = request.getDataSlot() > 0 ? request.getDataSlot() : request.getWorkerId();
      server.startWorker(request.getFirstProcessId(), request.getProcessIdCount(),
          databaseRoot.resolve("w" + slot));
      if (request.getAwaitTenant()) {
        server.awaitTenant();
      }
    } catch (Exception e) {
      LOG.error("worker {} cannot start: {}", request.getWorkerId(), e.getMessage(), e);
      response.onError(Status.INTERNAL.withDescription("cannot start: " + e.getMessage())
          .asRuntimeException());
      return;
    }
    workerId = request.getWorkerId();
    firstProcessId = request.getFirstProcessId();
    processIdCount = request.getProcessIdCount();
    configured = true;
    response.onNext(ConfigureResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public synchronized void activate(ActivateRequest request,
      StreamObserver<ActivateResponse> response) {
    contact();
    if (!configured) {
      response.onError(Status.FAILED_PRECONDITION.withDescription("not configured")
          .asRuntimeException());
      return;
    }
    if (!org.isEmpty()) {
      if (org.equals(request.getOrg())) {
        response.onNext(ActivateResponse.newBuilder().setFlavor(flavor).build());
        response.onCompleted();
        return;
      }
      LOG.error("worker {} serves org {}; refused to serve org {} as well", workerId, org,
          request.getOrg());
      response.onError(Status.FAILED_PRECONDITION.withDescription("this worker serves org "
          + org + " and no other").asRuntimeException());
      return;
    }
    DuckLakeConfig lake;
    UserDirectory tenantUsers;
    try {
      lake = TenantLakes.fromProto(request.getLake());
      tenantUsers = UserDirectory.fromVerifiers(usersOf(request.getUsersList()))
          .withSuperusers(adminsOf(request.getUsersList()));
      // Pinned before anything is attached: the process-wide settings of one flavor must never
      // meet a catalog of the other.
      FlavorGuard.claim(lake.metadataStoreFlavor());
    } catch (IllegalStateException pinned) {
      LOG.error("worker {}: {}", workerId, pinned.getMessage());
      response.onError(Status.FAILED_PRECONDITION.withDescription(pinned.getMessage())
          .asRuntimeException());
      return;
    } catch (IllegalArgumentException invalid) {
      response.onError(Status.INVALID_ARGUMENT.withDescription(invalid.getMessage())
          .asRuntimeException());
      return;
    }
    long started = System.nanoTime();
    try {
      io.duckgres.server.operations.Operations.process().boundToOrg(request.getOrg(),
          request.getDatabase());
      server.bindTenant(request.getDatabase(), lake, tenantUsers);
    } catch (Exception e) {
      LOG.error("worker {} cannot serve org {}: {}", workerId, request.getOrg(), e.getMessage());
      response.onError(Status.INTERNAL.withDescription("cannot serve org " + request.getOrg()
          + ": " + e.getMessage()).asRuntimeException());
      return;
    }
    org = request.getOrg();
    flavor = lake.metadataStoreFlavor().spelling();
    database = request.getDatabase();
    users = tenantUsers;
    LOG.info("worker {} serves org {} (database {}, flavor {}, {} users) from now on; attached in"
        + " {} ms", workerId, org, database, flavor, request.getUsersCount(),
        (System.nanoTime() - started) / 1_000_000);
    response.onNext(ActivateResponse.newBuilder().setFlavor(flavor).build());
    response.onCompleted();
  }

  @Override
  public synchronized void setUsers(SetUsersRequest request,
      StreamObserver<SetUsersResponse> response) {
    contact();
    if (org.isEmpty() || !org.equals(request.getOrg())) {
      response.onError(Status.FAILED_PRECONDITION.withDescription("this worker does not serve org "
          + request.getOrg()).asRuntimeException());
      return;
    }
    UserDirectory replaced;
    try {
      replaced = users.withVerifiers(usersOf(request.getUsersList()))
          .withSuperusers(adminsOf(request.getUsersList()));
    } catch (IllegalArgumentException invalid) {
      response.onError(Status.INVALID_ARGUMENT.withDescription(invalid.getMessage())
          .asRuntimeException());
      return;
    }
    users = replaced;
    int ended = server.replaceUsers(replaced);
    LOG.info("worker {}: org {} has {} users now; {} sessions of removed users ended", workerId,
        org, request.getUsersCount(), ended);
    response.onNext(SetUsersResponse.newBuilder().setTerminated(ended).build());
    response.onCompleted();
  }

  /** The org's admins: superusers of its warehouse on this worker, never anyone else. */
  private static java.util.Set<String> adminsOf(List<TenantUser> list) {
    java.util.Set<String> admins = new java.util.HashSet<>();
    for (TenantUser user : list) {
      if (user.getAdmin()) {
        admins.add(user.getName());
      }
    }
    return admins;
  }

  private static Map<String, String> usersOf(List<TenantUser> list) {
    Map<String, String> out = new LinkedHashMap<>();
    for (TenantUser user : list) {
      out.put(user.getName(), user.getScramVerifier());
    }
    return out;
  }

  /**
   * A socket from the hand-off socket ({@link FdReceiver}), on its event loop. Refused (untouched,
   * so the control plane may give it to another worker) when not configured or draining.
   */
  int adopt(int fd, int prelude, byte[] replay) {
    contact();
    if (!configured) {
      throw new IllegalStateException("not configured");
    }
    if (prelude == Prelude.RELAYED_STARTUP_VALUE) {
      RelayedClient relayed = RelayedClient.decode(replay);
      return server.adopt(fd, DuckgresServer.Prelude.RELAYED_STARTUP, relayed.startup(),
          relayed.address());
    }
    DuckgresServer.Prelude kind = switch (prelude) {
      case Prelude.PLAINTEXT_STARTUP_VALUE -> DuckgresServer.Prelude.PLAINTEXT_STARTUP;
      case Prelude.TLS_CLIENT_HELLO_VALUE -> DuckgresServer.Prelude.TLS_CLIENT_HELLO;
      default -> DuckgresServer.Prelude.SSL_ACCEPTED;
    };
    return server.adopt(fd, kind, replay);
  }

  @Override
  public void cancelQuery(CancelQueryRequest request,
      StreamObserver<CancelQueryResponse> response) {
    contact();
    boolean cancelled = configured && server.cancel(request.getProcessId(), request.getSecretKey());
    response.onNext(CancelQueryResponse.newBuilder().setCancelled(cancelled).build());
    response.onCompleted();
  }

  @Override
  public void listSessions(ListSessionsRequest request,
      StreamObserver<ListSessionsResponse> response) {
    contact();
    response.onNext(WorkerActivity.sessions());
    response.onCompleted();
  }

  @Override
  public void signalSession(SignalSessionRequest request,
      StreamObserver<SignalSessionResponse> response) {
    contact();
    boolean signalled = io.duckgres.server.operations.Operations.process()
        .signalAsOperator(request.getProcessId(), request.getTerminate());
    response.onNext(SignalSessionResponse.newBuilder().setSignalled(signalled).build());
    response.onCompleted();
  }

  @Override
  public void statementRate(StatementRateRequest request,
      StreamObserver<StatementRateResponse> response) {
    contact();
    response.onNext(WorkerActivity.statementRate());
    response.onCompleted();
  }

  @Override
  public void drain(DrainRequest request, StreamObserver<DrainResponse> response) {
    contact();
    if (!server.isDraining()) {
      LOG.info("worker {} draining: {} connections left", workerId, server.connectionCount());
    }
    server.drain();
    response.onNext(DrainResponse.newBuilder().setConnections(server.connectionCount()).build());
    response.onCompleted();
  }

  @Override
  public void health(HealthRequest request, StreamObserver<HealthResponse> response) {
    contact();
    response.onNext(HealthResponse.newBuilder()
        .setWorkerId(workerId)
        .setPid(ProcessHandle.current().pid())
        .setConfigured(configured)
        .setDraining(server.isDraining())
        .setConnections(server.connectionCount())
        .setFirstProcessId(firstProcessId)
        .setProcessIdCount(processIdCount)
        .setOrg(org)
        .setFlavor(flavor)
        .build());
    response.onCompleted();
  }

  @Override
  public void shutdown(ShutdownRequest request, StreamObserver<ShutdownResponse> response) {
    contact();
    LOG.info("worker {} asked to shut down", workerId);
    response.onNext(ShutdownResponse.getDefaultInstance());
    response.onCompleted();
    shutdownRequested.run();
  }
}
