package io.duckgres.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL 15 server from Debian's binaries (scripts/ensure-test-tools installs
 * package postgresql-15), on 127.0.0.1 with trust authentication: the real PostgreSQL that a dump
 * of duckgres is restored into. PostgreSQL refuses to run as root, so when the tests run as root
 * the server runs as the {@code postgres} system user the package creates, in a directory of its
 * own under the system's temporary directory (JUnit's temporary directories are private to root).
 */
public final class Postgres15 implements AutoCloseable {
  public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path directory;
  private final Path dataDir;
  private final int port;

  private Postgres15(Path directory, Path dataDir, int port) {
    this.directory = directory;
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Starts a fresh server; {@link #close()} stops it and deletes its files. */
  public static Postgres15 start() throws Exception {
    Path directory = Files.createTempDirectory("duckgres-pg15-");
    Path dataDir = directory.resolve("pg15");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    if (isRoot()) {
      run(List.of("chown", "-R", "postgres:postgres", directory.toString()));
    }
    run(asServerUser(List.of(BIN.resolve("initdb").toString(), "-D", dataDir.toString(),
        "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8")));
    run(asServerUser(List.of(BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w",
        "-l", dataDir.resolve("server.log").toString(), "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory + " -c fsync=off",
        "start")));
    return new Postgres15(directory, dataDir, port);
  }

  public int port() {
    return port;
  }

  public Connection connect(String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "postgres");
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
  }

  @Override
  public void close() throws Exception {
    run(asServerUser(List.of(BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w",
        "-m", "immediate", "stop")));
    try (var files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asServerUser(List<String> command) {
    if (!isRoot()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
  }
}
