package io.duckgres.controlplane.pool;

import io.duckgres.controlplane.fd.FdSender;
import io.duckgres.controlplane.proto.ActivateRequest;
import io.duckgres.controlplane.proto.ActivateResponse;
import io.duckgres.controlplane.proto.CancelQueryRequest;
import io.duckgres.controlplane.proto.ConfigureRequest;
import io.duckgres.controlplane.proto.DrainRequest;
import io.duckgres.controlplane.proto.HandedOverWorker;
import io.duckgres.controlplane.proto.HealthRequest;
import io.duckgres.controlplane.proto.HealthResponse;
import io.duckgres.controlplane.proto.Prelude;
import io.duckgres.controlplane.proto.SetUsersRequest;
import io.duckgres.controlplane.proto.ShutdownRequest;
import io.duckgres.controlplane.proto.WorkerControlGrpc;
import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control plane's view of one worker process and its two channels to it: gRPC worker control
 * and the fd socket.
 *
 * <p>{@link #exited} completes when the process ends, for a worker this control plane started as
 * for one it received through handover (which is not its child): every wait on a worker's end goes
 * through it, so no wait depends on how the worker was obtained. (The original forgot this for
 * handed-over workers, and its shutdown and rolling update always ran into their timeouts.)
 */
final class Worker {
  enum State {
    /** Spawned, not yet configured: gets no connections. */
    STARTING,
    /** Gets new connections. */
    ACTIVE,
    /** Gets no new connections; its sessions go on until they end or the drain timeout. */
    DRAINING,
    /** Asked to shut down, or found dead; gone from the pool. */
    STOPPED
  }

  private static final Duration FD_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** How long a live worker may take to answer a hand-off before its outcome counts as unknown. */
  private static final Duration HAND_OFF_ANSWER_TIMEOUT = Duration.ofSeconds(10);

  final int id;
  final long pid;
  final Path controlSocket;
  final Path fdSocket;
  final int firstProcessId;
  /** Which data directory the worker's DuckDB files live in; 0 when unknown (see the proto). */
  final int dataSlot;
  final ProcessHandle process;
  final CompletableFuture<ProcessHandle> exited;
  final long startedNanos = System.nanoTime();
  private final EventLoopGroup group;
  private final ManagedChannel channel;
  private final WorkerControlGrpc.WorkerControlBlockingStub stub;
  private final AtomicInteger connections = new AtomicInteger();
  private volatile State state = State.STARTING;
  private volatile boolean suspect;
  private volatile FdSender fdSender;
  private int failedHealthChecks;
  /** Multi-tenant mode: the org this worker serves for the rest of its life; null while neutral. */
  private volatile String org;
  private volatile MetadataStoreFlavor flavor;
  /** Claimed for an activation in progress: not neutral any more, not yet serving. */
  private volatile boolean reserved;
  /** When the worker last had a connection (or was bound): the hot-idle clock starts here. */
  private volatile long lastBusyNanos = System.nanoTime();

  Worker(int id, ProcessHandle process, Path controlSocket, Path fdSocket, int firstProcessId,
      int dataSlot, EventLoopGroup group) {
    this.id = id;
    this.pid = process.pid();
    this.process = process;
    this.exited = process.onExit();
    this.controlSocket = controlSocket;
    this.fdSocket = fdSocket;
    this.firstProcessId = firstProcessId;
    this.dataSlot = dataSlot;
    this.group = group;
    this.channel = NettyChannelBuilder
        .forAddress(new DomainSocketAddress(controlSocket.toFile()))
        .eventLoopGroup(group)
        .channelType(EpollDomainSocketChannel.class)
        .usePlaintext()
        .build();
    this.stub = WorkerControlGrpc.newBlockingStub(channel);
  }

  State state() {
    return state;
  }

  void state(State next) {
    state = next;
  }

  int connections() {
    return connections.get();
  }

  boolean isAlive() {
    return !exited.isDone() && process.isAlive();
  }

  /**
   * Dead, or a zombie: a worker received through handover is not our child, and once its first
   * parent has exited it may linger unreaped, which never "exits" for us.
   */
  boolean isGone() {
    return !isAlive() || isZombie(pid);
  }

  /** ACTIVE, alive and not under suspicion: may be given a new connection. */
  boolean takesConnections() {
    return state == State.ACTIVE && !suspect && !exited.isDone();
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int end = stat.lastIndexOf(')');
      return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  HealthResponse health(Duration timeout) {
    HealthResponse health = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .health(HealthRequest.getDefaultInstance());
    connections.set(health.getConnections());
    if (health.getConnections() > 0) {
      lastBusyNanos = System.nanoTime();
    }
    return health;
  }

  void configure(Duration timeout, boolean awaitTenant) throws IOException {
    stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .configure(ConfigureRequest.newBuilder()
            .setWorkerId(id)
            .setFirstProcessId(firstProcessId)
            .setProcessIdCount(PidRanges.SIZE)
            .setDataSlot(dataSlot)
            .setAwaitTenant(awaitTenant)
            .build());
    connectHandOff();
  }

  /** Binds the worker to {@code org} (the Activate RPC); it then serves that org only. */
  void activate(ActivateRequest request, Duration timeout) {
    ActivateResponse answer = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .activate(request);
    bound(request.getOrg(), MetadataStoreFlavor.parse(answer.getFlavor()));
  }

  void setUsers(SetUsersRequest request, Duration timeout) {
    stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS).setUsers(request);
  }

  /** Records the org and flavor the worker serves (after Activate, or as a handover says). */
  void bound(String boundOrg, MetadataStoreFlavor boundFlavor) {
    flavor = boundFlavor;
    org = boundOrg;
    reserved = false;
    lastBusyNanos = System.nanoTime();
  }

  String org() {
    return org;
  }

  MetadataStoreFlavor flavor() {
    return flavor;
  }

  /** ACTIVE, taking connections, bound to no org and not claimed by an activation. */
  boolean neutral() {
    return org == null && !reserved && takesConnections();
  }

  /** Claims a neutral worker for an activation; false when another one claimed it first. */
  synchronized boolean reserve() {
    if (!neutral()) {
      return false;
    }
    reserved = true;
    return true;
  }

  synchronized void unreserve() {
    reserved = false;
  }

  boolean isReserved() {
    return reserved;
  }

  /** Nanoseconds since the worker last held a connection. */
  long idleNanos() {
    return connections.get() > 0 ? 0 : System.nanoTime() - lastBusyNanos;
  }

  /**
   * Hands a client socket over without blocking (see {@link FdSender}): the future completes with
   * the worker's connection count once it adopted the socket. Counts the connection at once, so
   * concurrent hand-offs spread before the answer or the next health report.
   */
  CompletableFuture<Integer> handOff(int fd, Prelude prelude, byte[] replay) {
    connections.incrementAndGet();
    lastBusyNanos = System.nanoTime();
    FdSender sender = fdSender;
    CompletableFuture<Integer> answer = sender == null
        ? CompletableFuture.failedFuture(new FdSender.HandOffException(
            FdSender.Failure.NOT_SENT, "no hand-off connection to " + this))
        : sender.handOff(fd, prelude.getNumber(), replay);
    return answer.whenComplete((held, failed) -> {
      if (failed == null) {
        connections.set(held);
      } else {
        connections.decrementAndGet();
      }
    });
  }

  /**
   * Excludes the worker from new connections until it passes a health check again: a hand-off
   * to it just failed in a way that suggests it is dying.
   */
  void suspect() {
    suspect = true;
  }

  boolean isSuspect() {
    return suspect;
  }

  /**
   * Opens the hand-off connections unless they are open. Blocks: called when the worker has been
   * configured, and again after each passed health check (the connections close only when the
   * worker's end does, which is usually the first sign of its death).
   */
  void connectHandOff() throws IOException {
    FdSender sender = fdSender;
    if (sender != null && sender.isOpen()) {
      return;
    }
    synchronized (this) {
      sender = fdSender;
      if (sender == null || !sender.isOpen()) {
        sender = FdSender.connect(group, fdSocket, FD_CONNECT_TIMEOUT, HAND_OFF_ANSWER_TIMEOUT);
        // No new connections until a health check passes.
        sender.onClose(this::suspect);
        fdSender = sender;
      }
    }
  }

  boolean cancelQuery(int processId, int secretKey, Duration timeout) {
    return stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .cancelQuery(CancelQueryRequest.newBuilder()
            .setProcessId(processId).setSecretKey(secretKey).build())
        .getCancelled();
  }

  int drain(Duration timeout) {
    int left = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .drain(DrainRequest.getDefaultInstance())
        .getConnections();
    connections.set(left);
    return left;
  }

  void shutdown(Duration timeout) {
    stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .shutdown(ShutdownRequest.getDefaultInstance());
  }

  /** Counts a failed health check; returns how many failed in a row. */
  synchronized int healthCheckFailed() {
    return ++failedHealthChecks;
  }

  synchronized void healthCheckPassed() {
    failedHealthChecks = 0;
    suspect = false;
  }

  boolean owns(int processId) {
    return PidRanges.contains(firstProcessId, processId);
  }

  HandedOverWorker describe() {
    return HandedOverWorker.newBuilder()
        .setWorkerId(id)
        .setPid(pid)
        .setControlSocket(controlSocket.toString())
        .setFdSocket(fdSocket.toString())
        .setFirstProcessId(firstProcessId)
        .setProcessIdCount(PidRanges.SIZE)
        .setDraining(state == State.DRAINING)
        .setDataSlot(dataSlot)
        .setOrg(org == null ? "" : org)
        .setFlavor(flavor == null ? "" : flavor.spelling())
        .build();
  }

  /** Closes this control plane's channels to the worker; the worker itself is not affected. */
  void disconnect() {
    FdSender sender = fdSender;
    if (sender != null) {
      sender.close();
    }
    channel.shutdownNow();
  }

  @Override
  public String toString() {
    String bound = org;
    return "worker " + id + " (pid " + pid + (bound == null ? "" : ", org " + bound) + ")";
  }
}
