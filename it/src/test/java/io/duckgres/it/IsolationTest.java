package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a logged-in user may touch. Ordinary users (alice, bob) get PostgreSQL's defaults for a
 * role without pg_read/write_server_files: every path-taking function and statement DuckDB has
 * answers 42501, database-wide settings answer 42501, session settings stay in the session. A
 * user flagged {@code superuser: true} (admin) keeps all of it.
 */
class IsolationTest {
  @TempDir static Path dataDir;
  static ServerProcess server;
  static Path config;
  static Path secretParquet;
  static Path secretJson;

  @BeforeAll
  static void start() throws Exception {
    config = dataDir.resolve("duckgres.yaml");
    Files.writeString(config, String.join("\n",
        "users:",
        "  alice: wonderland",
        "  bob: builder",
        "  admin: {password: root-secret, superuser: true}",
        ""));
    secretJson = dataDir.resolve("secret.json");
    Files.writeString(secretJson, "{\"password\": \"wonderland\"}\n");
    server = ServerProcess.start(dataDir, "--config", config.toString());
    secretParquet = dataDir.resolve("secret.parquet");
    try (Connection admin = connect("admin", "root-secret");
        Statement statement = admin.createStatement()) {
      statement.execute("copy (select 'bob-secret' as s) to '" + secretParquet + "'");
      statement.execute("attach '" + dataDir.resolve("other.duckdb") + "' as other");
      statement.execute("create table other.t as select 1 as x");
      statement.execute("detach other");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** Every statement an ordinary user might use to reach a server file or setting. */
  static Map<String, String> forbidden() {
    String yaml = config.toString();
    String parquet = secretParquet.toString();
    String json = secretJson.toString();
    String key = dataDir.resolve("server.key").toString();
    Map<String, String> statements = new LinkedHashMap<>();
    statements.put("read_text", "select content from read_text('" + yaml + "')");
    statements.put("read_blob", "select content from read_blob('" + key + "')");
    statements.put("read_csv", "select * from read_csv('/etc/passwd')");
    statements.put("read_csv_auto", "select * from read_csv_auto('" + yaml + "')");
    statements.put("sniff_csv", "select * from sniff_csv('" + yaml + "')");
    statements.put("read_json", "select * from read_json('" + json + "')");
    statements.put("read_json_auto", "select * from read_json_auto('" + json + "')");
    statements.put("read_json_objects", "select * from read_json_objects('" + json + "')");
    statements.put("read_json_objects_auto",
        "select * from read_json_objects_auto('" + json + "')");
    statements.put("read_ndjson", "select * from read_ndjson('" + json + "')");
    statements.put("read_ndjson_auto", "select * from read_ndjson_auto('" + json + "')");
    statements.put("read_ndjson_objects", "select * from read_ndjson_objects('" + json + "')");
    statements.put("read_parquet", "select * from read_parquet('" + parquet + "')");
    statements.put("parquet_scan", "select * from parquet_scan('" + parquet + "')");
    statements.put("parquet_metadata", "select * from parquet_metadata('" + parquet + "')");
    statements.put("parquet_schema", "select * from parquet_schema('" + parquet + "')");
    statements.put("parquet_file_metadata",
        "select * from parquet_file_metadata('" + parquet + "')");
    statements.put("parquet_kv_metadata", "select * from parquet_kv_metadata('" + parquet + "')");
    statements.put("parquet_full_metadata",
        "select * from parquet_full_metadata('" + parquet + "')");
    statements.put("parquet_bloom_probe",
        "select * from parquet_bloom_probe('" + parquet + "', 's', 'x')");
    statements.put("read_duckdb",
        "select * from read_duckdb('" + dataDir.resolve("admin.duckdb") + "')");
    statements.put("glob", "select * from glob('" + dataDir + "/*')");
    statements.put("replacement scan", "select * from '" + parquet + "'");
    statements.put("copy to", "copy (select 1) to '" + dataDir.resolve("written.csv") + "'");
    statements.put("copy from", "copy loaded from '/etc/passwd'");
    statements.put("attach new", "attach '" + dataDir.resolve("new.duckdb") + "' as n");
    statements.put("attach another file", "attach '" + dataDir.resolve("other.duckdb") + "' as o");
    statements.put("export", "export database '" + dataDir.resolve("exported") + "'");
    statements.put("import", "import database '" + dataDir.resolve("exported") + "'");
    statements.put("load", "load '" + dataDir.resolve("x.duckdb_extension") + "'");
    statements.put("install", "install httpfs");
    statements.put("postgres_scan", "select * from postgres_scan('host=127.0.0.1 port=1"
        + " dbname=postgres', 'public', 't')");
    statements.put("postgres_query", "select * from postgres_query('db', 'select 1')");
    statements.put("query", "select * from query('select * from read_text(''/etc/passwd'')')");
    statements.put("set memory_limit", "set memory_limit = '2MB'");
    statements.put("set threads", "set threads = 1");
    statements.put("set temp_directory", "set temp_directory = '/tmp'");
    statements.put("set lock_configuration", "set lock_configuration = true");
    statements.put("set enable_external_access", "set enable_external_access = true");
    statements.put("set allowed_directories", "set allowed_directories = ['/']");
    statements.put("pragma memory_limit", "pragma memory_limit = '2MB'");
    statements.put("set global", "set global TimeZone = 'Asia/Tokyo'");
    return statements;
  }

  @Test
  void anOrdinaryUserReachesNoServerFileAndNoDatabaseWideSetting() throws Exception {
    try (Connection alice = connect("alice", "wonderland");
        Statement statement = alice.createStatement()) {
      statement.execute("create table loaded(line varchar)");
      for (Map.Entry<String, String> attempt : forbidden().entrySet()) {
        SQLException refused = catchThrowableOfType(SQLException.class,
            () -> statement.execute(attempt.getValue()));
        assertThat((Object) refused).as(attempt.getKey() + " must be refused").isNotNull();
        assertThat(refused.getSQLState()).as(attempt.getKey() + ": " + refused.getMessage())
            .isEqualTo("42501");
      }
      assertThat(Files.exists(dataDir.resolve("written.csv"))).isFalse();
      assertThat(Files.exists(dataDir.resolve("new.duckdb"))).isFalse();
      assertThat(Files.exists(dataDir.resolve("exported"))).isFalse();
      try (ResultSet rows = statement.executeQuery("select value from duckdb_settings() where name = 'memory_limit'")) {
        rows.next();
        assertThat(rows.getString(1)).as("the operator's limit").startsWith("953.6 MiB");
      }
    }
  }

  @Test
  void everyPathTakingTableFunctionIsCovered() throws Exception {
    try (Connection alice = connect("alice", "wonderland");
        Statement statement = alice.createStatement();
        ResultSet rows = statement.executeQuery("select distinct function_name"
            + " from duckdb_functions() where function_type = 'table' and (function_name like"
            + " 'read\\_%' escape '\\' or function_name like 'parquet\\_%' escape '\\'"
            + " or function_name in ('glob', 'sniff_csv'))")) {
      TreeSet<String> functions = new TreeSet<>();
      while (rows.next()) {
        functions.add(rows.getString(1));
      }
      assertThat(new TreeSet<>(forbidden().keySet())).containsAll(functions);
    }
  }

  @Test
  void messagesSayWhatIsRefused() throws Exception {
    try (Connection alice = connect("alice", "wonderland");
        Statement statement = alice.createStatement()) {
      SQLException setting = catchThrowableOfType(SQLException.class,
          () -> statement.execute("set memory_limit = '8GB'"));
      assertThat(setting.getMessage()).contains("permission denied to set parameter \"memory_limit\"");
      SQLException file = catchThrowableOfType(SQLException.class,
          () -> statement.execute("select * from read_text('/etc/passwd')"));
      assertThat(file.getMessage()).contains("/etc/passwd").contains("Only superusers");
    }
  }

  @Test
  void sessionSettingsStayInTheSession() throws Exception {
    try (Connection first = connect("alice", "wonderland");
        Connection second = connect("alice", "wonderland");
        Statement one = first.createStatement();
        Statement two = second.createStatement()) {
      one.execute("set TimeZone = 'Asia/Tokyo'");
      one.execute("set ieee_floating_point_ops = false");
      one.execute("set integer_division = false");
      assertThat(value(one, "show timezone")).isEqualTo("Asia/Tokyo");
      assertThat(value(two, "show timezone")).isNotEqualTo("Asia/Tokyo");
      assertThat(value(one, "select 7 / 2")).isEqualTo("3.5");
      assertThat(value(two, "select 7 / 2")).isEqualTo("3");
      assertThat(value(two,
          "select value from duckdb_settings() where name = 'ieee_floating_point_ops'"))
          .isEqualTo("true");
      // default_order is database-wide in DuckDB: refused, so it cannot reach other sessions.
      SQLException refused = catchThrowableOfType(SQLException.class,
          () -> one.execute("set default_order = 'desc'"));
      assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo("42501");
    }
  }

  @Test
  void anOrdinaryUsersOwnWorkIsUnaffected() throws Exception {
    try (Connection alice = connect("alice", "wonderland");
        Statement statement = alice.createStatement()) {
      statement.execute("create table own as select range as i from range(100000)");
      // Sorting more than fits in a small memory budget spills to the database's temp directory.
      assertThat(value(statement, "select count(*) from (select i from own order by i desc)"))
          .isEqualTo("100000");
      org.postgresql.copy.CopyManager copy =
          alice.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
      long loaded = copy.copyIn("copy own from stdin",
          new java.io.ByteArrayInputStream("1\n2\n3\n".getBytes()));
      assertThat(loaded).isEqualTo(3);
      java.io.StringWriter out = new java.io.StringWriter();
      copy.copyOut("copy (select i from own where i < 2 order by i) to stdout", out);
      assertThat(out.toString()).isEqualTo("0\n1\n1\n");
    }
  }

  @Test
  void aliceAttachingBobsFileFailsAndBobStillLogsIn() throws Exception {
    try (Connection alice = connect("alice", "wonderland");
        Statement statement = alice.createStatement()) {
      SQLException refused = catchThrowableOfType(SQLException.class, () ->
          statement.execute("attach '" + dataDir.resolve("bob.duckdb") + "' as b"));
      assertThat(refused.getSQLState()).isEqualTo("42501");
    }
    try (Connection bob = connect("bob", "builder"); Statement statement = bob.createStatement()) {
      statement.execute("create table mine as select 'bob only' as s");
      assertThat(value(statement, "select s from mine")).isEqualTo("bob only");
    }
    try (Connection alice = connect("alice", "wonderland");
        Statement statement = alice.createStatement()) {
      SQLException missing = catchThrowableOfType(SQLException.class,
          () -> statement.execute("select s from mine"));
      assertThat(missing.getSQLState()).isEqualTo("42P01");
    }
  }

  @Test
  void aSuperuserKeepsEveryCapability() throws Exception {
    try (Connection admin = connect("admin", "root-secret");
        Statement statement = admin.createStatement()) {
      assertThat(value(statement, "select count(*) > 0 from read_text('/etc/passwd')"))
          .isEqualTo("t");
      assertThat(value(statement, "select s from read_parquet('" + secretParquet + "')"))
          .isEqualTo("bob-secret");
      Path written = dataDir.resolve("admin-out.csv");
      statement.execute("copy (select 7 as n) to '" + written + "'");
      assertThat(Files.readString(written)).contains("7");
      statement.execute("attach '" + dataDir.resolve("admin-extra.duckdb") + "' as extra");
      statement.execute("detach extra");
      statement.execute("set memory_limit = '900MB'");
      assertThat(value(statement, "select value from duckdb_settings() where name = 'memory_limit'")).startsWith("858");
      assertThat(value(statement, "show is_superuser")).isEqualTo("on");
    }
  }

  private static String value(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  private static Connection connect(String user, String password) throws SQLException {
    return server.connect(user, password, new Properties());
  }
}
