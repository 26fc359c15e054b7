package io.duckgres.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The real server as a separate process, started from the runnable jar the app module built, as a
 * user would start it. Output goes to a log file in the data directory so a failing test can show
 * it.
 */
public final class ServerProcess implements AutoCloseable {
  public static final String PASSWORD = "postgres";

  private final Path dataDir;
  private final int port;
  private final List<String> extraArgs;
  private Path log;
  private List<String> jvmOptions = List.of("-Xmx512m");
  private Process process;

  public ServerProcess(Path dataDir, String... extraArgs) throws IOException {
    this(dataDir, freePort(), extraArgs);
  }

  public ServerProcess(Path dataDir, int port, String... extraArgs) {
    this.dataDir = dataDir;
    this.port = port;
    this.extraArgs = List.of(extraArgs);
    this.log = dataDir.resolve("server-" + port + ".log");
  }

  public static ServerProcess start(Path dataDir, String... extraArgs) throws Exception {
    ServerProcess server = new ServerProcess(dataDir, extraArgs);
    server.start();
    return server;
  }

  public void start() throws Exception {
    Files.createDirectories(dataDir);
    List<String> command = javaCommand(jvmOptions);
    command.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(port),
        "--data-dir", dataDir.toString(), "--threads", "2", "--memory-limit", "1GB"));
    command.addAll(extraArgs);
    process = launch(command, dataDir, log);
    awaitListening(Duration.ofSeconds(60));
  }

  // ---- shared with the control plane's process helper (it.controlplane.ControlPlaneProcess) ----

  /** {@code java <jvmOptions> -jar duckgres.jar}, to which the caller adds duckgres's flags. */
  public static List<String> javaCommand(List<String> jvmOptions) {
    String jar = System.getProperty("duckgres.jar", "../app/target/duckgres.jar");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar));
    return command;
  }

  /**
   * Starts {@code command} in {@code directory} with stdout and stderr appended to {@code log},
   * without the test runner's DUCKGRES_* variables (which would change the configuration).
   */
  public static Process launch(List<String> command, Path directory, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().entrySet().removeIf(e -> e.getKey().startsWith("DUCKGRES_"));
    return builder.start();
  }

  public static String readLog(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** SIGTERM; SIGKILL when the process is still there after {@code grace}. */
  public static void terminate(Process process, Duration grace) throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private void awaitListening(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited with " + process.exitValue() + ":\n" + log());
      }
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("server did not listen within " + timeout + ":\n" + log());
  }

  /** JVM options for the next start (default: -Xmx512m). */
  /** Writes the server's output to {@code file} instead of the data directory. */
  public ServerProcess logTo(Path file) {
    this.log = file;
    return this;
  }

  public ServerProcess jvmOptions(String... options) {
    this.jvmOptions = List.of(options);
    return this;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** A pgJDBC connection over TLS as user postgres. */
  public Connection connect() throws SQLException {
    return connect("postgres", PASSWORD, new Properties());
  }

  public Connection connect(String user, String password, Properties extra) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("sslmode", "require");
    properties.setProperty("connectTimeout", "20");
    properties.putAll(extra);
    return DriverManager.getConnection(url(), properties);
  }

  /** SIGTERM, then waits for the process to exit; returns its exit code. */
  public int stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return process == null ? 0 : process.exitValue();
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("server ignored SIGTERM for 60s:\n" + log());
    }
    return process.exitValue();
  }

  /** SIGKILL. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  public String log() {
    return readLog(log);
  }

  @Override
  public void close() throws Exception {
    terminate(process, Duration.ofSeconds(30));
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
