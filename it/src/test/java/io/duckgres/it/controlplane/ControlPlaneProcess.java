package io.duckgres.it.controlplane;

import io.duckgres.it.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real control plane as a separate process ({@code java -jar app/target/duckgres.jar --mode
 * control-plane}), with its real worker processes, as an operator would start it. The control
 * plane and its workers all write to one log file in the test's directory.
 *
 * <p>Workers are found by their command line, which names this test's socket directory; {@link
 * #close()} kills any that outlived their control plane, so a failed test leaves nothing behind.
 */
public final class ControlPlaneProcess implements AutoCloseable {
  public static final String PASSWORD = ServerProcess.PASSWORD;

  private final Path dir;
  private final int port;
  private final int metricsPort;
  private final List<String> extraArgs;
  private final Path log;
  private Process process;

  /**
   * @param dir the test's directory: data, sockets and logs live under it (kept short: Unix socket
   *     paths are limited to 107 bytes)
   */
  public ControlPlaneProcess(Path dir, int port, String logName, String... extraArgs)
      throws IOException {
    this.dir = dir;
    this.port = port;
    this.metricsPort = ServerProcess.freePort();
    this.extraArgs = List.of(extraArgs);
    this.log = dir.resolve(logName);
  }

  /** Starts and waits until it accepts connections (fresh or taken over). */
  public ControlPlaneProcess start() throws Exception {
    Files.createDirectories(dir);
    // JVM options are inherited by the workers; quick start-up matters more here than peak speed.
    List<String> command = ServerProcess.javaCommand(
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(List.of(
        "--mode", "control-plane",
        "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--data-dir", dir.resolve("data").toString(),
        "--socket-dir", socketDir().toString(),
        "--handover-socket", dir.resolve("handover.sock").toString(),
        "--metrics-port", Integer.toString(metricsPort),
        "--threads", "1", "--memory-limit", "256MB",
        // Built into duckdb_jdbc: the tests do not depend on downloadable extensions.
        "--extensions", "parquet"));
    command.addAll(extraArgs);
    process = ServerProcess.launch(command, dir, log);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "control plane exited with " + process.exitValue() + ":\n" + log());
      }
      if (log().contains("control plane listening on")) {
        return this;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("control plane did not start within 120s:\n" + log());
  }

  public Path socketDir() {
    return dir.resolve("run");
  }

  public int port() {
    return port;
  }

  public Process process() {
    return process;
  }

  public Connection connect() throws SQLException {
    return connect(new Properties());
  }

  public Connection connect(Properties extra) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "postgres");
    properties.setProperty("password", PASSWORD);
    properties.setProperty("sslmode", "require");
    properties.setProperty("connectTimeout", "30");
    properties.putAll(extra);
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
  }

  /**
   * PIDs of the live worker processes this test's control planes started (any generation),
   * found by the socket directory on their command line. Zombies do not count.
   */
  public Set<Long> workerPids() {
    String marker = "--worker-control-socket " + socketDir();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .filter(p -> !isZombie(p.pid()))
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  /** Waits until {@code condition} holds; fails with the log after {@code timeout}. */
  public void await(String what, Duration timeout, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what + "\n" + log());
  }

  /** The control plane's {@code --metrics-port}; worker N serves its own on this + N. */
  public int metricsPort() {
    return metricsPort;
  }

  /** The Prometheus text from {@code --metrics-port}. */
  public String metrics() throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
            .timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /** Sends a signal by name (USR2, TERM, KILL) with kill(1). */
  public void signal(String name) throws IOException, InterruptedException {
    signal(process.pid(), name);
  }

  public static void signal(long pid, String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + name + " " + pid + " failed");
    }
  }

  /** SIGTERM and wait; returns the exit status. */
  public int stop(Duration timeout) throws Exception {
    if (!process.isAlive()) {
      return process.exitValue();
    }
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("control plane ignored SIGTERM for " + timeout + "\n" + log());
    }
    return process.exitValue();
  }

  public String log() {
    return ServerProcess.readLog(log);
  }

  @Override
  public void close() throws Exception {
    ServerProcess.terminate(process, Duration.ofSeconds(30));
  }

  /** Kills every worker of this test directory that is still alive (after a failure). */
  public void killLeftoverWorkers() {
    for (long pid : workerPids()) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int end = stat.lastIndexOf(')');
      return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return true; // Gone.
    }
  }
}
