package io.duckgres.warehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin console's login on an admin API without a config store (as a standalone server runs
 * it): the page is served without the token, the token typed once becomes an HttpOnly,
 * SameSite=Strict cookie the API accepts like the bearer header, and logout clears it.
 */
class ConsoleLoginTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path directory;
  private static ProvisioningApi api;
  private static String token;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    Path tokenFile = directory.resolve("admin.token");
    api = new ProvisioningApi(null, AdminToken.loadOrCreate(tokenFile), null, null);
    api.start("127.0.0.1", 0);
    token = Files.readString(tokenFile).strip();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private HttpResponse<String> send(String method, String path, String body, String cookie)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + api.port() + path)).timeout(Duration.ofSeconds(10));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String login(String offered) {
    return "{\"token\": \"" + offered + "\"}";
  }

  @Test
  void thePageAndItsBundleAreServedWithoutTheToken() throws Exception {
    HttpResponse<String> page = send("GET", "/console/", null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("/console/console.js").doesNotContain("http://",
        "https://");
    HttpResponse<String> script = send("GET", "/console/console.js", null, null);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("/api/v1/console");
    assertThat(send("GET", "/console/console.css", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/console/..%2Fopenapi.json", null, null).statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "/console", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/", null, null).statusCode()).isEqualTo(302);
  }

  @Test
  void aWrongTokenIs401AndSetsNoCookie() throws Exception {
    HttpResponse<String> refused = send("POST", "/console/login", login("not-the-token"), null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("wrong token");
    assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(send("GET", "/api/v1/console", null, "duckgres_admin=bm90LXRoZS10b2tlbg")
        .statusCode()).isEqualTo(401);
    assertThat(send("POST", "/console/login", "{\"token\": ", null).statusCode())
        .isEqualTo(400);
  }

  @Test
  void theTokenTypedOnceIsAnHttpOnlyStrictCookieTheApiAcceptsUntilLogout() throws Exception {
    HttpResponse<String> accepted = send("POST", "/console/login", login(token), null);
    assertThat(accepted.statusCode()).isEqualTo(204);
    String setCookie = accepted.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("duckgres_admin=").contains("; HttpOnly",
        "; SameSite=Strict", "; Path=/").doesNotContain(token);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    assertThat(send("GET", "/api/v1/console", null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> parts = send("GET", "/api/v1/console", null, cookie);
    assertThat(parts.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(parts.body());
    assertThat(body.get("orgs").asBoolean()).isFalse();
    assertThat(body.get("workers").asBoolean()).isFalse();
    // Without a config store the org routes say so, with their status kept.
    HttpResponse<String> orgs = send("GET", "/api/v1/orgs", null, cookie);
    assertThat(orgs.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(orgs.body()).get("error").asText()).contains("multi-tenant");

    HttpResponse<String> logout = send("POST", "/console/logout", null, cookie);
    assertThat(logout.statusCode()).isEqualTo(200);
    Optional<String> cleared = logout.headers().firstValue("Set-Cookie");
    assertThat(cleared).hasValueSatisfying(value ->
        assertThat(value).startsWith("duckgres_admin=;").contains("Max-Age=0"));
  }
}
