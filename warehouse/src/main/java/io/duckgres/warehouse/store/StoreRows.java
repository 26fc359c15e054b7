package io.duckgres.warehouse.store;

import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Reads the config store's rows into their records; secrets stay encrypted. */
final class StoreRows {
  static final String WAREHOUSE_COLUMNS = "org_id, state, status_message, attempts,"
      + " metadata_store_type, metadata_host, metadata_port, metadata_database, metadata_user,"
      + " metadata_password_enc, metadata_store_flavor, data_store_type, s3_bucket, s3_prefix,"
      + " s3_endpoint, s3_region, s3_url_style, s3_use_ssl, s3_access_key_id_enc,"
      + " s3_secret_access_key_enc, created_at, updated_at, state_changed_at";

  private StoreRows() {}

  static Org org(ResultSet row) throws SQLException {
    return new Org(row.getString("org_id"), row.getString("database_name"),
        instant(row, "created_at"), instant(row, "updated_at"));
  }

  static OrgUser user(ResultSet row) throws SQLException {
    return new OrgUser(row.getString("org_id"), row.getString("name"),
        row.getString("scram_verifier"), row.getBoolean("admin"), instant(row, "created_at"),
        instant(row, "updated_at"));
  }

  static Warehouse warehouse(ResultSet row) throws SQLException {
    String org = row.getString("org_id");
    Integer port = (Integer) row.getObject("metadata_port");
    MetadataStore metadata = new MetadataStore(
        MetadataStore.Type.parse(row.getString("metadata_store_type")),
        row.getString("metadata_host"), port, row.getString("metadata_database"),
        row.getString("metadata_user"),
        EncryptedSecret.ofNullable(row.getBytes("metadata_password_enc"),
            context(org, "metadata_password")),
        MetadataStoreFlavor.parse(row.getString("metadata_store_flavor")));
    DataStore data = new DataStore(DataStore.Type.parse(row.getString("data_store_type")),
        row.getString("s3_bucket"), row.getString("s3_prefix"), row.getString("s3_endpoint"),
        row.getString("s3_region"), row.getString("s3_url_style"),
        (Boolean) row.getObject("s3_use_ssl"),
        EncryptedSecret.ofNullable(row.getBytes("s3_access_key_id_enc"),
            context(org, "s3_access_key_id")),
        EncryptedSecret.ofNullable(row.getBytes("s3_secret_access_key_enc"),
            context(org, "s3_secret_access_key")));
    return new Warehouse(org, WarehouseState.parse(row.getString("state")),
        row.getString("status_message"), metadata, data, row.getInt("attempts"),
        instant(row, "created_at"), instant(row, "updated_at"), instant(row, "state_changed_at"));
  }

  /** What a sealed secret is bound to: its org and its column. */
  static String context(String org, String field) {
    return org + "/" + field;
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
