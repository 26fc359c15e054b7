package io.duckgres.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The duckgres server under test, run from the runnable jar as a child process on 127.0.0.1 with
 * its own data directory, TLS on and SCRAM authentication (the defaults). The JVM writes a GC log
 * so the large-result workload can tell retained heap from garbage. If a workload crashes the
 * server, the next workload starts it again on the same data directory and port.
 */
final class DuckgresProcess implements AutoCloseable {
  private final BenchConfig config;
  private final Path dataDir;
  private final String label;
  private final List<String> modeArguments;
  private final Path logFile;
  private final Path gcLog;
  private final Path pidFile;
  private final int port;
  private Process process;
  private int restarts;
  private volatile String unavailable;

  DuckgresProcess(BenchConfig config, Path dataDir) throws IOException {
    this(config, dataDir, "duckgres", List.of());
  }

  /**
   * A duckgres started with {@code modeArguments} after the usual ones (e.g. {@code --mode
   * control-plane}); {@code label} names it in the table and names its files in the work
   * directory ({@code label.log}, {@code label.pid}, which bench/run's cleanup reads).
   */
  DuckgresProcess(BenchConfig config, Path dataDir, String label, List<String> modeArguments)
      throws IOException {
    this.config = config;
    this.dataDir = dataDir;
    this.label = label;
    this.modeArguments = List.copyOf(modeArguments);
    this.logFile = config.workDir().resolve(label + ".log");
    this.gcLog = config.workDir().resolve(label + "-gc.log");
    this.pidFile = config.workDir().resolve(label + ".pid");
    this.port = freePort();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(Endpoint.HOST, 0));
      return socket.getLocalPort();
    }
  }

  void start() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(config.serverJavaOptions());
    if (modeArguments.isEmpty()) {
      // Not for a control plane: its workers inherit its JVM options and would share the file.
      command.add("-Xlog:gc:file=" + gcLog + "::filecount=0");
    }
    command.addAll(List.of("-jar", config.duckgresJar().toString(),
        "--host", Endpoint.HOST, "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
    if (config.serverCertificate() != null && config.serverKey() != null) {
      // The same certificate and key as PostgreSQL's, so both TLS handshakes do the same work.
      command.addAll(List.of("--cert", config.serverCertificate().toString(), "--key", config.serverKey().toString()));
    }
    command.addAll(config.serverArguments());
    command.addAll(modeArguments);
    Log.info("starting %s on %s:%d (data dir %s)", label, Endpoint.HOST, port, dataDir);
    process = new ProcessBuilder(command)
        // A daemon has no terminal: if COPY … FROM STDIN ever reached DuckDB as a file read of
        // /dev/stdin, it must see end-of-file, not block on a pipe nobody writes to.
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .start();
    Files.writeString(pidFile, process.pid() + "\n");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("duckgres exited with code " + process.exitValue() + " while starting: " + logTail());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(Endpoint.HOST, port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IOException("duckgres did not accept connections within 90 s: " + logTail());
  }

  /** Starts the server again when a previous workload left it dead. */
  void ensureRunning() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      return;
    }
    if (process != null) {
      restarts++;
      Log.info("duckgres had exited with code %d; restarting it", process.exitValue());
    }
    start();
  }

  /**
   * Checks that duckgres answers `SELECT 1` over TLS + SCRAM, and remembers why not otherwise:
   * workloads then report their duckgres side as failed with that reason instead of spending
   * their time budget on connections that cannot succeed.
   */
  String probe() {
    try (Connection connection = endpoint().connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT 1")) {
      result.next();
      unavailable = null;
    } catch (SQLException e) {
      unavailable = "cannot connect: " + Figure.describe(e) + deathNote();
      Log.info("duckgres is unavailable: %s", unavailable);
    }
    return unavailable;
  }

  void markUnavailable(String reason) {
    unavailable = reason;
    Log.info("%s", reason);
  }

  /** Why duckgres could not be reached at the last probe, or null. */
  String unavailable() {
    return unavailable;
  }

  /** A sentence to add to an error when the server died under the workload, else empty. */
  String deathNote() {
    if (process == null || process.isAlive()) {
      return "";
    }
    return " (duckgres process exited with code " + process.exitValue() + "; log: " + logTail() + ")";
  }

  Endpoint endpoint() {
    return new Endpoint(label, port, config.user(), config.password(), config.statementTimeoutSeconds());
  }

  long pid() {
    return process.pid();
  }

  Path gcLog() {
    return gcLog;
  }

  int restarts() {
    return restarts;
  }

  /** The last lines of the server's log; read from the end, as the log can be large. */
  String logTail() {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long length = file.length();
      int size = (int) Math.min(length, 4096);
      byte[] bytes = new byte[size];
      file.seek(length - size);
      file.readFully(bytes);
      String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).strip().split("\n");
      List<String> tail = List.of(lines).subList(Math.max(0, lines.length - 5), lines.length);
      String text = String.join(" | ", tail).strip();
      return text.length() > 600 ? "…" + text.substring(text.length() - 600) : text;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** SIGTERM, then SIGKILL if the server has not exited after its graceful shutdown timeout. */
  synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    Log.info("stopping %s (pid %d)", label, process.pid());
    process.destroy();
    try {
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
