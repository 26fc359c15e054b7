package io.duckgres.controlplane.pool;

import io.grpc.StatusRuntimeException;
import io.netty.channel.EventLoopGroup;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts worker processes and tells when one is gone. A worker is started with the control
 * plane's own command (the jar on disk now) plus {@code --mode worker} and its two socket paths,
 * then asked for its health until it answers, then configured with its PID range.
 */
final class WorkerLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerLauncher.class);
  /** Process start to answering, and again Configure (TLS set-up; slow on a loaded host). */
  static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(120);

  private final List<String> workerCommand;
  private final Path socketDir;
  private final EventLoopGroup group;
  private final boolean awaitTenant;
  private final String namePrefix = "p" + ProcessHandle.current().pid();
  /** Started but not yet configured: {@link #killStarting()} stops them with the pool. */
  private final Set<Process> starting = ConcurrentHashMap.newKeySet();

  WorkerLauncher(List<String> workerCommand, Path socketDir, EventLoopGroup group,
      boolean awaitTenant) {
    this.awaitTenant = awaitTenant;
    this.workerCommand = List.copyOf(workerCommand);
    this.socketDir = socketDir;
    this.group = group;
  }

  /**
   * Starts worker {@code id} and configures it with the PID range from {@code firstProcessId}
   * and data slot {@code dataSlot}; on failure the process is killed and the exception says why.
   */
  Worker launch(int id, int firstProcessId, int dataSlot) throws IOException {
    String name = "w" + id + "-" + namePrefix;
    Path control = socketDir.resolve(name + ".ctl");
    Path fd = socketDir.resolve(name + ".fd");
    List<String> command = new ArrayList<>(workerCommand);
    command.addAll(List.of("--mode", "worker", "--worker-control-socket", control.toString(),
        "--worker-fd-socket", fd.toString(), "--worker-id", Integer.toString(id)));
    // Inherited output: a worker must outlive this process after a handover, so its output must
    // not be a pipe into it.
    Process process = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    starting.add(process);
    Worker worker = new Worker(id, process.toHandle(), control, fd, firstProcessId, dataSlot,
        group);
    LOG.info("starting {}", worker);
    try {
      awaitAnswer(worker, SPAWN_TIMEOUT);
      worker.configure(SPAWN_TIMEOUT, awaitTenant);
      return worker;
    } catch (IOException | RuntimeException e) {
      process.destroyForcibly();
      worker.disconnect();
      throw new IOException(worker + " did not start: " + e.getMessage(), e);
    } finally {
      starting.remove(process);
    }
  }

  /** Kills workers still starting (they have no clients yet). */
  void killStarting() {
    for (Process process : starting) {
      process.destroyForcibly();
    }
  }

  private static void awaitAnswer(Worker worker, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!worker.isAlive()) {
        throw new IOException("the process exited");
      }
      if (Files.exists(worker.controlSocket)) {
        try {
          worker.health(Duration.ofSeconds(2));
          return;
        } catch (StatusRuntimeException notYet) {
          last = notYet.getStatus().toString();
        }
      }
      sleep(100);
    }
    throw new IOException("no answer within " + timeout + " (" + last + ")");
  }

  /**
   * Waits until the process is gone. Polls {@link Worker#isGone()} rather than waits on {@link
   * Worker#exited} alone, which never completes for a handed-over worker left a zombie.
   */
  static boolean awaitGone(Worker worker, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (worker.isGone()) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      sleep(20);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
