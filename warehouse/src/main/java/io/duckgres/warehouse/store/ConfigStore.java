package io.duckgres.warehouse.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.warehouse.store.ConfigStoreException.Reason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-tenant config store: orgs, their users (SCRAM verifiers) and their managed warehouses,
 * in a PostgreSQL database, brought to this build's schema when opened.
 *
 * <p>Readers (tenant routing, the activator) find an org by id or by database name, read its
 * warehouse and users, build the DuckLake settings of a warehouse with {@link #duckLakeConfig},
 * and hear about every change through {@link #addListener} at once. Writers (the provisioning API
 * and the reconciler) use the methods below; every write is one transaction that also notifies
 * other control planes on the same store.
 *
 * <p>Concurrency is the database's: unique keys decide which of two provisions of one org wins,
 * and state changes are conditional updates, so several control planes may share one store.
 */
public final class ConfigStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);

  private final ConfigStoreLocation location;
  private final HikariDataSource pool;
  private final SecretBox secrets;
  private final Path dataDirectory;
  private final ChangeNotifier notifier;
  private final StoreWrites writes;

  private ConfigStore(ConfigStoreLocation location, HikariDataSource pool, SecretBox secrets,
      Path dataDirectory, ChangeNotifier notifier) {
    this.location = location;
    this.pool = pool;
    this.secrets = secrets;
    this.dataDirectory = dataDirectory;
    this.notifier = notifier;
    this.writes = new StoreWrites(pool, secrets, notifier);
  }

  /**
   * Connects, migrates the schema (refusing a store whose applied migrations differ from this
   * build's), and starts listening for other control planes' changes.
   *
   * @param dataDirectory where local data stores live: {@code <dataDirectory>/tenants/<org>/data}
   */
  public static ConfigStore open(ConfigStoreLocation location, SecretBox secrets,
      Path dataDirectory) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("config-store");
    config.setJdbcUrl(location.jdbcUrl());
    config.setUsername(location.user());
    config.setPassword(location.password());
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(10_000);
    config.addDataSourceProperty("ApplicationName", "duckgres config store");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new ConfigStoreException(Reason.UNAVAILABLE, "cannot connect to the config store "
          + location + ": " + rootMessage(e), e);
    }
    ChangeNotifier notifier = new ChangeNotifier(location);
    try {
      ConfigStoreMigrations.migrate(pool);
      notifier.start();
    } catch (SQLException | RuntimeException e) {
      notifier.close();
      pool.close();
      if (e instanceof IllegalStateException) {
        throw (IllegalStateException) e;
      }
      throw new ConfigStoreException(Reason.UNAVAILABLE, "cannot open the config store "
          + location + ": " + rootMessage(e), e);
    }
    LOG.info("config store open at {}", location);
    return new ConfigStore(location, pool, secrets, dataDirectory.toAbsolutePath(), notifier);
  }

  // ---- Reading ----

  public Optional<Org> findOrg(String orgId) {
    return queryOne("SELECT * FROM orgs WHERE org_id = ?", orgId, StoreRows::org);
  }

  /** The org whose database name a client put in its StartupMessage. */
  public Optional<Org> findOrgByDatabase(String databaseName) {
    return queryOne("SELECT * FROM orgs WHERE database_name = ?", databaseName, StoreRows::org);
  }

  public List<Org> listOrgs() {
    return queryList("SELECT * FROM orgs ORDER BY org_id", null, StoreRows::org);
  }

  /** The org's warehouse row, whatever its state. */
  public Optional<Warehouse> warehouse(String orgId) {
    return queryOne("SELECT " + StoreRows.WAREHOUSE_COLUMNS
        + " FROM managed_warehouses WHERE org_id = ?", orgId, StoreRows::warehouse);
  }

  public List<Warehouse> listWarehouses() {
    return queryList("SELECT " + StoreRows.WAREHOUSE_COLUMNS
        + " FROM managed_warehouses ORDER BY org_id", null, StoreRows::warehouse);
  }

  /** The org's users with their SCRAM verifiers, by name. */
  public List<OrgUser> users(String orgId) {
    return queryList("SELECT * FROM org_users WHERE org_id = ? ORDER BY name", orgId,
        StoreRows::user);
  }

  public Optional<OrgUser> user(String orgId, String name) {
    List<OrgUser> found = queryList("SELECT * FROM org_users WHERE org_id = ? AND name = ?",
        new Object[] {orgId, name}, StoreRows::user);
    return found.stream().findFirst();
  }

  /**
   * The DuckLake settings a worker applies before serving this warehouse's org: catalog
   * connection, data path or bucket, S3 settings and the row's metadata-store flavor, with
   * secrets decrypted. The result carries passwords: run it, never log more than its
   * {@code toString()}, which masks them.
   */
  public DuckLakeConfig duckLakeConfig(Warehouse warehouse) {
    return DuckLakeConfigs.build(warehouse, location, localDataPath(warehouse.orgId()),
        this::reveal);
  }

  /** Where an org's local data store keeps its Parquet files. */
  public Path localDataPath(String orgId) {
    return dataDirectory.resolve("tenants").resolve(orgId).resolve("data");
  }

  /** Decrypts a secret of a row read from this store. */
  public String reveal(EncryptedSecret secret) {
    return secrets.open(secret.ciphertext(), secret.context());
  }

  /** Which server and database hold the store (the internal metadata stores live there too). */
  public ConfigStoreLocation location() {
    return location;
  }

  /**
   * Calls {@code listener} on every change from now on, made here or by another control plane.
   * Close the returned handle to stop.
   */
  public AutoCloseable addListener(ConfigChangeListener listener) {
    return notifier.addListener(listener);
  }

  // ---- Writing (provisioning API, reconciler) ----

  /**
   * Creates an org with its warehouse (state {@code pending}) and its first user, in one
   * transaction. An org whose warehouse {@code failed} is replaced.
   *
   * @throws ConfigStoreException CONFLICT when the org exists and has not failed, or the database
   *     name belongs to another org
   */
  public Warehouse provision(String orgId, String databaseName, WarehouseSpec spec,
      String userName, String scramVerifier) {
    return provision(orgId, databaseName, spec, userName, scramVerifier, false);
  }

  /** As above; {@code admin} makes the first user the org's admin. */
  public Warehouse provision(String orgId, String databaseName, WarehouseSpec spec,
      String userName, String scramVerifier, boolean admin) {
    writes.provision(orgId, databaseName, internalDatabaseName(orgId), spec, userName,
        scramVerifier, admin);
    return warehouse(orgId).orElseThrow();
  }

  /** The name of the database an internal metadata store gets on the config store's server. */
  public static String internalDatabaseName(String orgId) {
    return "ducklake_" + orgId.replace('-', '_');
  }

  /**
   * Moves the org's warehouse to {@code deleting}; the reconciler then removes it.
   *
   * @throws ConfigStoreException NOT_FOUND when there is no such org
   */
  public void markDeleting(String orgId) {
    writes.markDeleting(orgId);
  }

  /**
   * Moves a warehouse from {@code from} to {@code to} with a status message, only if it is still
   * in {@code from}: the conditional update is how one reconciler claims a row.
   */
  public boolean transition(String orgId, WarehouseState from, WarehouseState to,
      String statusMessage) {
    return writes.transition(orgId, from, to, statusMessage);
  }

  /** Counts a failed attempt in the current state and records why. */
  public void recordAttempt(String orgId, WarehouseState state, String statusMessage) {
    writes.recordAttempt(orgId, state, statusMessage);
  }

  /** Removes the org, its users and its warehouse row. */
  public void deleteOrg(String orgId) {
    writes.deleteOrg(orgId);
  }

  /** @throws ConfigStoreException NOT_FOUND (no org) or CONFLICT (the user exists) */
  public void addUser(String orgId, String name, String scramVerifier) {
    addUser(orgId, name, scramVerifier, false);
  }

  /**
   * As above; {@code admin} makes the user the org's admin (a superuser of its warehouse).
   *
   * @throws ConfigStoreException NOT_FOUND (no org) or CONFLICT (the user exists)
   */
  public void addUser(String orgId, String name, String scramVerifier, boolean admin) {
    writes.addUser(orgId, name, scramVerifier, admin);
  }

  /**
   * Makes the user the org's admin, or an ordinary user again.
   *
   * @throws ConfigStoreException NOT_FOUND when the org or the user does not exist
   */
  public void setUserAdmin(String orgId, String name, boolean admin) {
    writes.setUserAdmin(orgId, name, admin);
  }

  /** @throws ConfigStoreException NOT_FOUND when the org or the user does not exist */
  public void setUserVerifier(String orgId, String name, String scramVerifier) {
    writes.setUserVerifier(orgId, name, scramVerifier);
  }

  /** @throws ConfigStoreException NOT_FOUND when the org or the user does not exist */
  public void deleteUser(String orgId, String name) {
    writes.deleteUser(orgId, name);
  }

  /** The pool, for the reconciler's administrative statements (CREATE/DROP DATABASE). */
  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    notifier.close();
    pool.close();
  }

  @Override
  public String toString() {
    return "ConfigStore[" + location + "]";
  }

  // ---- Helpers ----

  /** Reads one column-mapped row. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private <T> Optional<T> queryOne(String sql, String key, RowReader<T> reader) {
    return queryList(sql, new Object[] {key}, reader).stream().findFirst();
  }

  private <T> List<T> queryList(String sql, Object keys, RowReader<T> reader) {
    Object[] parameters = keys == null ? new Object[0]
        : keys instanceof Object[] array ? array : new Object[] {keys};
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<T> out = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          out.add(reader.read(rows));
        }
      }
      return out;
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  static ConfigStoreException unavailable(SQLException e) {
    return new ConfigStoreException(Reason.UNAVAILABLE, "config store: " + e.getMessage(), e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
