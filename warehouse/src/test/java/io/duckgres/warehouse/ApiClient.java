package io.duckgres.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The provisioning API as a client sees it: real HTTP on loopback, JSON answers. */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: status and parsed body (null when empty). */
  public record Answer(int status, JsonNode body, String text) {
    public String error() {
      return body == null || body.get("error") == null ? null : body.get("error").asText();
    }
  }

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  public ApiClient(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  public ApiClient withToken(String other) {
    return new ApiClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), other);
  }

  public Answer get(String path) throws IOException, InterruptedException {
    return send(builder(path).GET());
  }

  public Answer post(String path, String json) throws IOException, InterruptedException {
    return send(builder(path).header("Content-Type", "application/json")
        .POST(json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer patch(String path, String json) throws IOException, InterruptedException {
    return send(builder(path).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer delete(String path) throws IOException, InterruptedException {
    return send(builder(path).DELETE());
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    JsonNode body = text == null || text.isBlank() ? null : JSON.readTree(text);
    return new Answer(response.statusCode(), body, text);
  }

  /** The body of a provision request for an internal store with local data. */
  public static String internalOrg(String database, String user) {
    return "{\"database_name\": \"" + database + "\", \"metadata_store\": {\"type\": \"internal\"},"
        + " \"data_store\": {\"type\": \"local\"}, \"user\": {\"name\": \"" + user + "\"}}";
  }
}
