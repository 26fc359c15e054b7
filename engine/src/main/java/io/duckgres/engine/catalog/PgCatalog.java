package io.duckgres.engine.catalog;

import io.duckgres.engine.settings.SessionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * PostgreSQL's system catalogs (pg_catalog, information_schema) and the functions clients call
 * while they look at a database, built from DuckDB's own metadata.
 *
 * <p>Where they live: DuckDB answers every {@code pg_catalog.X} from its built-in system catalog
 * and will not let a schema of that name be created anywhere else. So the catalog is an in-memory
 * database attached once per DuckDB instance, {@value #CATALOG} (schemas {@code main} and
 * {@code info_schema}): nothing is written to the user's database file, and no user table or
 * view is added. The tree transforms send qualified names there; unqualified ones find it on each
 * session's search path, after the user's schemas.
 *
 * <p>Per session, only DuckDB variables are set (the PostgreSQL parameters, the search path's
 * schemas, the database name, the backend pid), because a macro cannot call back into Java:
 * {@code current_setting('application_name')} reads them.
 */
public final class PgCatalog {
  /** The attached in-memory database that holds the catalog. */
  public static final String CATALOG = "duckgres_catalog";

  private static final List<String> SCRIPTS = List.of("00-session.sql", "*pg_type_oid",
      "10-relations.sql", "*format_type", "15-objects.sql", "20-functions.sql",
      "25-sql-functions.sql", JsonFunctions.SCRIPT, "30-views.sql",
      "35-empty-catalogs.sql", "40-information-schema.sql", "50-activity.sql");

  private PgCatalog() {}

  /**
   * Creates the catalog in a database that has just been opened. Idempotent; statements run on a
   * connection of their own, so the root connection's settings stay as they were.
   */
  public static void installDatabase(DuckDBConnection root) throws SQLException {
    installDatabase(root, "");
  }

  /**
   * As {@link #installDatabase(DuckDBConnection)} for the database the server knows as {@code
   * name}, whose pg_stat_activity shows the sessions on it (see {@link ServerFunctions}).
   */
  public static void installDatabase(DuckDBConnection root, String name) throws SQLException {
    boolean serverFunctions = ServerFunctions.registerOnce(root, name);
    boolean jsonFunctions = JsonFunctions.registerOnce(root, name);
    try (Connection connection = root.duplicate(); Statement statement = connection.createStatement()) {
      statement.execute("ATTACH IF NOT EXISTS ':memory:' AS " + CATALOG);
      statement.execute("USE " + CATALOG);
      String version = version(statement);
      String started = OffsetDateTime.now(ZoneOffset.UTC).toString();
      String reserved = reservedKeywords(statement);
      for (String script : SCRIPTS) {
        if ((!serverFunctions && script.equals(ServerFunctions.SCRIPT))
            || (!jsonFunctions && script.equals(JsonFunctions.SCRIPT))) {
          continue;
        }
        for (String sql : statements(script)) {
          statement.execute(sql.replace("${VERSION}", TypeCatalog.literal(version))
              .replace("${START_TIME}", TypeCatalog.literal(started))
              .replace("${RESERVED_KEYWORDS}", reserved)
              .replace("${PG_TYPE_ROWS}", TypeCatalog.pgTypeRows())
              .replace("${CATALOG_OIDS}", SystemRelations.mapLiteral()));
        }
      }
      SystemRelations.addTableOid(statement);
    }
  }

  /**
   * Prepares a new session's connection: its search path reaches the catalog, and its variables
   * hold the session's parameters.
   *
   * @param database the database name the client asked for (current_database())
   * @param backendPid the process id the session reported in BackendKeyData, or 0
   */
  public static void installSession(Connection connection, SessionSettings settings,
      String database, int backendPid) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET VARIABLE duckgres_database = " + TypeCatalog.literal(database));
      statement.execute("SET VARIABLE duckgres_backend_pid = " + backendPid);
    }
    refreshSession(connection, settings);
  }

  /**
   * Copies the session's parameters into its DuckDB variables and applies search_path. Call after
   * every SET, RESET or RESET ALL of a parameter the session keeps.
   */
  public static void refreshSession(Connection connection, SessionSettings settings)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET VARIABLE duckgres_settings = " + settingsMap(settings));
      List<String> schemas = existingSchemas(statement,
          SearchPath.schemas(settings.get("search_path"), settings.get("session_authorization")));
      statement.execute("SET VARIABLE duckgres_schemas = " + list(schemas));
      try {
        statement.execute("SET search_path = "
            + TypeCatalog.literal(SearchPath.duckdbPath(schemas, CATALOG)));
      } catch (SQLException catalogMissing) {
        // installDatabase failed (and was logged): the user's schemas still apply.
        String path = SearchPath.duckdbPath(schemas, CATALOG);
        statement.execute("SET search_path = " + TypeCatalog.literal(
            path.substring(0, path.lastIndexOf(',' + CATALOG))));
      }
    }
  }

  /** Read-only parameters clients ask for that the session does not keep. */
  private static final Map<String, String> PRESET = Map.of("lc_collate", "C.UTF-8",
      "lc_ctype", "C.UTF-8", "max_connections", "100", "block_size", "8192",
      "max_index_keys", "32", "default_transaction_deferrable", "off",
      "transaction_read_only", "off", "data_directory_mode", "0700");

  /** MAP {'name': 'value', ...} of the session's parameters, names in lower case. */
  static String settingsMap(SessionSettings settings) {
    StringBuilder map = new StringBuilder("MAP {");
    String separator = "";
    for (Map.Entry<String, String> preset : PRESET.entrySet()) {
      if (settings.get(preset.getKey()) == null) {
        map.append(separator).append(TypeCatalog.literal(preset.getKey())).append(": ")
            .append(TypeCatalog.literal(preset.getValue()));
        separator = ", ";
      }
    }
    for (String name : settings.names()) {
      String value = settings.get(name);
      map.append(separator).append(TypeCatalog.literal(name.toLowerCase(Locale.ROOT)))
          .append(": ").append(TypeCatalog.literal(value == null ? "" : value));
      separator = ", ";
    }
    return map.append("}::MAP(VARCHAR, VARCHAR)").toString();
  }

  /** The schemas of the search path that exist in the session's database, PostgreSQL names. */
  private static List<String> existingSchemas(Statement statement, List<String> wanted)
      throws SQLException {
    Set<String> existing = new LinkedHashSet<>();
    try (ResultSet rows = statement.executeQuery("SELECT schema_name FROM duckdb_schemas()"
        + " WHERE database_name = system.main.current_database()")) {
      while (rows.next()) {
        existing.add(SearchPath.postgresName(rows.getString(1)));
      }
    }
    List<String> schemas = new ArrayList<>();
    for (String schema : wanted) {
      if (existing.contains(schema) && !schemas.contains(schema)) {
        schemas.add(schema);
      }
    }
    return schemas;
  }

  private static String list(List<String> values) {
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      list.append(i == 0 ? "" : ", ").append(TypeCatalog.literal(values.get(i)));
    }
    return list.append("]::VARCHAR[]").toString();
  }

  /** version(): PostgreSQL's format first, since drivers and ORMs parse the number from it. */
  private static String version(Statement statement) throws SQLException {
    String duckdb = "";
    try (ResultSet rows = statement.executeQuery("SELECT library_version FROM pragma_version()")) {
      if (rows.next()) {
        duckdb = rows.getString(1);
      }
    }
    String server = SessionSettings.SERVER_VERSION.split(" ")[0];
    return "PostgreSQL " + server + " (duckgres, DuckDB " + duckdb + ") on "
        + System.getProperty("os.arch") + "-pc-linux-gnu, compiled by javac "
        + Runtime.version().feature() + ", 64-bit";
  }

  /** DuckDB's reserved words as a list literal: quote_ident quotes them. */
  private static String reservedKeywords(Statement statement) throws SQLException {
    List<String> words = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery("SELECT keyword_name FROM duckdb_keywords()"
        + " WHERE keyword_category <> 'unreserved' ORDER BY 1")) {
      while (rows.next()) {
        words.add(rows.getString(1));
      }
    }
    return list(words);
  }

  /** The statements of one script, or the generated statement a "*name" entry stands for. */
  static List<String> statements(String script) {
    if (script.equals("*pg_type_oid")) {
      return List.of(TypeCatalog.typeOidMacro());
    }
    if (script.equals("*format_type")) {
      return List.of(TypeCatalog.formatTypeMacro());
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : read(script).split("\n", -1)) {
      if (line.startsWith("--") || (line.isBlank() && current.length() == 0)) {
        continue;
      }
      current.append(line).append('\n');
      if (line.stripTrailing().endsWith(";")) {
        statements.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  private static String read(String script) {
    try (InputStream in = PgCatalog.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("catalog script missing from the jar: " + script);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The scripts, in the order they run: for {@link CatalogNames}, the names they define. */
  static List<String> scripts() {
    return SCRIPTS;
  }
}
