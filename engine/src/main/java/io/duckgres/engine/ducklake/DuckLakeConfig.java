package io.duckgres.engine.ducklake;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a DuckLake lakehouse lives: its catalog (the metadata store) and its Parquet files (a
 * local data path or an S3 object store), and how to reach them. When a database opens, the
 * server loads {@link #requiredExtensions()}, creates {@link #secretStatement()}, runs
 * {@link #preAttachStatements()}, then {@link #attachStatement()}, and every session starts with
 * {@link #sessionStatements()} so an unqualified {@code CREATE TABLE} lands in the lake.
 *
 * <p>The metadata store is a libpq connection string after {@code postgres:} (PostgreSQL or a
 * PostgreSQL-protocol server such as CockroachDB, through postgres_scanner) or the path of a local
 * DuckDB catalog file (one process, one database: DuckDB refuses a second attach of the file).
 *
 * @param metadataStore {@code postgres:dbname=lake host=...} or a catalog file path; null when no
 *     lake is configured
 * @param metadataStoreFlavor which server speaks PostgreSQL's protocol there
 * @param dataPath local directory for the Parquet files, or null when {@code objectStore} is set
 * @param objectStore {@code s3://bucket/prefix/} for the Parquet files, or null
 * @param s3 how to reach the object store
 * @param viaPgBouncer the metadata store is reached through PgBouncer (transaction pooling), so
 *     postgres_scanner must not keep its own pool of connections
 * @param metadataThreadLocalCache keep postgres_scanner's thread-local connection cache; off by
 *     default because it pins one metadata connection per DuckDB thread forever
 * @param metadataPoolMaxConnections postgres_scanner's pool size for the catalog, or null for its
 *     default
 */
public record DuckLakeConfig(
    String metadataStore,
    MetadataStoreFlavor metadataStoreFlavor,
    Path dataPath,
    String objectStore,
    S3Settings s3,
    boolean viaPgBouncer,
    boolean metadataThreadLocalCache,
    Integer metadataPoolMaxConnections) {

  /** The name the lake is attached under. */
  public static final String CATALOG = "ducklake";

  private static final String POSTGRES_PREFIX = "postgres:";
  private static final String DUCKLAKE_PREFIX = "ducklake:";

  public DuckLakeConfig {
    metadataStore = blankToNull(metadataStore);
    if (metadataStore != null && metadataStore.toLowerCase(Locale.ROOT).startsWith(DUCKLAKE_PREFIX)) {
      metadataStore = metadataStore.substring(DUCKLAKE_PREFIX.length());
    }
    metadataStoreFlavor = metadataStoreFlavor == null ? MetadataStoreFlavor.POSTGRES
        : metadataStoreFlavor;
    objectStore = blankToNull(objectStore);
    s3 = s3 == null ? S3Settings.none() : s3;
    if (metadataStore != null) {
      validate(metadataStore, metadataStoreFlavor, dataPath, objectStore, viaPgBouncer,
          metadataPoolMaxConnections);
      if (objectStore != null && !objectStore.endsWith("/")) {
        objectStore = objectStore + "/";
      }
    }
  }

  private static void validate(String metadataStore, MetadataStoreFlavor flavor, Path dataPath,
      String objectStore, boolean viaPgBouncer, Integer poolMaxConnections) {
    if (dataPath != null && objectStore != null) {
      throw new IllegalArgumentException(
          "DuckLake data_path and object_store are alternatives: give one of them");
    }
    if (objectStore != null && !objectStore.toLowerCase(Locale.ROOT).startsWith("s3://")) {
      throw new IllegalArgumentException(
          "DuckLake object_store must be an s3:// URL such as s3://bucket/prefix/, not '"
              + objectStore + "'");
    }
    boolean postgres = metadataStore.toLowerCase(Locale.ROOT).startsWith(POSTGRES_PREFIX);
    if (!postgres) {
      String needsPostgres = flavor != MetadataStoreFlavor.POSTGRES
          ? "metadata_store_flavor " + flavor
          : viaPgBouncer ? "via_pgbouncer"
          : poolMaxConnections != null ? "metadata_pool_max_connections" : null;
      if (needsPostgres != null) {
        throw new IllegalArgumentException("DuckLake " + needsPostgres
            + " applies to a postgres: metadata store, not a local catalog file");
      }
    }
    if (poolMaxConnections != null && poolMaxConnections < 0) {
      throw new IllegalArgumentException(
          "DuckLake metadata_pool_max_connections must be >= 0: " + poolMaxConnections);
    }
  }

  /** No lake: databases are plain DuckDB files. */
  public static DuckLakeConfig disabled() {
    return new DuckLakeConfig(null, null, null, null, null, false, false, null);
  }

  /** A lake with a catalog in {@code metadataStore} and Parquet files under {@code dataPath}. */
  public static DuckLakeConfig of(String metadataStore, Path dataPath) {
    return new DuckLakeConfig(metadataStore, null, dataPath, null, null, false, false, null);
  }

  public boolean enabled() {
    return metadataStore != null;
  }

  /** The catalog sits in a PostgreSQL-protocol server reached through postgres_scanner. */
  public boolean postgresMetadataStore() {
    return enabled() && metadataStore.toLowerCase(Locale.ROOT).startsWith(POSTGRES_PREFIX);
  }

  public DuckLakeConfig withMetadataStoreFlavor(MetadataStoreFlavor flavor) {
    return new DuckLakeConfig(metadataStore, flavor, dataPath, objectStore, s3, viaPgBouncer,
        metadataThreadLocalCache, metadataPoolMaxConnections);
  }

  public DuckLakeConfig withDataPath(Path path) {
    return new DuckLakeConfig(metadataStore, metadataStoreFlavor, path, objectStore, s3,
        viaPgBouncer, metadataThreadLocalCache, metadataPoolMaxConnections);
  }

  public DuckLakeConfig withViaPgBouncer(boolean pgBouncer) {
    return new DuckLakeConfig(metadataStore, metadataStoreFlavor, dataPath, objectStore, s3,
        pgBouncer, metadataThreadLocalCache, metadataPoolMaxConnections);
  }

  public DuckLakeConfig withObjectStore(String store, S3Settings settings) {
    return new DuckLakeConfig(metadataStore, metadataStoreFlavor, null, store, settings,
        viaPgBouncer, metadataThreadLocalCache, metadataPoolMaxConnections);
  }

  /** Extensions ATTACH needs: ducklake, plus postgres_scanner and httpfs (and aws) by store. */
  public List<String> requiredExtensions() {
    List<String> names = new ArrayList<>();
    if (!enabled()) {
      return names;
    }
    names.add("ducklake");
    if (postgresMetadataStore()) {
      names.add("postgres_scanner");
    }
    if (objectStore != null) {
      names.add("httpfs");
      if (needsSecret() && s3.effectiveProvider().equals(S3Settings.PROVIDER_CREDENTIAL_CHAIN)) {
        names.add("aws");
      }
    }
    return names;
  }

  /**
   * The process-wide postgres_scanner settings to apply before ATTACH, in this order:
   *
   * <ol>
   *   <li>the metadata connection pool: its size when configured, and the thread-local cache off
   *       (the default) so idle DuckDB threads do not each pin a catalog connection;
   *   <li>behind PgBouncer, {@code pg_pool_max_connections = 0}: PgBouncer already pools, and a
   *       second pool holding its server connections defeats transaction pooling;
   *   <li>for CockroachDB, the text protocol instead of binary COPY and plain scans instead of
   *       {@code ctid} ranges, neither of which CockroachDB implements.
   * </ol>
   *
   * <p>They must be GLOBAL: DuckLake's own metadata connection never sees session settings. A
   * later entry may override an earlier one (PgBouncer's pool size of 0 wins), so the order is
   * part of the contract. A local catalog file needs none of them.
   */
  public List<String> preAttachStatements() {
    List<String> statements = new ArrayList<>();
    if (!postgresMetadataStore()) {
      return statements;
    }
    if (metadataPoolMaxConnections != null) {
      statements.add("SET GLOBAL pg_pool_max_connections = " + metadataPoolMaxConnections);
    }
    if (!metadataThreadLocalCache) {
      statements.add("SET GLOBAL pg_pool_enable_thread_local_cache = false");
    }
    if (viaPgBouncer) {
      statements.add("SET GLOBAL pg_pool_max_connections = 0");
    }
    if (metadataStoreFlavor == MetadataStoreFlavor.COCKROACHDB) {
      statements.add("SET GLOBAL pg_use_text_protocol = true");
      statements.add("SET GLOBAL pg_use_ctid_scan = false");
    }
    return statements;
  }

  /**
   * DuckLake's own commit retries, for writers that lose the race for the next snapshot id (a
   * "duplicate key" on ducklake_snapshot): more attempts than its default 10, starting sooner.
   * Its wait grows without a cap (wait_ms * backoff^attempt, jittered), so the defaults of 100 ms
   * and 1.5 leave four busy writers sleeping for seconds; 10 ms and 1.3 retry quickly first and
   * still reach tens of seconds before the last attempt. Applies to every lake, whatever its
   * store.
   */
  public List<String> commitRetryStatements() {
    return enabled()
        ? List.of("SET GLOBAL ducklake_max_retry_count = 30",
            "SET GLOBAL ducklake_retry_wait_ms = 10",
            "SET GLOBAL ducklake_retry_backoff = 1.3")
        : List.of();
  }

  /**
   * Whether {@link #secretStatement()} has anything to create: an endpoint, keys or an explicit
   * provider. Otherwise httpfs reads the usual AWS environment variables by itself.
   */
  public boolean needsSecret() {
    return objectStore != null
        && (s3.endpoint() != null || s3.accessKey() != null || s3.provider() != null);
  }

  /**
   * {@code CREATE OR REPLACE SECRET} for the object store, scoped to its bucket, or null when
   * httpfs's own defaults (environment variables) should apply. It carries the secret key: run
   * it, never log it.
   */
  public String secretStatement() {
    if (!needsSecret()) {
      return null;
    }
    StringBuilder sql = new StringBuilder("CREATE OR REPLACE SECRET ducklake_s3 (TYPE s3, PROVIDER ")
        .append(s3.effectiveProvider());
    if (s3.effectiveProvider().equals(S3Settings.PROVIDER_CONFIG)) {
      sql.append(", KEY_ID ").append(literal(s3.accessKey()))
          .append(", SECRET ").append(literal(s3.secretKey()));
    }
    if (s3.region() != null) {
      sql.append(", REGION ").append(literal(s3.region()));
    }
    if (s3.endpoint() != null) {
      sql.append(", ENDPOINT ").append(literal(s3.endpoint()));
    }
    if (s3.urlStyle() != null) {
      sql.append(", URL_STYLE ").append(literal(s3.urlStyle()));
    }
    if (s3.useSsl() != null) {
      sql.append(", USE_SSL ").append(s3.useSsl());
    }
    sql.append(", SCOPE ").append(literal(bucketScope(objectStore))).append(')');
    return sql.toString();
  }

  /** {@code ATTACH 'ducklake:<store>' AS ducklake (DATA_PATH '<path>')}; carries passwords. */
  public String attachStatement() {
    if (!enabled()) {
      throw new IllegalStateException("no DuckLake metadata store is configured");
    }
    StringBuilder sql = new StringBuilder("ATTACH ")
        .append(literal(DUCKLAKE_PREFIX + metadataStore)).append(" AS ").append(CATALOG);
    String data = dataLocation();
    if (data != null) {
      sql.append(" (DATA_PATH ").append(literal(data)).append(')');
    }
    return sql.toString();
  }

  /** Where the Parquet files go, as DATA_PATH spells it; null leaves DuckLake's default. */
  public String dataLocation() {
    if (objectStore != null) {
      return objectStore;
    }
    if (dataPath != null) {
      String path = dataPath.toString();
      return path.endsWith("/") ? path : path + "/";
    }
    return null;
  }

  /** Run on every session's connection: the lake becomes the default catalog. */
  public List<String> sessionStatements() {
    return enabled() ? List.of("USE " + CATALOG) : List.of();
  }

  /** The metadata store as it may be logged: passwords masked. */
  public String redactedMetadataStore() {
    return ConnectionStrings.redact(metadataStore);
  }

  /** {@code s3://bucket/prefix/} → {@code s3://bucket}. */
  static String bucketScope(String objectStore) {
    int slash = objectStore.indexOf('/', "s3://".length());
    return slash < 0 ? objectStore : objectStore.substring(0, slash);
  }

  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Like the record's own, but passwords in the metadata store and the S3 secret are masked. */
  @Override
  public String toString() {
    if (!enabled()) {
      return "DuckLakeConfig[disabled]";
    }
    return "DuckLakeConfig[metadataStore=" + redactedMetadataStore() + ", metadataStoreFlavor="
        + metadataStoreFlavor + ", dataPath=" + dataPath + ", objectStore=" + objectStore
        + ", s3=" + s3 + ", viaPgBouncer=" + viaPgBouncer + ", metadataThreadLocalCache="
        + metadataThreadLocalCache + ", metadataPoolMaxConnections=" + metadataPoolMaxConnections
        + "]";
  }
}
