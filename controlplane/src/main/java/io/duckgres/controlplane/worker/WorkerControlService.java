package io.duckgres.controlplane.worker;

import io.duckgres.controlplane.fd.FdReceiver;
import io.duckgres.controlplane.proto.AcceptConnectionRequest;
import io.duckgres.controlplane.proto.AcceptConnectionResponse;
import io.duckgres.controlplane.proto.CancelQueryRequest;
import io.duckgres.controlplane.proto.CancelQueryResponse;
import io.duckgres.controlplane.proto.ConfigureRequest;
import io.duckgres.controlplane.proto.ConfigureResponse;
import io.duckgres.controlplane.proto.DrainRequest;
import io.duckgres.controlplane.proto.DrainResponse;
import io.duckgres.controlplane.proto.HealthRequest;
import io.duckgres.controlplane.proto.HealthResponse;
import io.duckgres.controlplane.proto.Prelude;
import io.duckgres.controlplane.proto.ShutdownRequest;
import io.duckgres.controlplane.proto.ShutdownResponse;
import io.duckgres.controlplane.proto.WorkerControlGrpc;
import io.duckgres.server.DuckgresServer;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's gRPC service: each call maps onto the worker-mode entry points of {@link
 * DuckgresServer}, so sessions run exactly the standalone code.
 *
 * <p>Errors the control plane acts on: FAILED_PRECONDITION from AcceptConnection means the socket
 * was not touched (not configured, draining) and may go to another worker.
 */
final class WorkerControlService extends WorkerControlGrpc.WorkerControlImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerControlService.class);
  /** How long AcceptConnection waits for its fd to come through the fd socket. */
  private static final Duration FD_ARRIVAL_TIMEOUT = Duration.ofSeconds(10);

  private final DuckgresServer server;
  private final FdReceiver fds;
  private final Path databaseRoot;
  private final Runnable shutdownRequested;
  private volatile long lastContactNanos = System.nanoTime();
  private int workerId = -1;
  private int firstProcessId;
  private int processIdCount;
  private volatile boolean configured;

  WorkerControlService(DuckgresServer server, FdReceiver fds, Path databaseRoot,
      Runnable shutdownRequested) {
    this.server = server;
    this.fds = fds;
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
  public void acceptConnection(AcceptConnectionRequest request,
      StreamObserver<AcceptConnectionResponse> response) {
    contact();
    if (!configured || server.isDraining()) {
      response.onError(Status.FAILED_PRECONDITION
          .withDescription(configured ? "draining" : "not configured").asRuntimeException());
      return;
    }
    int fd;
    try {
      fd = fds.take(request.getStreamId(), request.getSequence(), FD_ARRIVAL_TIMEOUT);
    } catch (TimeoutException e) {
      response.onError(Status.DEADLINE_EXCEEDED
          .withDescription("the socket did not arrive on the fd socket").asRuntimeException());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.onError(Status.CANCELLED.asRuntimeException());
      return;
    }
    DuckgresServer.Prelude prelude = request.getPrelude() == Prelude.PLAINTEXT_STARTUP
        ? DuckgresServer.Prelude.PLAINTEXT_STARTUP
        : DuckgresServer.Prelude.SSL_ACCEPTED;
    int connections;
    try {
      connections = server.adopt(fd, prelude, request.getReplay().toByteArray());
    } catch (IllegalStateException refused) {
      // Untouched: the control plane still holds the socket and may give it to another worker.
      FdReceiver.closeQuietly(fd);
      response.onError(Status.FAILED_PRECONDITION.withDescription(refused.getMessage())
          .asRuntimeException());
      return;
    }
    response.onNext(AcceptConnectionResponse.newBuilder().setConnections(connections).build());
    response.onCompleted();
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
