package io.duckgres.warehouse.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin console's login: the operator types the API token once, and it is kept in a cookie
 * the page's scripts cannot read ({@code HttpOnly}) and the browser never sends with a request
 * another site started ({@code SameSite=Strict}), so a cross-site form cannot act with it. The
 * API takes that cookie as it takes the bearer header. Neither the token nor the cookie is ever
 * logged.
 */
final class ConsoleLogin {
  static final String COOKIE = "duckgres_admin";
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleLogin.class);

  /** The login form's body. */
  record Login(String token) {}

  private final AdminToken token;

  ConsoleLogin(AdminToken token) {
    this.token = token;
  }

  /** Whether the request carries the token in the console's cookie. */
  boolean accepts(Context ctx) {
    String value = ctx.cookie(COOKIE);
    if (value == null || value.isEmpty()) {
      return false;
    }
    try {
      return token.accepts("Bearer "
          + new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  /** {@code POST /console/login} {@code {"token"}} → 204 with the cookie, or 401. */
  void login(Context ctx) {
    Login body = JsonBodies.read(ctx, Login.class, false);
    String offered = body.token() == null ? "" : body.token().strip();
    if (!token.accepts("Bearer " + offered)) {
      LOG.warn("admin console: a login from {} offered a wrong token", ctx.ip());
      throw new ApiException(401, "wrong token: use the one in the admin token file");
    }
    String value = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(offered.getBytes(StandardCharsets.UTF_8));
    ctx.header("Set-Cookie", COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict");
    LOG.info("admin console: login from {}", ctx.ip());
    ctx.status(204);
  }

  /** {@code POST /console/logout} → 204, the cookie cleared. */
  void logout(Context ctx) {
    ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    ProvisioningApi.json(ctx, 200, Map.of("logged_out", true));
  }
}
