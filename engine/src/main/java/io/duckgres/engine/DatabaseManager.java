package io.duckgres.engine;

import io.duckgres.engine.catalog.PgCatalog;
import io.duckgres.engine.ducklake.DuckLakeAttacher;
import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.engine.ducklake.DuckLakeException;
import io.duckgres.engine.error.ErrorClassifier;
import io.duckgres.engine.extensions.ExtensionException;
import io.duckgres.engine.extensions.ExtensionLoader;
import io.duckgres.engine.security.DatabaseAccess;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens each database file once and keeps it open for the life of the process, so every session
 * of a user shares one DuckDB instance (and its caches). Database names become file names in the
 * data directory; characters that are not safe in a file name are escaped, so a user called
 * {@code ../x} cannot reach outside it.
 */
public final class DatabaseManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseManager.class);

  private final EngineSettings settings;
  private final Map<String, Database> open = new ConcurrentHashMap<>();
  /** Superusers' instances of databases that are opened for ordinary users (a tenant's). */
  private final Map<String, Database> openForSuperusers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** How a database instance limits what its sessions may reach (see DatabaseAccess). */
  private enum Access {
    /** No server file, no database-wide setting. */
    ORDINARY,
    /** Everything: a configured superuser's own database. */
    SUPERUSER,
    /** Files as ORDINARY; database-wide settings that name no path: a tenant admin's. */
    CONFINED_SUPERUSER
  }

  public DatabaseManager(EngineSettings settings) {
    this.settings = settings;
  }

  /** Returns the database for {@code name}, opening its file on first use. */
  public Database database(String name) {
    return database(name, false);
  }

  /**
   * Returns the database for a session on {@code name}. A superuser's session on a database that
   * is opened for ordinary users (a tenant's, which all the org's users share) gets an instance of
   * its own, opened on first use: DuckDB's access limits hold for a whole instance and cannot be
   * lifted once set. That instance has a file of its own (one DuckDB file is open in one instance
   * only) and attaches the same lake, so it sees the same tables; it keeps the tenant's walls (see
   * DatabaseAccess). A configured superuser's own database is opened unrestricted already.
   */
  public Database database(String name, boolean superuserSession) {
    if (closed) {
      throw PgException.fatal(SqlState.ADMIN_SHUTDOWN, "the database system is shutting down");
    }
    if (superuserSession && !settings.superusers().contains(name)) {
      return openForSuperusers.computeIfAbsent(name,
          key -> openDatabase(key, settings.dataDirectory().resolve("superuser"),
              Access.CONFINED_SUPERUSER));
    }
    return open.computeIfAbsent(name, key -> openDatabase(key, settings.dataDirectory(),
        settings.superusers().contains(key) ? Access.SUPERUSER : Access.ORDINARY));
  }

  /** The databases open now (for figures read across all of them, such as memory in use). */
  public java.util.Collection<Database> openDatabases() {
    List<Database> all = new ArrayList<>(open.values());
    all.addAll(openForSuperusers.values());
    return List.copyOf(all);
  }

  private Database openDatabase(String name, Path directory, Access access) {
    Path file = directory.resolve(fileName(name));
    // One temp directory per database: DuckDB lets a database's sessions read and write its own
    // temp directory even without external access, so a shared one would show every user the
    // others' spill and COPY files.
    String stem = fileName(name).substring(0, fileName(name).length() - ".duckdb".length());
    Path temp = directory.resolve("tmp").resolve(stem);
    try {
      Files.createDirectories(temp);
    } catch (IOException e) {
      throw new PgException(PgException.Severity.FATAL, SqlState.IO_ERROR,
          "could not create directory \"" + temp + "\": " + e.getMessage(), null, null, 0, e);
    }
    Properties properties = new Properties();
    properties.setProperty("temp_directory", temp.toString());
    // Results stream from DuckDB as the client reads them: without this the driver has DuckDB
    // materialise every result natively before the first row, so a client that stops reading a
    // huge result holds gigabytes of the server's memory.
    properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
    // A failed write (a full disk) must not invalidate the database: DuckDB would otherwise
    // refuse every later statement of every session, reads included, until the process restarts.
    // Without invalidation the failing statement gets its error, reads go on, and writes work
    // again once there is space; what was committed is in the WAL either way.
    properties.setProperty("disable_database_invalidation", "true");
    if (settings.memoryLimit() != null) {
      properties.setProperty("memory_limit", settings.memoryLimit());
    }
    if (settings.threads() > 0) {
      properties.setProperty("threads", Integer.toString(settings.threads()));
    }
    if (settings.extensionDirectory() != null) {
      properties.setProperty("extension_directory", settings.extensionDirectory().toString());
    }
    try {
      DuckDBConnection root =
          (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, properties);
      LOG.info("opened database {} at {} ({} access)", name, file,
          access.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      List<String> sessionSetup = prepare(name, root);
      installCatalog(name, root);
      limitAccess(name, root, access);
      return new Database(name, root, temp, sessionSetup, access != Access.ORDINARY,
          access != Access.SUPERUSER);
    } catch (SQLException e) {
      PgException classified = ErrorClassifier.classify(e, "");
      throw new PgException(PgException.Severity.FATAL, classified.sqlState(),
          "could not open database \"" + name + "\": " + classified.getMessage(), null, null, 0, e);
    }
  }

  /**
   * Loads the configured extensions and attaches the DuckLake catalog, if any, on a database that
   * has just opened. Returns what every session on it runs first ({@code USE ducklake}). A failure
   * closes the database again and fails the open: a client must never land in a plain DuckDB file
   * when the operator configured a lake.
   */
  private List<String> prepare(String name, DuckDBConnection root) {
    DuckLakeConfig lake = settings.duckLake();
    try {
      new ExtensionLoader(settings.extensionDirectory())
          .load(root, settings.extensions(), lake.requiredExtensions());
      DuckLakeAttacher.attach(root, lake);
      return lake.sessionStatements();
    } catch (ExtensionException | DuckLakeException | IllegalStateException e) {
      LOG.error("database {}: {}", name, e.getMessage()
          + (e instanceof DuckLakeException lakeFailure && lakeFailure.hint() != null
              ? " (" + lakeFailure.hint() + ")" : ""));
      try {
        root.close();
      } catch (SQLException ignored) {
        // Already failing; the reason above is what the operator needs.
      }
      String hint = e instanceof DuckLakeException lakeFailure ? lakeFailure.hint() : null;
      throw new PgException(PgException.Severity.FATAL, SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
          e.getMessage(), null, hint, 0, e);
    }
  }

  /**
   * The last step of opening: an ordinary user's database is closed to the server's files and
   * its configuration locked (see DatabaseAccess); the lake's data path stays reachable. A
   * failure closes the database and fails the open: it must never be served unrestricted.
   */
  private void limitAccess(String name, DuckDBConnection root, Access access) {
    try {
      if (access == Access.CONFINED_SUPERUSER) {
        DatabaseAccess.allowSuperuserSettings(root);
      } else {
        DatabaseAccess.allowSessionSettings(root);
      }
      if (access != Access.SUPERUSER) {
        List<String> directories = new ArrayList<>();
        String lakeData = settings.duckLake().enabled() ? settings.duckLake().dataLocation() : null;
        if (lakeData != null) {
          directories.add(lakeData);
        }
        DatabaseAccess.restrict(root, directories);
      }
    } catch (SQLException e) {
      LOG.error("database {}: could not restrict access: {}", name, e.getMessage());
      try {
        root.close();
      } catch (SQLException ignored) {
        // Already failing; the reason above is what the operator needs.
      }
      throw new PgException(PgException.Severity.FATAL, SqlState.INTERNAL_ERROR,
          "could not open database \"" + name + "\": access limits could not be applied", null,
          null, 0, e);
    }
  }

  /**
   * The catalog: pg_catalog and information_schema as PostgreSQL clients read
   * them, once per database. A failure is logged, not fatal: plain queries still work.
   */
  private static void installCatalog(String name, DuckDBConnection root) {
    try {
      PgCatalog.installDatabase(root, name);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("database {}: pg_catalog compatibility not installed: {}", name, e.getMessage());
    }
  }

  /** File name for a database: safe characters kept, everything else as {@code %XX} bytes. */
  static String fileName(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return out.append(".duckdb").toString();
  }

  /** Closes every database: DuckDB checkpoints each file so the WAL is folded in. */
  @Override
  public void close() {
    closed = true;
    for (Database database : openDatabases()) {
      try {
        database.close();
        LOG.info("closed database {}", database.name());
      } catch (SQLException e) {
        LOG.warn("closing database {} failed: {}", database.name(), e.getMessage());
      }
    }
    open.clear();
    openForSuperusers.clear();
  }
}
