package io.duckgres.warehouse.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.duckgres.warehouse.console.ConsoleSource;
import io.duckgres.warehouse.store.ConfigStore;
import io.duckgres.warehouse.store.ConfigStoreException;
import io.duckgres.warehouse.store.Org;
import io.duckgres.warehouse.store.OrgUser;
import io.duckgres.warehouse.store.Warehouse;
import io.duckgres.warehouse.store.WarehouseState;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API: HTTP/JSON on the admin address, every route but {@code /health} behind
 * the bearer token (or the admin console's login cookie, see {@link ConsoleLogin}). It serves the
 * provisioning routes when it has a config store, and the console's routes (sessions, workers,
 * statement rate) when it has a {@link ConsoleSource}; {@code /console/} is the admin console's
 * page. Errors are {@code {"error": "..."}}. Secrets sent in (passwords, S3 keys) go
 * to the store encrypted or as SCRAM verifiers and are never answered back, except a user's
 * password in the one answer that created or reset it. The routes are listed once
 * ({@link #routes()}) and the OpenAPI document served at {@code /api/v1/openapi.json} describes
 * each of them.
 */
public final class ProvisioningApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProvisioningApi.class);
  static final String OPENAPI_RESOURCE = "/io/duckgres/warehouse/api/openapi.json";

  /** One route: method, path (OpenAPI's {@code {param}} syntax, which Javalin shares). */
  public record Route(String method, String path) {}

  /**
   * Where clients connect once a warehouse is ready, for the {@code connection} of the status.
   */
  public record ClientEndpoint(String host, int port) {}

  private final ConfigStore store;
  private final AdminToken token;
  private final ClientEndpoint clientEndpoint;
  private final byte[] openApi;
  private final Map<Route, Handler> handlers = new LinkedHashMap<>();
  private final ConsoleLogin login;
  private final ConsoleAssets assets = new ConsoleAssets();
  private Javalin app;

  public ProvisioningApi(ConfigStore store, AdminToken token, ClientEndpoint clientEndpoint) {
    this(store, token, clientEndpoint, null);
  }

  /**
   * @param store the config store, or null for a server without the multi-tenant layer (the org
   *     routes then answer 404)
   * @param console sessions, workers and statement rate, or null (those routes then answer 404)
   */
  public ProvisioningApi(ConfigStore store, AdminToken token, ClientEndpoint clientEndpoint,
      ConsoleSource console) {
    this.store = store;
    this.token = token;
    this.clientEndpoint = clientEndpoint;
    this.openApi = readOpenApi();
    this.login = new ConsoleLogin(token);
    ConsoleHandlers consoleHandlers = new ConsoleHandlers(store, console);
    handlers.put(new Route("GET", "/health"), ctx -> json(ctx, 200, Map.of("status", "ok")));
    handlers.put(new Route("GET", "/api/v1/openapi.json"),
        ctx -> ctx.status(200).contentType("application/json").result(openApi));
    handlers.put(new Route("GET", "/api/v1/console"), consoleHandlers::capabilities);
    OrgHandlers orgs = store == null ? null : new OrgHandlers(store, clientEndpoint);
    UserHandlers users = store == null ? null : new UserHandlers(store);
    handlers.put(new Route("GET", "/api/v1/orgs"), needsStore(() -> orgs::list));
    handlers.put(new Route("POST", "/api/v1/orgs/{org}/provision"),
        needsStore(() -> orgs::provision));
    handlers.put(new Route("GET", "/api/v1/orgs/{org}/warehouse/status"),
        needsStore(() -> orgs::status));
    handlers.put(new Route("POST", "/api/v1/orgs/{org}/deprovision"),
        needsStore(() -> orgs::deprovision));
    handlers.put(new Route("GET", "/api/v1/orgs/{org}/users"), consoleHandlers::users);
    handlers.put(new Route("POST", "/api/v1/orgs/{org}/users"), needsStore(() -> users::add));
    handlers.put(new Route("DELETE", "/api/v1/orgs/{org}/users/{name}"),
        needsStore(() -> users::delete));
    handlers.put(new Route("PATCH", "/api/v1/orgs/{org}/users/{name}"),
        needsStore(() -> users::change));
    handlers.put(new Route("POST", "/api/v1/orgs/{org}/users/{name}/reset-password"),
        needsStore(() -> users::resetPassword));
    handlers.put(new Route("GET", "/api/v1/workers"), consoleHandlers::workers);
    handlers.put(new Route("GET", "/api/v1/sessions"), consoleHandlers::sessions);
    handlers.put(new Route("POST", "/api/v1/sessions/{pid}/cancel"), consoleHandlers::cancel);
    handlers.put(new Route("POST", "/api/v1/sessions/{pid}/terminate"),
        consoleHandlers::terminate);
    handlers.put(new Route("GET", "/api/v1/metrics/statements"), consoleHandlers::statementRate);
  }

  private Handler needsStore(java.util.function.Supplier<Handler> handler) {
    if (store == null) {
      return ctx -> {
        throw new ApiException(404, "this server runs without the multi-tenant layer: no orgs");
      };
    }
    return handler.get();
  }

  /** Every route this API serves. */
  public List<Route> routes() {
    return new ArrayList<>(handlers.keySet());
  }

  /** Starts listening on {@code host:port} (port 0: any free port). */
  public void start(String host, int port) {
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = JsonBodies.MAX_BODY_BYTES;
      config.routes.before(this::authenticate);
      handlers.forEach((route, handler) ->
          config.routes.addHttpHandler(HandlerType.findOrCreate(route.method()), route.path(),
              handler));
      // The console: its page and files, and its login (not API routes: no token needed).
      config.routes.addHttpHandler(HandlerType.GET, "/", ctx -> ctx.redirect("/console/"));
      config.routes.addHttpHandler(HandlerType.GET, "/console/", assets::serve);
      config.routes.addHttpHandler(HandlerType.GET, "/console/{file}", assets::serve);
      config.routes.addHttpHandler(HandlerType.POST, "/console/login", login::login);
      config.routes.addHttpHandler(HandlerType.POST, "/console/logout", login::logout);
      config.routes.exception(ApiException.class,
          (e, ctx) -> json(ctx, e.status(), Map.of("error", e.getMessage())));
      config.routes.exception(ConfigStoreException.class, (e, ctx) -> {
        int status = switch (e.reason()) {
          case CONFLICT -> 409;
          case NOT_FOUND -> 404;
          case UNAVAILABLE -> 503;
        };
        if (status == 503) {
          LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        }
        json(ctx, status, Map.of("error", e.getMessage()));
      });
      config.routes.exception(HttpResponseException.class,
          (e, ctx) -> json(ctx, e.getStatus(), Map.of("error", e.getMessage())));
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        json(ctx, 500, Map.of("error", "internal error; see the control plane's log"));
      });
      config.routes.error(404, ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty()) {
          json(ctx, 404, Map.of("error", "no such route: " + ctx.method() + " " + ctx.path()));
        }
      });
    });
    app.start(host, port);
    LOG.info("{} listening on http://{}:{} (bearer token required; admin console at /console/)",
        store == null ? "admin API" : "provisioning API", host, app.port());
  }

  /** The port the API listens on. */
  public int port() {
    return app.port();
  }

  private void authenticate(Context ctx) {
    String path = ctx.path();
    if (path.equals("/health") || path.equals("/") || path.equals("/console")
        || path.startsWith("/console/")) {
      return;
    }
    if (!token.accepts(ctx.header("Authorization")) && !login.accepts(ctx)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(401, "a valid bearer token is required (Authorization: Bearer"
          + " <token from the admin token file>)");
    }
    String length = ctx.header("Content-Length");
    if (length != null && length.strip().matches("\\d{1,18}")
        && Long.parseLong(length.strip()) > JsonBodies.MAX_BODY_BYTES) {
      throw JsonBodies.tooLarge();
    }
  }

  static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json")
          .result(JsonBodies.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON answer", e);
    }
  }

  private static byte[] readOpenApi() {
    try (InputStream in = ProvisioningApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }

  /** The status answer of a warehouse; {@code connection} only once it is ready. */
  static Map<String, Object> status(Warehouse warehouse, Org org, List<OrgUser> users,
      ClientEndpoint endpoint) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("org", warehouse.orgId());
    out.put("state", warehouse.state().spelling());
    out.put("status_message", warehouse.statusMessage());
    out.put("metadata_store", Map.of("type", warehouse.metadataStore().type().spelling(),
        "flavor", warehouse.flavor().spelling()));
    out.put("data_store", Map.of("type", warehouse.dataStore().type().spelling()));
    if (warehouse.state() == WarehouseState.READY && org != null) {
      Map<String, Object> connection = new LinkedHashMap<>();
      connection.put("host", endpoint.host());
      connection.put("port", endpoint.port());
      connection.put("database", org.databaseName());
      connection.put("user", users.isEmpty() ? null : users.get(0).name());
      out.put("connection", connection);
    }
    return out;
  }
}
