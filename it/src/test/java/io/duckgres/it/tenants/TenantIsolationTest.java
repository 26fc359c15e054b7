package io.duckgres.it.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.duckgres.it.ServerProcess;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * One org can never name another org's files, nor the server's. A multi-tenant control plane with
 * its own embedded config store serves two orgs, acme (alice) and globex (bob), each on its own
 * worker over its own DuckLake (catalog in the store, Parquet files under the control plane's
 * {@code tenants/<org>/data/}). alice, an ordinary user, tries every path-taking function and
 * statement DuckDB has on globex's Parquet files and database file, the config store's files, the
 * secrets key, the admin token and the TLS key, and on database-wide settings: each is refused
 * with 42501 and nothing is read or written, while her own tables keep working. acme's admin (ada,
 * added with {@code "admin": true}) is a superuser inside acme's walls: database-wide settings,
 * SET GLOBAL, other users' sessions, but still none of globex's or the server's files.
 */
class TenantIsolationTest {
  @TempDir static Path directory;
  static TenantsCluster cluster;
  static Path data;

  @BeforeAll
  static void start() throws Exception {
    cluster = new TenantsCluster(directory);
    cluster.startControlPlaneWithEmbeddedStore(ServerProcess.freePort(), "control-plane.log",
        "--max-workers", "3", "--warm-workers", "1");
    data = cluster.dataDirectory();
    cluster.provisionInternal("acme", "acme_db", "alice", "alice-pw-1");
    cluster.provisionInternal("globex", "globex_db", "bob", "bob-pw-1");
    cluster.awaitState("acme", "ready", Duration.ofSeconds(90));
    cluster.awaitState("globex", "ready", Duration.ofSeconds(90));
    try (Connection bob = cluster.connect("globex_db", "bob", "bob-pw-1");
        Statement statement = bob.createStatement()) {
      statement.execute("CREATE TABLE secrets AS SELECT 'globex-only' AS s, range AS i"
          + " FROM range(5000)");
    }
    try (Connection alice = cluster.connect("acme_db", "alice", "alice-pw-1");
        Statement statement = alice.createStatement()) {
      statement.execute("CREATE TABLE orders AS SELECT 1 AS id, 'anvil' AS item");
    }
    for (String user : List.of(
        "{\"name\": \"ada\", \"password\": \"ada-pw-1\", \"admin\": true}",
        "{\"name\": \"postgres\", \"password\": \"pg-pw-1\"}")) {
      assertThat(cluster.api("POST", "/api/v1/orgs/acme/users", user).statusCode())
          .isEqualTo(201);
    }
  }

  /** A connection as soon as the org's worker has heard of a user the API just added. */
  static Connection connectSoon(String user, String password) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return cluster.connect("acme_db", user, password);
      } catch (SQLException e) {
        if (!"28P01".equals(e.getSQLState()) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The first file under {@code root} whose name ends with {@code suffix}. */
  static Path find(Path root, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst()
          .orElseThrow(() -> new AssertionError("no *" + suffix + " under " + root));
    }
  }

  /** What an ordinary user of acme tries on globex's and the server's files and settings. */
  static Map<String, String> forbidden() throws IOException {
    Path globexData = data.resolve("tenants/globex/data");
    String parquet = find(globexData, ".parquet").toString();
    String globexDatabase = find(data.resolve("workers"), "globex_db.duckdb").toString();
    String storeConf = find(data.resolve("config-store"), "postgresql.conf").toString();
    String storePassword = data.resolve("config-store/superuser.password").toString();
    String secretsKey = data.resolve("tenants-secrets.key").toString();
    String token = directory.resolve("admin.token").toString();
    String tlsKey = data.resolve("server.key").toString();
    String acmeData = data.resolve("tenants/acme/data").toString();
    // A path that starts in acme's own data directory and climbs into globex's.
    String climb = acmeData + "/../../globex/data/" + globexData.relativize(Path.of(parquet));
    Map<String, String> statements = new LinkedHashMap<>();
    statements.put("read_text store password",
        "select content from read_text('" + storePassword + "')");
    statements.put("read_text store config", "select content from read_text('" + storeConf + "')");
    statements.put("read_blob secrets key", "select content from read_blob('" + secretsKey + "')");
    statements.put("read_blob admin token", "select content from read_blob('" + token + "')");
    statements.put("read_text tls key", "select content from read_text('" + tlsKey + "')");
    statements.put("read_blob globex database",
        "select content from read_blob('" + globexDatabase + "')");
    statements.put("read_parquet globex data", "select * from read_parquet('" + parquet + "')");
    statements.put("read_parquet climbing out of acme's data",
        "select * from read_parquet('" + climb + "')");
    statements.put("replacement scan of globex data", "select * from '" + parquet + "'");
    statements.put("parquet_metadata globex data",
        "select * from parquet_metadata('" + parquet + "')");
    statements.put("read_csv store config", "select * from read_csv('" + storeConf + "')");
    statements.put("read_json secrets key", "select * from read_json('" + secretsKey + "')");
    statements.put("read_duckdb globex database",
        "select * from read_duckdb('" + globexDatabase + "')");
    statements.put("glob globex data", "select * from glob('" + globexData + "/**')");
    statements.put("glob tenants", "select * from glob('" + data.resolve("tenants") + "/*/*')");
    statements.put("glob data directory", "select * from glob('" + data + "/*')");
    statements.put("copy to globex data",
        "copy (select 1) to '" + globexData.resolve("planted.csv") + "'");
    statements.put("copy to data directory",
        "copy (select 1) to '" + data.resolve("planted.csv") + "'");
    statements.put("copy from secrets key", "copy orders from '" + secretsKey + "'");
    statements.put("attach globex database",
        "attach '" + globexDatabase + "' as g (read_only)");
    statements.put("attach new file in globex data",
        "attach '" + globexData.resolve("planted.duckdb") + "' as p");
    statements.put("export into globex data",
        "export database '" + globexData.resolve("exported") + "'");
    statements.put("import from data directory",
        "import database '" + data.resolve("config-store") + "'");
    statements.put("load a path", "load '" + globexData.resolve("x.duckdb_extension") + "'");
    statements.put("install a path",
        "install '" + globexData.resolve("x.duckdb_extension") + "'");
    // The config store itself over the network, with the postgres extension the lake loaded.
    String store = "host=127.0.0.1 port=" + storePort() + " dbname=duckgres user=postgres";
    statements.put("attach the config store",
        "attach '" + store + "' as store (type postgres, read_only)");
    statements.put("attach globex's lake", "attach 'ducklake:postgres:" + store
        + "' as lake2 (data_path '" + globexData + "/')");
    statements.put("postgres_scan of the config store",
        "select * from postgres_scan('" + store + "', 'public', 'orgs')");
    statements.put("postgres_query through the lake's catalog connection",
        "select * from postgres_query('__ducklake_metadata_ducklake', 'select current_user')");
    statements.put("postgres_execute through the lake's catalog connection",
        "call postgres_execute('__ducklake_metadata_ducklake', 'create table x (i int)')");
    statements.put("the lake's catalog tables",
        "select * from __ducklake_metadata_ducklake.ducklake_data_file");
    statements.put("a statement given as text", "select * from query('select * from"
        + " postgres_scan(''" + store + "'', ''public'', ''orgs'')')");
    statements.put("set memory_limit", "set memory_limit = '8GB'");
    statements.put("set threads", "set threads = 8");
    statements.put("set enable_external_access", "set enable_external_access = true");
    statements.put("set allowed_directories", "set allowed_directories = ['/']");
    statements.put("set temp_directory", "set temp_directory = '" + globexData + "'");
    statements.put("set lock_configuration", "set lock_configuration = false");
    statements.put("set global", "set global TimeZone = 'Asia/Tokyo'");
    return statements;
  }

  @Test
  void anOrdinaryUserOfOneOrgReachesNoFileOfAnotherOrgNorOfTheServer() throws Exception {
    Map<String, String> attempts = forbidden();
    try (Connection alice = cluster.connect("acme_db", "alice", "alice-pw-1")) {
      for (Map.Entry<String, String> attempt : attempts.entrySet()) {
        try (Statement statement = alice.createStatement()) {
          SQLException refused = catchThrowableOfType(SQLException.class,
              () -> statement.execute(attempt.getValue()));
          assertThat((Object) refused).as(attempt.getKey() + " must be refused").isNotNull();
          assertThat(refused.getSQLState()).as(attempt.getKey() + ": " + refused.getMessage())
              .isEqualTo("42501");
        }
      }
      try (Statement statement = alice.createStatement()) {
        assertThat(value(statement,
            "select value from duckdb_settings() where name = 'memory_limit'"))
            .as("the operator's limit").isEqualTo("244.1 MiB");
        assertThat(value(statement,
            "select value from duckdb_settings() where name = 'threads'")).isEqualTo("1");
      }
    }
    Path globexData = data.resolve("tenants/globex/data");
    for (Path planted : List.of(globexData.resolve("planted.csv"), data.resolve("planted.csv"),
        globexData.resolve("planted.duckdb"), globexData.resolve("exported"))) {
      assertThat(planted).doesNotExist();
    }
    try (Connection bob = cluster.connect("globex_db", "bob", "bob-pw-1");
        Statement statement = bob.createStatement()) {
      assertThat(value(statement, "select min(s) from secrets")).isEqualTo("globex-only");
    }
  }

  @Test
  void anOrdinaryUsersOwnTablesKeepWorking() throws Exception {
    try (Connection alice = cluster.connect("acme_db", "alice", "alice-pw-1");
        Statement statement = alice.createStatement()) {
      statement.execute("create table lines as select range as i from range(50000)");
      statement.execute("insert into orders values (2, 'rocket')");
      assertThat(value(statement, "select string_agg(item, ',' order by id) from orders"))
          .isEqualTo("anvil,rocket");
      // Sorting more than the 256 MB limit's share spills to the worker's temp directory.
      assertThat(value(statement, "select count(*) from (select i from lines order by i desc)"))
          .isEqualTo("50000");
      StringWriter out = new StringWriter();
      alice.unwrap(PGConnection.class).getCopyAPI()
          .copyOut("copy (select item from orders order by id) to stdout", out);
      assertThat(out.toString()).isEqualTo("anvil\nrocket\n");
      assertThat(value(statement, "select count(*) from information_schema.tables"
          + " where table_name = 'secrets'")).isEqualTo("0");
      statement.execute("set TimeZone = 'Asia/Tokyo'");
      assertThat(value(statement, "show timezone")).isEqualTo("Asia/Tokyo");
    }
    try (Stream<Path> files = Files.walk(data.resolve("tenants/acme/data"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".parquet")).count())
          .as("acme's rows are Parquet files in acme's own data path").isPositive();
    }
  }

  /** The embedded config store's port, as the control plane logged it. */
  static int storePort() {
    java.util.regex.Matcher port = java.util.regex.Pattern
        .compile("config store: embedded PostgreSQL in .* on 127\\.0\\.0\\.1:(\\d+)")
        .matcher(cluster.controlPlane().log());
    assertThat(port.find()).as("the store's port in the log").isTrue();
    return Integer.parseInt(port.group(1));
  }

  @Test
  void anOrgsAdminIsASuperuserWithinTheOrgsWalls() throws Exception {
    try (Connection ada = connectSoon("ada", "ada-pw-1");
        Connection alice = cluster.connect("acme_db", "alice", "alice-pw-1");
        Statement admin = ada.createStatement();
        Statement ordinary = alice.createStatement()) {
      assertThat(value(admin, "show is_superuser")).isEqualTo("on");
      assertThat(value(ordinary, "show is_superuser")).isEqualTo("off");

      admin.execute("set memory_limit = '200MB'");
      admin.execute("set threads = 2");
      admin.execute("set global default_order = 'desc'");
      assertThat(value(admin, "select value from duckdb_settings() where name = 'memory_limit'"))
          .isEqualTo("190.7 MiB");
      assertThat(value(admin, "select value from duckdb_settings() where name = 'threads'"))
          .isEqualTo("2");
      // The admin's settings hold for the admin's sessions; ordinary users keep the operator's.
      assertThat(value(ordinary,
          "select value from duckdb_settings() where name = 'memory_limit'"))
          .isEqualTo("244.1 MiB");
      for (String sql : List.of("set memory_limit = '200MB'", "set threads = 2",
          "set global default_order = 'desc'")) {
        SQLException refused = catchThrowableOfType(SQLException.class,
            () -> ordinary.execute(sql));
        assertThat(refused.getSQLState()).as(sql).isEqualTo("42501");
      }

      // One lake: each sees what the other writes.
      admin.execute("create table admin_notes as select 'from ada' as note");
      assertThat(value(ordinary, "select note from admin_notes")).isEqualTo("from ada");
      assertThat(value(admin, "select item from orders where id = 1")).isEqualTo("anvil");
      Path exported = data.resolve("tenants/acme/data/exports/notes.csv");
      Files.createDirectories(exported.getParent());
      admin.execute("copy admin_notes to '" + exported + "'");
      assertThat(value(admin, "select note from read_csv('" + exported + "')"))
          .isEqualTo("from ada");

      int adminPid = ada.unwrap(PGConnection.class).getBackendPID();
      SQLException notYours = catchThrowableOfType(SQLException.class,
          () -> ordinary.execute("select pg_terminate_backend(" + adminPid + ")"));
      assertThat(notYours.getSQLState()).isEqualTo("42501");
      try (Connection other = cluster.connect("acme_db", "alice", "alice-pw-1")) {
        int pid = other.unwrap(PGConnection.class).getBackendPID();
        assertThat(value(admin, "select pg_terminate_backend(" + pid + ")")).isEqualTo("t");
      }
    }
  }

  @Test
  void anOrgsAdminStillReachesNoFileOfAnotherOrgNorOfTheServer() throws Exception {
    Map<String, String> attempts = forbidden();
    for (String allowed : List.of("set memory_limit", "set threads", "set global")) {
      attempts.remove(allowed);
    }
    try (Connection ada = connectSoon("ada", "ada-pw-1")) {
      for (Map.Entry<String, String> attempt : attempts.entrySet()) {
        try (Statement statement = ada.createStatement()) {
          SQLException refused = catchThrowableOfType(SQLException.class,
              () -> statement.execute(attempt.getValue()));
          assertThat((Object) refused).as(attempt.getKey() + " must be refused").isNotNull();
          assertThat(refused.getSQLState()).as(attempt.getKey() + ": " + refused.getMessage())
              .isEqualTo("42501");
        }
      }
    }
    assertThat(data.resolve("tenants/globex/data/planted.csv")).doesNotExist();
    assertThat(data.resolve("planted.csv")).doesNotExist();
  }

  @Test
  void promotingOrDemotingAUserEndsTheirSessionsAndTheNextLoginHasTheNewRole() throws Exception {
    assertThat(cluster.api("POST", "/api/v1/orgs/acme/users",
        "{\"name\": \"carl\", \"password\": \"carl-pw-1\"}").statusCode()).isEqualTo(201);
    for (boolean admin : new boolean[] {true, false}) {
      try (Connection carl = connectSoon("carl", "carl-pw-1")) {
        assertThat(value(carl.createStatement(), "show is_superuser"))
            .isEqualTo(admin ? "off" : "on");
        assertThat(cluster.api("PATCH", "/api/v1/orgs/acme/users/carl",
            "{\"admin\": " + admin + "}").statusCode()).isEqualTo(200);
        assertThat(endsSoon(carl)).as("carl's session ended").isTrue();
      }
      try (Connection carl = connectSoon("carl", "carl-pw-1")) {
        assertThat(value(carl.createStatement(), "show is_superuser"))
            .isEqualTo(admin ? "on" : "off");
      }
    }
  }

  /** Whether the session ends (the server closes it) within ten seconds. */
  static boolean endsSoon(Connection connection) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Statement statement = connection.createStatement()) {
        statement.executeQuery("SELECT 1").close();
        Thread.sleep(50);
      } catch (SQLException e) {
        return true;
      }
    }
    return false;
  }

  @Test
  void anOrgUserNamedLikeTheServersBuiltInSuperuserIsAnOrdinaryUser() throws Exception {
    try (Connection postgres = connectSoon("postgres", "pg-pw-1");
        Statement statement = postgres.createStatement()) {
      assertThat(value(statement, "show is_superuser")).isEqualTo("off");
      SQLException refused = catchThrowableOfType(SQLException.class,
          () -> statement.execute("set memory_limit = '200MB'"));
      assertThat(refused.getSQLState()).isEqualTo("42501");
    }
  }

  static String value(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).as(sql).isTrue();
      return rows.getString(1);
    }
  }
}
