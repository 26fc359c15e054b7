package io.duckgres.it.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.it.ServerProcess;
import io.duckgres.it.controlplane.ControlPlaneProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The multi-tenant control plane end to end: a real PostgreSQL config store, orgs provisioned
 * through the HTTP API, real worker processes, real clients (pgJDBC at 127.0.0.1, which sends no
 * TLS server name and so is routed by database name and relayed; psql with {@code
 * host=<org>.duckgres.localhost hostaddr=127.0.0.1}, which is routed by server name and handed
 * over raw). Org {@code acme} keeps its catalog in an internal PostgreSQL database; org {@code
 * globex} in an external store of flavor {@code cockroachdb}, which is the CockroachDB-like proxy
 * (CockroachDB itself cannot run here). One cluster for the whole class keeps it quick; the tests
 * run in order because the last ones change the pool.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantRoutingTest {
  @TempDir static Path directory;
  private static TenantsCluster cluster;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    cluster = new TenantsCluster(directory);
    port = ServerProcess.freePort();
    cluster.startControlPlane(port, "control-plane.log", "--max-workers", "3",
        "--warm-workers", "1", "--max-sessions-per-worker", "8",
        "--tenant-placement-timeout", "2s", "--allow-plaintext");
    cluster.provisionInternal("acme", "acme_db", "alice", "alice-pw-1");
    cluster.provisionCockroach("globex", "globex_db", "bob", "bob-pw-1");
    cluster.provisionInternal("initech", "initech_db", "ian", "ian-pw-1");
    cluster.provisionInternal("umbrella", "umbrella_db", "uma", "uma-pw-1");
    for (String org : List.of("acme", "globex", "initech", "umbrella")) {
      cluster.awaitState(org, "ready", Duration.ofSeconds(90));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void eachOrgReachesItsOwnTablesByDatabaseNameAndByServerName() throws Exception {
    try (Connection acme = cluster.connect("acme_db", "alice", "alice-pw-1");
        Connection globex = cluster.connect("globex_db", "bob", "bob-pw-1");
        Statement a = acme.createStatement();
        Statement g = globex.createStatement()) {
      a.execute("CREATE TABLE acme_orders (id INTEGER, item VARCHAR)");
      a.executeUpdate("INSERT INTO acme_orders VALUES (1, 'anvil'), (2, 'rocket')");
      g.execute("CREATE TABLE globex_orders (id INTEGER, item VARCHAR)");
      g.executeUpdate("INSERT INTO globex_orders VALUES (7, 'doomsday device')");
      assertThat(rows(a, "SELECT item FROM acme_orders ORDER BY id"))
          .containsExactly("anvil", "rocket");
      assertThat(rows(g, "SELECT item FROM globex_orders")).containsExactly("doomsday device");

      assertThat(sqlState(() -> rows(a, "SELECT * FROM globex_orders"))).isEqualTo("42P01");
      assertThat(sqlState(() -> rows(g, "SELECT * FROM acme_orders"))).isEqualTo("42P01");
      assertThat(rows(a, "SELECT table_name FROM information_schema.tables"))
          .contains("acme_orders").doesNotContain("globex_orders");
      assertThat(rows(g, "SELECT table_name FROM information_schema.tables"))
          .contains("globex_orders").doesNotContain("acme_orders");
    }
    TenantsCluster.Psql acme = cluster.psqlSni("acme", "acme_db", "alice", "alice-pw-1",
        "SELECT string_agg(item, ',' ORDER BY id) FROM acme_orders");
    assertThat(acme.exitCode()).as(acme.err()).isZero();
    assertThat(acme.out()).isEqualTo("anvil,rocket");
    TenantsCluster.Psql globex = cluster.psqlSni("globex", "globex_db", "bob", "bob-pw-1",
        "INSERT INTO globex_orders VALUES (8, 'freeze ray'); SELECT count(*) FROM globex_orders");
    assertThat(globex.exitCode()).as(globex.err()).isZero();
    assertThat(globex.out()).endsWith("2");

    String metrics = cluster.controlPlane().metrics();
    assertThat(counter(metrics, "duckgres_connections_routed_total", "path=\"sni\""))
        .isGreaterThanOrEqualTo(2);
    assertThat(counter(metrics, "duckgres_connections_routed_total", "path=\"relay\""))
        .isGreaterThanOrEqualTo(2);
    assertThat(cluster.proxy().binaryCopiesRefused()).as("binary COPY TO through the proxy")
        .isZero();
    assertThat(cluster.proxy().ctidRefused()).as("ctid through the proxy").isZero();
    assertThat(cluster.proxy().statements()).as("the cockroachdb org's catalog is in the proxy")
        .anyMatch(sql -> sql.contains("ducklake_"));
  }

  @Test
  @Order(2)
  void aSecondSessionOfAnOrgLandsOnTheSameWorker() throws Exception {
    try (Connection first = cluster.connect("acme_db", "alice", "alice-pw-1");
        Connection second = cluster.connect("acme_db", "alice", "alice-pw-1")) {
      assertThat(pidRange(second)).isEqualTo(pidRange(first));
      // Both sessions share the org's database: each sees the other in pg_stat_activity, and the
      // worker's metrics count them under the org.
      try (Statement s = first.createStatement()) {
        assertThat(rows(s, "SELECT count(*) FROM pg_stat_activity WHERE usename = 'alice'"))
            .containsExactly("2");
      }
      assertThat(workerMetrics()).anyMatch(
          text -> text.contains("duckgres_connections{org=\"acme\",user=\"alice\"} 2.0"));
    }
    String metrics = cluster.controlPlane().metrics();
    assertThat(counter(metrics, "duckgres_org_activations_total", "org=\"acme\""))
        .as("acme was bound once, not once per session").isEqualTo(1);
  }

  @Test
  @Order(3)
  void connectionsThatCannotBeServedGetTheirSqlState() throws Exception {
    SQLException unknown = failure(() -> cluster.connect("nope_db", "alice", "alice-pw-1"));
    assertThat(unknown.getSQLState()).isEqualTo("3D000");
    assertThat(unknown.getMessage()).contains("database \"nope_db\" does not exist");

    TenantsCluster.Psql unknownOrg = cluster.psqlSni("nope", "acme_db", "alice", "alice-pw-1",
        "SELECT 1");
    assertThat(unknownOrg.exitCode()).isNotZero();
    assertThat(unknownOrg.err()).contains("database \"nope\" does not exist");

    cluster.api("POST", "/api/v1/orgs/hooli/provision", "{\"database_name\": \"hooli_db\","
        + " \"metadata_store\": {\"type\": \"external\", \"external\": {\"host\": \"127.0.0.1\","
        + " \"port\": " + ServerProcess.freePort() + ", \"database\": \"x\", \"user\": \"x\","
        + " \"password\": \"x\"}}, \"data_store\": {\"type\": \"local\"},"
        + " \"user\": {\"name\": \"hal\", \"password\": \"hal-pw-1\"}}");
    SQLException notReady = failure(() -> cluster.connect("hooli_db", "hal", "hal-pw-1"));
    assertThat(notReady.getSQLState()).isEqualTo("57P03");
    assertThat(notReady.getMessage()).containsPattern(
        "database \"hooli_db\" is not ready: its warehouse is (pending|provisioning|failed)");

    SQLException wrongPassword = failure(() -> cluster.connect("acme_db", "alice", "wrong"));
    SQLException otherOrgsUser = failure(() -> cluster.connect("acme_db", "bob", "bob-pw-1"));
    SQLException unknownUser = failure(() -> cluster.connect("acme_db", "mallory", "x"));
    assertThat(List.of(wrongPassword, otherOrgsUser, unknownUser))
        .allSatisfy(e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    assertThat(otherOrgsUser.getMessage())
        .contains("password authentication failed for user \"bob\"");
    assertThat(unknownUser.getMessage())
        .contains("password authentication failed for user \"mallory\"");
  }

  @Test
  @Order(4)
  void userChangesTakeEffectOnTheLiveWorkerAtOnce() throws Exception {
    String added = cluster.api("POST", "/api/v1/orgs/acme/users",
        "{\"name\": \"carol\", \"password\": \"carol-pw-1\"}").body();
    assertThat(added).contains("carol");
    // The API answers once the store committed; the workers hear of it right after.
    Connection carol = eventually(() -> cluster.connect("acme_db", "carol", "carol-pw-1"));
    assertThat(rows(carol.createStatement(), "SELECT count(*) FROM acme_orders"))
        .containsExactly("2");

    String reset = cluster.api("POST", "/api/v1/orgs/acme/users/alice/reset-password", null)
        .body();
    Matcher password = Pattern.compile("\"password\"\\s*:\\s*\"([^\"]+)\"").matcher(reset);
    assertThat(password.find()).as(reset).isTrue();
    alicePassword = password.group(1);
    try (Connection alice = eventually(() -> cluster.connect("acme_db", "alice", alicePassword))) {
      assertThat(rows(alice.createStatement(), "SELECT 1")).containsExactly("1");
    }
    assertThat(failure(() -> cluster.connect("acme_db", "alice", "alice-pw-1")).getSQLState())
        .isEqualTo("28P01");

    assertThat(cluster.api("DELETE", "/api/v1/orgs/acme/users/carol", null).statusCode())
        .isEqualTo(204);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    boolean ended = false;
    while (!ended && System.nanoTime() < deadline) {
      try (Statement statement = carol.createStatement()) {
        statement.executeQuery("SELECT 1").close();
        Thread.sleep(50);
      } catch (SQLException e) {
        ended = true;
      }
    }
    assertThat(ended).as("the deleted user's open session ended").isTrue();
    assertThat(failure(() -> cluster.connect("acme_db", "carol", "carol-pw-1")).getSQLState())
        .isEqualTo("28P01");
    carol.close();
  }

  @Test
  @Order(5)
  void atTheCeilingAnIdleOrgGivesWayElse53300() throws Exception {
    // acme, globex and initech each hold a session: three workers, the ceiling, none idle.
    List<Connection> held = new ArrayList<>();
    try {
      held.add(cluster.connect("acme_db", "alice", alicePassword));
      held.add(cluster.connect("globex_db", "bob", "bob-pw-1"));
      Connection initech = cluster.connect("initech_db", "ian", "ian-pw-1");
      held.add(initech);
      // Let a health round see the connections (the pool counts them from the workers' reports).
      Thread.sleep(1500);
      SQLException full = failure(() -> cluster.connect("umbrella_db", "uma", "uma-pw-1"));
      assertThat(full.getSQLState()).isEqualTo("53300");

      initech.close();
      held.remove(initech);
      Thread.sleep(1500);
      try (Connection umbrella = cluster.connect("umbrella_db", "uma", "uma-pw-1")) {
        assertThat(rows(umbrella.createStatement(), "SELECT 42")).containsExactly("42");
      }
      assertThat(cluster.controlPlane().log()).containsPattern("retiring worker \\d+ \\(pid \\d+,"
          + " org initech\\) \\(idle \\d+ s\\) for org umbrella");
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
  }

  @Test
  @Order(6)
  void concurrentFirstConnectionsOfAnOrgShareOneActivation() throws Exception {
    // initech lost its worker to umbrella above: four clients now arrive at once.
    double before = counter(cluster.controlPlane().metrics(), "duckgres_org_activations_total",
        "org=\"initech\"");
    java.util.concurrent.ExecutorService clients =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(clients.submit(() -> {
          try (Connection initech = cluster.connect("initech_db", "ian", "ian-pw-1")) {
            return pidRange(initech);
          }
        }));
      }
      java.util.Set<Integer> workers = new java.util.HashSet<>();
      for (java.util.concurrent.Future<Integer> answer : answers) {
        workers.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertThat(workers).as("all four on one worker").hasSize(1);
    } finally {
      clients.shutdownNow();
    }
    assertThat(counter(cluster.controlPlane().metrics(), "duckgres_org_activations_total",
        "org=\"initech\"") - before).as("one activation for the four").isEqualTo(1);
  }

  @Test
  @Order(7)
  void plaintextWhereAllowedIsRoutedByDatabaseWithTheStartupReplayed() throws Exception {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("user", "bob");
    properties.setProperty("password", "bob-pw-1");
    properties.setProperty("sslmode", "disable");
    try (Connection plain = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
        + port + "/globex_db", properties)) {
      assertThat(rows(plain.createStatement(), "SELECT count(*) FROM globex_orders"))
          .containsExactly("2");
    }
    assertThat(counter(cluster.controlPlane().metrics(), "duckgres_connections_routed_total",
        "path=\"plaintext\"")).isGreaterThanOrEqualTo(1);
  }

  @Test
  @Order(8)
  void deprovisioningAnOrgRetiresItsWorkers() throws Exception {
    try (Connection umbrella = cluster.connect("umbrella_db", "uma", "uma-pw-1")) {
      assertThat(rows(umbrella.createStatement(), "SELECT 1")).containsExactly("1");
    }
    assertThat(cluster.api("POST", "/api/v1/orgs/umbrella/deprovision", null).statusCode())
        .isEqualTo(202);
    cluster.awaitState("umbrella", "gone", Duration.ofSeconds(30));
    cluster.controlPlane().await("umbrella's worker retired", Duration.ofSeconds(30),
        () -> cluster.controlPlane().log().matches(
            "(?s).*org umbrella is (deleting|gone): retiring worker \\d+.*"));
    SQLException gone = failure(() -> cluster.connect("umbrella_db", "uma", "uma-pw-1"));
    assertThat(gone.getSQLState()).isEqualTo("3D000");
  }

  @Test
  @Order(9)
  void noWorkerEverServedTwoOrgsOrBothFlavors() throws Exception {
    Map<String, String> orgOfWorker = new HashMap<>();
    Matcher bound = Pattern.compile("worker (\\d+) serves org (\\w+) \\(database \\w+, flavor"
        + " (\\w+)").matcher(cluster.controlPlane().log());
    Map<String, String> flavorOfOrg = new HashMap<>();
    while (bound.find()) {
      String previous = orgOfWorker.putIfAbsent(bound.group(1), bound.group(2));
      assertThat(previous == null || previous.equals(bound.group(2)))
          .as("worker " + bound.group(1) + " served " + previous + " and " + bound.group(2))
          .isTrue();
      flavorOfOrg.merge(bound.group(2), bound.group(3), (a, b) -> {
        assertThat(a).isEqualTo(b);
        return a;
      });
    }
    assertThat(flavorOfOrg).containsEntry("acme", "postgres").containsEntry("globex",
        "cockroachdb");
    // One DuckDB per org on its worker, whichever user connects (its caches serve them all).
    assertThat(cluster.controlPlane().log()).contains("opened database acme_db")
        .doesNotContain("opened database alice").doesNotContain("opened database carol")
        .doesNotContain("opened database bob");
    Matcher gauge = Pattern.compile("duckgres_worker_tenant\\{([^}]*)} 1")
        .matcher(cluster.controlPlane().metrics());
    int bindings = 0;
    while (gauge.find()) {
      String labels = gauge.group(1);
      String worker = label(labels, "worker");
      assertThat(orgOfWorker.get(worker)).as(labels).isEqualTo(label(labels, "org"));
      assertThat(flavorOfOrg.get(label(labels, "org"))).isEqualTo(label(labels, "flavor"));
      bindings++;
    }
    assertThat(bindings).isPositive();
  }

  @Test
  @Order(10)
  void killSigusr2AndHandoverUnderLoadOfBothOrgs() throws Exception {
    try (TenantLoad acme = new TenantLoad(cluster, "acme_db", "alice", alicePassword).start();
        TenantLoad globex = new TenantLoad(cluster, "globex_db", "bob", "bob-pw-1").start()) {
      acme.awaitProgress(5, Duration.ofSeconds(30));
      globex.awaitProgress(5, Duration.ofSeconds(30));

      long acmeWorker = workerPidOf("acme");
      ControlPlaneProcess.signal(acmeWorker, "KILL");
      acme.awaitProgress(10, Duration.ofSeconds(60));
      globex.awaitProgress(10, Duration.ofSeconds(30));
      assertThat(globex.failures()).as("globex, not on the killed worker").isEmpty();
      assertThat(workerPidOf("acme")).as("acme was bound afresh").isNotEqualTo(acmeWorker);
      acme.clearFailures();

      ControlPlaneProcess controlPlane = cluster.controlPlane();
      controlPlane.signal("USR2");
      controlPlane.await("the rolling update", Duration.ofSeconds(90),
          () -> controlPlane.log().contains("rolling update done"));
      acme.awaitProgress(10, Duration.ofSeconds(30));
      globex.awaitProgress(10, Duration.ofSeconds(30));

      ControlPlaneProcess successor = cluster.startControlPlane(port, "successor.log",
          "--max-workers", "3", "--warm-workers", "1", "--max-sessions-per-worker", "8",
          "--tenant-placement-timeout", "2s", "--allow-plaintext");
      controlPlane.await("the old control plane to exit", Duration.ofSeconds(60),
          () -> !controlPlane.process().isAlive());
      acme.awaitProgress(10, Duration.ofSeconds(30));
      globex.awaitProgress(10, Duration.ofSeconds(30));
      assertThat(acme.failures()).as("acme through SIGUSR2 and the handover").isEmpty();
      assertThat(globex.failures()).as("globex through SIGUSR2 and the handover").isEmpty();
      assertThat(successor.log()).contains("took over");
      // The successor learned each worker's org and flavor: it bound no worker anew.
      String metrics = successor.metrics();
      assertThat(metrics).containsPattern("duckgres_worker_tenant\\{flavor=\"postgres\",org=\"acme\"")
          .containsPattern("duckgres_worker_tenant\\{flavor=\"cockroachdb\",org=\"globex\"");
      assertThat(successor.log()).doesNotContain("bound to org acme")
          .doesNotContain("bound to org globex");
    }
  }

  // ---- helpers ----

  /** Alice's password; the user-change test resets it. */
  private static String alicePassword = "alice-pw-1";

  /** The PID of the worker the control plane last bound to {@code org}, from its log. */
  private static long workerPidOf(String org) {
    Matcher bound = Pattern.compile("worker \\d+ \\(pid (\\d+), org " + org + "\\) bound to org")
        .matcher(cluster.controlPlane().log());
    long pid = -1;
    while (bound.find()) {
      pid = Long.parseLong(bound.group(1));
    }
    assertThat(pid).as("a worker bound to " + org).isPositive();
    return pid;
  }

  private static int pidRange(Connection connection) throws SQLException {
    return connection.unwrap(PGConnection.class).getBackendPID() >> 20;
  }

  private static String label(String labels, String name) {
    Matcher value = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
    return value.find() ? value.group(1) : null;
  }

  /** The metrics of every worker that serves them (worker k on the control plane's port + k). */
  private static List<String> workerMetrics() {
    List<String> texts = new ArrayList<>();
    for (int worker = 1; worker <= 12; worker++) {
      try {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
            .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + (cluster.controlPlane().metricsPort() + worker) + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        texts.add(response.body());
      } catch (java.io.IOException | InterruptedException notServing) {
        // No worker with that number now.
      }
    }
    return texts;
  }

  private static double counter(String metrics, String name, String label) {
    double total = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + "{") && line.contains(label)) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  static List<String> rows(Statement statement, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private interface SqlAction {
    Object run() throws SQLException;
  }

  private static SQLException failure(SqlAction action) {
    try {
      Object result = action.run();
      if (result instanceof Connection connection) {
        connection.close();
      }
    } catch (SQLException expected) {
      return expected;
    }
    throw new AssertionError("expected an error");
  }

  /** Retries {@code connect} for up to two seconds (a change reaching the workers). */
  private static Connection eventually(SqlAction connect) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (true) {
      try {
        return (Connection) connect.run();
      } catch (SQLException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(20);
      }
    }
  }

  private static String sqlState(SqlAction action) {
    return failure(action).getSQLState();
  }

}
