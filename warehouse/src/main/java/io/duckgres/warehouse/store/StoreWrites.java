package io.duckgres.warehouse.store;

import io.duckgres.warehouse.store.ConfigChange.Action;
import io.duckgres.warehouse.store.ConfigStoreException.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The config store's writes, each one transaction that also sends its changes with
 * {@code pg_notify} (delivered only on commit) and, once committed, hands them to this JVM's
 * listeners. Conflicts are decided by the database's keys, never by a Java lock, so control planes
 * sharing a store agree.
 */
final class StoreWrites {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private final DataSource pool;
  private final SecretBox secrets;
  private final ChangeNotifier notifier;

  StoreWrites(DataSource pool, SecretBox secrets, ChangeNotifier notifier) {
    this.pool = pool;
    this.secrets = secrets;
    this.notifier = notifier;
  }

  /** One transaction's work; returns the changes it made. */
  @FunctionalInterface
  private interface Work {
    List<ConfigChange> run(Connection transaction) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction, sends its changes with it, and once it has committed
   * hands them to this JVM's listeners. Returns whether anything changed.
   */
  private boolean inTransaction(Work work) {
    List<ConfigChange> changes;
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        changes = work.run(connection);
        for (ConfigChange change : changes) {
          notifier.notifyOthers(connection, change);
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw ConfigStore.unavailable(e);
    }
    notifier.deliverLocal(changes);
    return !changes.isEmpty();
  }

  void provision(String orgId, String databaseName, String internalDatabase, WarehouseSpec spec,
      String userName, String verifier, boolean admin) {
    inTransaction(connection -> {
      List<ConfigChange> changes = new ArrayList<>();
      String existing = null;
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT w.state FROM orgs o LEFT JOIN managed_warehouses w USING (org_id)"
              + " WHERE o.org_id = ? FOR UPDATE OF o")) {
        select.setString(1, orgId);
        try (ResultSet row = select.executeQuery()) {
          if (row.next()) {
            existing = row.getString(1) == null ? "" : row.getString(1);
          }
        }
      }
      if (existing != null) {
        if (!existing.equals(WarehouseState.FAILED.spelling())) {
          throw new ConfigStoreException(Reason.CONFLICT, "org " + orgId + " already exists"
              + (existing.isEmpty() ? "" : " (warehouse " + existing + ")"));
        }
        update(connection, "DELETE FROM orgs WHERE org_id = ?", orgId);
        changes.add(ConfigChange.org(Action.DELETED, orgId));
      }
      try {
        update(connection, "INSERT INTO orgs (org_id, database_name) VALUES (?, ?)", orgId,
            databaseName);
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw new ConfigStoreException(Reason.CONFLICT, e.getMessage().contains("database_name")
              ? "database name " + databaseName + " is taken by another org"
              : "org " + orgId + " already exists", e);
        }
        throw e;
      }
      insertWarehouse(connection, orgId, internalDatabase, spec);
      update(connection, "INSERT INTO org_users (org_id, name, scram_verifier, admin)"
          + " VALUES (?, ?, ?, ?)", orgId, userName, verifier, admin);
      changes.add(ConfigChange.org(Action.ADDED, orgId));
      changes.add(ConfigChange.warehouse(Action.ADDED, orgId));
      changes.add(ConfigChange.user(Action.ADDED, orgId, userName));
      return changes;
    });
  }

  private void insertWarehouse(Connection connection, String orgId, String internalDatabase,
      WarehouseSpec spec) throws SQLException {
    boolean external = spec.metadataStoreType() == MetadataStore.Type.EXTERNAL;
    boolean s3 = spec.dataStoreType() == DataStore.Type.S3;
    update(connection, "INSERT INTO managed_warehouses (org_id, state, status_message,"
            + " metadata_store_type, metadata_host, metadata_port, metadata_database,"
            + " metadata_user, metadata_password_enc, metadata_store_flavor, data_store_type,"
            + " s3_bucket, s3_prefix, s3_endpoint, s3_region, s3_url_style, s3_use_ssl,"
            + " s3_access_key_id_enc, s3_secret_access_key_enc)"
            + " VALUES (?, 'pending', 'waiting for the reconciler', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?)",
        orgId,
        spec.metadataStoreType().spelling(),
        external ? spec.metadataHost() : null,
        external ? spec.metadataPort() : null,
        external ? spec.metadataDatabase() : internalDatabase,
        // An internal store gets a login role of its own, named as its database, so a worker
        // never holds the config store's own credentials.
        external ? spec.metadataUser() : internalDatabase,
        seal(external ? spec.metadataPassword() : newRolePassword(), orgId, "metadata_password"),
        spec.flavor().spelling(),
        spec.dataStoreType().spelling(),
        s3 ? spec.s3Bucket() : null,
        s3 ? spec.s3Prefix() : null,
        s3 ? spec.s3Endpoint() : null,
        s3 ? spec.s3Region() : null,
        s3 ? spec.s3UrlStyle() : null,
        s3 ? spec.s3UseSsl() : null,
        s3 ? seal(spec.s3AccessKeyId(), orgId, "s3_access_key_id") : null,
        s3 ? seal(spec.s3SecretAccessKey(), orgId, "s3_secret_access_key") : null);
  }

  private static String newRolePassword() {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private byte[] seal(String plaintext, String orgId, String field) {
    return plaintext == null ? null : secrets.seal(plaintext, StoreRows.context(orgId, field));
  }

  void markDeleting(String orgId) {
    inTransaction(connection -> {
      int rows = update(connection, "UPDATE managed_warehouses SET state = 'deleting',"
          + " status_message = 'deprovisioning', attempts = 0, updated_at = now(),"
          + " state_changed_at = now() WHERE org_id = ? AND state <> 'deleting'", orgId);
      if (rows == 0 && !exists(connection, "SELECT 1 FROM managed_warehouses WHERE org_id = ?",
          orgId)) {
        throw new ConfigStoreException(Reason.NOT_FOUND, "no org " + orgId);
      }
      return rows == 0 ? List.of() : List.of(ConfigChange.warehouse(Action.CHANGED, orgId));
    });
  }

  boolean transition(String orgId, WarehouseState from, WarehouseState to, String message) {
    return inTransaction(connection -> {
      int rows = update(connection, "UPDATE managed_warehouses SET state = ?,"
          + " status_message = ?, updated_at = now(), state_changed_at = now()"
          + " WHERE org_id = ? AND state = ?", to.spelling(), message, orgId, from.spelling());
      return rows == 1 ? List.of(ConfigChange.warehouse(Action.CHANGED, orgId)) : List.of();
    });
  }

  void recordAttempt(String orgId, WarehouseState state, String message) {
    inTransaction(connection -> {
      int rows = update(connection, "UPDATE managed_warehouses SET attempts = attempts + 1,"
          + " status_message = ?, updated_at = now() WHERE org_id = ? AND state = ?", message,
          orgId, state.spelling());
      return rows == 0 ? List.of() : List.of(ConfigChange.warehouse(Action.CHANGED, orgId));
    });
  }

  void deleteOrg(String orgId) {
    inTransaction(connection -> {
      int rows = update(connection, "DELETE FROM orgs WHERE org_id = ?", orgId);
      return rows == 0 ? List.of() : List.of(ConfigChange.org(Action.DELETED, orgId));
    });
  }

  void addUser(String orgId, String name, String verifier, boolean admin) {
    inTransaction(connection -> {
      try {
        update(connection, "INSERT INTO org_users (org_id, name, scram_verifier, admin)"
            + " VALUES (?, ?, ?, ?)", orgId, name, verifier, admin);
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw new ConfigStoreException(Reason.CONFLICT,
              "user " + name + " already exists in org " + orgId, e);
        }
        if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
          throw new ConfigStoreException(Reason.NOT_FOUND, "no org " + orgId, e);
        }
        throw e;
      }
      return List.of(ConfigChange.user(Action.ADDED, orgId, name));
    });
  }

  void setUserVerifier(String orgId, String name, String verifier) {
    inTransaction(connection -> {
      requireOrg(connection, orgId);
      int rows = update(connection, "UPDATE org_users SET scram_verifier = ?, updated_at = now()"
          + " WHERE org_id = ? AND name = ?", verifier, orgId, name);
      if (rows == 0) {
        throw new ConfigStoreException(Reason.NOT_FOUND, "no user " + name + " in org " + orgId);
      }
      return List.of(ConfigChange.user(Action.CHANGED, orgId, name));
    });
  }

  void setUserAdmin(String orgId, String name, boolean admin) {
    inTransaction(connection -> {
      requireOrg(connection, orgId);
      int rows = update(connection, "UPDATE org_users SET admin = ?, updated_at = now()"
          + " WHERE org_id = ? AND name = ?", admin, orgId, name);
      if (rows == 0) {
        throw new ConfigStoreException(Reason.NOT_FOUND, "no user " + name + " in org " + orgId);
      }
      return List.of(ConfigChange.user(Action.CHANGED, orgId, name));
    });
  }

  void deleteUser(String orgId, String name) {
    inTransaction(connection -> {
      requireOrg(connection, orgId);
      int rows = update(connection, "DELETE FROM org_users WHERE org_id = ? AND name = ?", orgId,
          name);
      if (rows == 0) {
        throw new ConfigStoreException(Reason.NOT_FOUND, "no user " + name + " in org " + orgId);
      }
      return List.of(ConfigChange.user(Action.DELETED, orgId, name));
    });
  }

  private static void requireOrg(Connection connection, String orgId) throws SQLException {
    if (!exists(connection, "SELECT 1 FROM orgs WHERE org_id = ?", orgId)) {
      throw new ConfigStoreException(Reason.NOT_FOUND, "no org " + orgId);
    }
  }

  private static boolean exists(Connection connection, String sql, String key)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, key);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static int update(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        Object value = parameters[i];
        if (value == null) {
          statement.setNull(i + 1, Types.NULL);
        } else {
          statement.setObject(i + 1, value);
        }
      }
      return statement.executeUpdate();
    }
  }
}
