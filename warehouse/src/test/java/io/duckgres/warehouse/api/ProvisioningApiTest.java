package io.duckgres.warehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duckgres.warehouse.ApiClient;
import io.duckgres.warehouse.ApiClient.Answer;
import io.duckgres.warehouse.ConfigStorePostgres;
import io.duckgres.warehouse.store.ConfigStore;
import io.duckgres.warehouse.store.OrgUser;
import io.duckgres.warehouse.store.SecretBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The provisioning API over real HTTP, against a config store in a real PostgreSQL. No reconciler
 * runs here, so warehouses stay pending: this is about what the API accepts, refuses and writes.
 */
class ProvisioningApiTest {
  private static ConfigStorePostgres postgres;
  private static ConfigStore store;
  private static ProvisioningApi api;
  private static ApiClient client;
  private static String database;
  private static Path directory;

  @BeforeAll
  static void start() throws Exception {
    directory = Files.createTempDirectory("provisioning-api");
    postgres = ConfigStorePostgres.shared();
    var location = postgres.newStore("api");
    database = location.database();
    store = ConfigStore.open(location, SecretBox.fromKeyFile(directory.resolve("secrets.key")),
        directory);
    Path tokenFile = directory.resolve("admin.token");
    AdminToken token = AdminToken.loadOrCreate(tokenFile);
    api = new ProvisioningApi(store, token, new ProvisioningApi.ClientEndpoint("127.0.0.1", 5432));
    api.start("127.0.0.1", 0);
    client = new ApiClient(api.port(), Files.readString(tokenFile).strip());
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    store.close();
  }

  /** Rows in all three tables: a refused request must leave this unchanged. */
  private static int rows() throws Exception {
    try (Connection connection = postgres.connect(database);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT (SELECT count(*) FROM orgs)"
            + " + (SELECT count(*) FROM org_users) + (SELECT count(*) FROM managed_warehouses)")) {
      row.next();
      return row.getInt(1);
    }
  }

  private static String external(String flavorField) {
    return "{\"database_name\": \"ext_db\", \"metadata_store\": {\"type\": \"external\","
        + " \"external\": {\"host\": \"db.example\", \"port\": 5432, \"database\": \"lake\","
        + " \"user\": \"lake\", \"password\": \"pw\"" + flavorField + "}},"
        + " \"user\": {\"name\": \"alice\"}}";
  }

  @Test
  void theTokenFileIsCreatedOwnerOnlyAndEveryRouteButHealthNeedsTheToken() throws Exception {
    int before = rows();
    Path tokenFile = directory.resolve("admin.token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
        .isEqualTo("rw-------");
    assertThat(client.withToken(null).get("/health").status()).isEqualTo(200);
    for (ProvisioningApi.Route route : api.routes()) {
      if (route.path().equals("/health")) {
        continue;
      }
      String path = route.path().replace("{org}", "acme").replace("{name}", "bob")
          .replace("{pid}", "7");
      for (String token : new String[] {null, "wrong"}) {
        ApiClient other = client.withToken(token);
        Answer answer = switch (route.method()) {
          case "GET" -> other.get(path);
          case "DELETE" -> other.delete(path);
          default -> other.post(path, ApiClient.internalOrg("acme_db", "alice"));
        };
        assertThat(answer.status()).as(route + " with token " + token).isEqualTo(401);
        assertThat(answer.error()).contains("bearer token");
      }
    }
    assertThat(rows()).isEqualTo(before);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      org not a DNS label (upper case) | Acme    | {"database_name": "d1", "user": {"name": "u"}} | DNS label
      org not a DNS label (too long)   | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | {"database_name": "d1", "user": {"name": "u"}} | DNS label
      org not a DNS label (dash end)   | acme-   | {"database_name": "d1", "user": {"name": "u"}} | DNS label
      database_name missing            | acme    | {"user": {"name": "u"}} | database_name is required
      database_name not an identifier  | acme    | {"database_name": "1bad-name", "user": {"name": "u"}} | database_name must be an identifier
      unknown metadata store type      | acme    | {"database_name": "d1", "metadata_store": {"type": "oracle"}, "user": {"name": "u"}} | unknown metadata_store.type 'oracle'
      unknown data store type          | acme    | {"database_name": "d1", "data_store": {"type": "ftp"}, "user": {"name": "u"}} | unknown data_store.type 'ftp'
      external settings missing        | acme    | {"database_name": "d1", "metadata_store": {"type": "external"}, "user": {"name": "u"}} | metadata_store.external is required
      external host missing            | acme    | {"database_name": "d1", "metadata_store": {"type": "external", "external": {"port": 5432, "database": "l", "user": "x"}}, "user": {"name": "u"}} | metadata_store.external.host is required
      external port missing            | acme    | {"database_name": "d1", "metadata_store": {"type": "external", "external": {"host": "h", "database": "l", "user": "x"}}, "user": {"name": "u"}} | metadata_store.external.port is required
      external user missing            | acme    | {"database_name": "d1", "metadata_store": {"type": "external", "external": {"host": "h", "port": 1, "database": "l"}}, "user": {"name": "u"}} | metadata_store.external.user is required
      s3 settings missing              | acme    | {"database_name": "d1", "data_store": {"type": "s3"}, "user": {"name": "u"}} | data_store.s3 is required
      s3 key without secret            | acme    | {"database_name": "d1", "data_store": {"type": "s3", "s3": {"bucket": "b-1", "access_key_id": "k"}}, "user": {"name": "u"}} | given together
      unknown top-level field          | acme    | {"database_name": "d1", "user": {"name": "u"}, "colour": "red"} | unknown field 'colour'
      unknown nested field             | acme    | {"database_name": "d1", "metadata_store": {"type": "external", "external": {"host": "h", "port": 1, "database": "l", "user": "x", "flavour": "postgres"}}, "user": {"name": "u"}} | unknown field 'metadata_store.external.flavour'
      port of the wrong type           | acme    | {"database_name": "d1", "metadata_store": {"type": "external", "external": {"host": "h", "port": "five", "database": "l", "user": "x"}}, "user": {"name": "u"}} | 'metadata_store.external.port' has the wrong type
      user missing                     | acme    | {"database_name": "d1"} | user is required
      user name not an identifier      | acme    | {"database_name": "d1", "user": {"name": "bad name"}} | user name must be an identifier
      not JSON                         | acme    | {"database_name": | not valid JSON
      empty body                       | acme    | `` | must be a JSON object
      """)
  void eachRefusedProvisionIsA400ThatWritesNoRow(String what, String org, String body,
      String message) throws Exception {
    int before = rows();
    Answer answer = client.post("/api/v1/orgs/" + org + "/provision", body);
    assertThat(answer.status()).as(what + ": " + answer.text()).isEqualTo(400);
    assertThat(answer.error()).contains(message);
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void anUnknownFlavorIsRefusedNamingBothFlavorsAndWritesNoRow() throws Exception {
    int before = rows();
    Answer answer = client.post("/api/v1/orgs/flav-x/provision",
        external(", \"flavor\": \"cockroach\""));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.error()).contains("'cockroach'", "postgres", "cockroachdb");
    assertThat(rows()).isEqualTo(before);
    assertThat(store.findOrg("flav-x")).isEmpty();
  }

  @ParameterizedTest(name = "flavor field {0} → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      absent                               |             | postgres
      postgres                             | postgres    | postgres
      empty                                | ``          | postgres
      cockroachdb                          | cockroachdb | cockroachdb
      """)
  void theFlavorIsStoredAsTheSeedSays(String what, String flavor, String stored)
      throws Exception {
    String org = "flav-" + what;
    String field = flavor == null ? "" : ", \"flavor\": \"" + flavor + "\"";
    Answer provisioned = client.post("/api/v1/orgs/" + org + "/provision",
        external(field).replace("ext_db", "flav_" + what));
    assertThat(provisioned.status()).as(provisioned.text()).isEqualTo(202);
    Answer status = client.get("/api/v1/orgs/" + org + "/warehouse/status");
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.body().at("/metadata_store/type").asText()).isEqualTo("external");
    assertThat(status.body().at("/metadata_store/flavor").asText()).isEqualTo(stored);
    assertThat(status.body().has("connection")).as("connection only once ready").isFalse();
  }

  @Test
  void provisionAnswers202WithTheOnlyCopyOfThePasswordAndConflictsAre409() throws Exception {
    Answer first = client.post("/api/v1/orgs/acme/provision",
        ApiClient.internalOrg("acme_db", "alice"));
    assertThat(first.status()).as(first.text()).isEqualTo(202);
    assertThat(first.body().get("org").asText()).isEqualTo("acme");
    assertThat(first.body().get("state").asText()).isEqualTo("pending");
    assertThat(first.body().get("user").asText()).isEqualTo("alice");
    String password = first.body().get("password").asText();
    assertThat(password).hasSizeGreaterThanOrEqualTo(24);
    OrgUser alice = store.user("acme", "alice").orElseThrow();
    assertThat(alice.scramVerifier()).startsWith("SCRAM-SHA-256$4096:").doesNotContain(password);
    assertThat(alice.credential().matchesPassword(password)).isTrue();

    Answer again = client.post("/api/v1/orgs/acme/provision",
        ApiClient.internalOrg("other_db", "alice"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).contains("acme", "already exists");
    Answer taken = client.post("/api/v1/orgs/acme2/provision",
        ApiClient.internalOrg("acme_db", "alice"));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.error()).contains("acme_db", "taken");
    assertThat(store.findOrg("acme2")).isEmpty();

    Answer status = client.get("/api/v1/orgs/acme/warehouse/status");
    assertThat(status.body().get("state").asText()).isEqualTo("pending");
    assertThat(status.text()).doesNotContain(password);
    Answer list = client.get("/api/v1/orgs");
    assertThat(list.status()).isEqualTo(200);
    List<String> orgs = new ArrayList<>();
    list.body().forEach(row -> orgs.add(row.get("org").asText()));
    assertThat(orgs).contains("acme");
  }

  @Test
  void givenPasswordsAreKeptAndNeverAnsweredByReads() throws Exception {
    Answer created = client.post("/api/v1/orgs/given/provision", "{\"database_name\":"
        + " \"given_db\", \"user\": {\"name\": \"g\", \"password\": \"Given-Pass-1\"}}");
    assertThat(created.status()).isEqualTo(202);
    assertThat(created.body().get("password").asText()).isEqualTo("Given-Pass-1");
    assertThat(client.get("/api/v1/orgs").text()).doesNotContain("Given-Pass-1");
    assertThat(client.get("/api/v1/orgs/given/warehouse/status").text())
        .doesNotContain("Given-Pass-1");
  }

  @Test
  void tenParallelProvisionsOfOneOrgGiveExactlyOne202() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Callable<Answer>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String body = ApiClient.internalOrg("race_db_" + i, "u" + i);
        calls.add(() -> client.post("/api/v1/orgs/race/provision", body));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Answer> answer : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
        statuses.add(answer.get().status());
      }
      assertThat(statuses).containsOnly(202, 409);
      assertThat(statuses.stream().filter(s -> s == 202)).hasSize(1);
      assertThat(store.users("race")).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBodyOver64KiBIs413AndWritesNothing() throws Exception {
    int before = rows();
    String padding = "x".repeat(70 * 1024);
    Answer answer = client.post("/api/v1/orgs/big/provision", "{\"database_name\": \"big_db\","
        + " \"user\": {\"name\": \"u\", \"password\": \"" + padding + "\"}}");
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.error()).contains("64 KiB");
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void usersAreAddedDeletedAndResetWithTheRightStatuses() throws Exception {
    assertThat(client.post("/api/v1/orgs/team/provision", ApiClient.internalOrg("team_db",
        "owner")).status()).isEqualTo(202);
    Answer added = client.post("/api/v1/orgs/team/users", "{\"name\": \"bob\"}");
    assertThat(added.status()).isEqualTo(201);
    String bobPassword = added.body().get("password").asText();
    assertThat(store.user("team", "bob").orElseThrow().credential()
        .matchesPassword(bobPassword)).isTrue();
    assertThat(client.post("/api/v1/orgs/team/users", "{\"name\": \"bob\"}").status())
        .isEqualTo(409);
    assertThat(client.post("/api/v1/orgs/nobody/users", "{\"name\": \"bob\"}").status())
        .isEqualTo(404);
    assertThat(client.post("/api/v1/orgs/team/users", "{\"name\": \"bob\", \"role\": \"x\"}")
        .status()).isEqualTo(400);
    assertThat(client.post("/api/v1/orgs/team/users", "{\"name\": \"ann\", \"admin\": [1]}")
        .status()).isEqualTo(400);
    assertThat(store.user("team", "bob").orElseThrow().admin()).as("admin defaults to false")
        .isFalse();
    Answer admin = client.post("/api/v1/orgs/team/users",
        "{\"name\": \"ada\", \"admin\": true}");
    assertThat(admin.status()).isEqualTo(201);
    assertThat(admin.body().get("admin").asBoolean()).isTrue();
    assertThat(store.user("team", "ada").orElseThrow().admin()).isTrue();
    Answer demoted = client.patch("/api/v1/orgs/team/users/ada", "{\"admin\": false}");
    assertThat(demoted.status()).isEqualTo(200);
    assertThat(demoted.body().get("admin").asBoolean()).isFalse();
    assertThat(store.user("team", "ada").orElseThrow().admin()).isFalse();
    assertThat(client.patch("/api/v1/orgs/team/users/bob", "{\"admin\": true}").status())
        .isEqualTo(200);
    assertThat(store.user("team", "bob").orElseThrow().admin()).isTrue();
    assertThat(client.patch("/api/v1/orgs/team/users/bob", "{}").status()).isEqualTo(400);
    assertThat(client.patch("/api/v1/orgs/team/users/bob", "{\"password\": \"x\"}").status())
        .isEqualTo(400);
    assertThat(client.patch("/api/v1/orgs/team/users/nobody", "{\"admin\": true}").status())
        .isEqualTo(404);
    assertThat(client.delete("/api/v1/orgs/team/users/ada").status()).isEqualTo(204);

    Answer reset = client.post("/api/v1/orgs/team/users/bob/reset-password", null);
    assertThat(reset.status()).isEqualTo(200);
    String newPassword = reset.body().get("password").asText();
    assertThat(newPassword).isNotEqualTo(bobPassword);
    OrgUser bob = store.user("team", "bob").orElseThrow();
    assertThat(bob.credential().matchesPassword(newPassword)).isTrue();
    assertThat(bob.credential().matchesPassword(bobPassword)).isFalse();
    Answer chosen = client.post("/api/v1/orgs/team/users/bob/reset-password",
        "{\"password\": \"Chosen-1\"}");
    assertThat(chosen.body().get("password").asText()).isEqualTo("Chosen-1");
    assertThat(client.post("/api/v1/orgs/team/users/carol/reset-password", null).status())
        .isEqualTo(404);

    assertThat(client.delete("/api/v1/orgs/team/users/bob").status()).isEqualTo(204);
    assertThat(client.delete("/api/v1/orgs/team/users/bob").status()).isEqualTo(404);
    assertThat(client.delete("/api/v1/orgs/nobody/users/bob").status()).isEqualTo(404);
    assertThat(store.users("team")).extracting(OrgUser::name).containsExactly("owner");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/orgs/ghost/warehouse/status", "/api/v1/orgs/ghost/deprovision"})
  void unknownOrgsAre404(String path) throws Exception {
    Answer answer = path.endsWith("status") ? client.get(path) : client.post(path, null);
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.error()).contains("ghost");
  }

  @Test
  void deprovisionMovesTheWarehouseToDeleting() throws Exception {
    assertThat(client.post("/api/v1/orgs/gone/provision", ApiClient.internalOrg("gone_db", "u"))
        .status()).isEqualTo(202);
    Answer answer = client.post("/api/v1/orgs/gone/deprovision", null);
    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.body().get("state").asText()).isEqualTo("deleting");
    assertThat(client.get("/api/v1/orgs/gone/warehouse/status").body().get("state").asText())
        .isEqualTo("deleting");
  }

  @Test
  void theOpenApiDocumentDescribesExactlyTheRoutesServed() throws Exception {
    Answer answer = client.get("/api/v1/openapi.json");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode document = answer.body();
    assertThat(document.get("openapi").asText()).startsWith("3.");
    Set<String> documented = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fieldNames().forEachRemaining(method ->
          documented.add(method.toUpperCase() + " " + path.getKey()));
    }
    Set<String> served = new HashSet<>();
    for (ProvisioningApi.Route route : api.routes()) {
      served.add(route.method() + " " + route.path());
    }
    assertThat(documented).isEqualTo(served);
    // Every $ref points at something the document defines.
    JsonNode parsed = new ObjectMapper().readTree(answer.text());
    for (JsonNode ref : parsed.findValues("$ref")) {
      assertThat(parsed.at(ref.asText().substring(1)).isMissingNode()).as(ref.asText()).isFalse();
    }
  }

  @Test
  void theUsersOfAnOrgAreListedByNameWithoutTheirVerifiers() throws Exception {
    assertThat(client.post("/api/v1/orgs/listed/provision",
        ApiClient.internalOrg("listed_db", "carol")).status()).isEqualTo(202);
    assertThat(client.post("/api/v1/orgs/listed/users", "{\"name\": \"dave\"}").status())
        .isEqualTo(201);
    Answer users = client.get("/api/v1/orgs/listed/users");
    assertThat(users.status()).isEqualTo(200);
    assertThat(users.body().findValuesAsText("name")).containsExactly("carol", "dave");
    assertThat(users.text()).doesNotContain("SCRAM", "password");
    Answer orgs = client.get("/api/v1/orgs");
    assertThat(orgs.text()).contains("\"flavor\":\"postgres\"");
    assertThat(client.get("/api/v1/orgs/nobody/users").status()).isEqualTo(404);
  }
}
