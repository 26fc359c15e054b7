package io.duckgres.warehouse.api;

import io.duckgres.warehouse.store.ConfigStore;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An org's users: add (201), delete (204), reset the password (200). */
final class UserHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(UserHandlers.class);

  private final ConfigStore store;

  UserHandlers(ConfigStore store) {
    this.store = store;
  }

  /** {@code POST /api/v1/orgs/{org}/users} {@code {"name", "password"?, "admin"?}} → 201. */
  void add(Context ctx) {
    String org = ctx.pathParam("org");
    ApiRequests.User request = JsonBodies.read(ctx, ApiRequests.User.class, false);
    ProvisionValidator.requireUserName(request.name());
    ProvisionValidator.requirePassword("password", request.password());
    String password = request.password() != null ? request.password() : Passwords.generate();
    store.addUser(org, request.name(), Passwords.verifier(password), request.isAdmin());
    LOG.info("added {} {} to org {}", request.isAdmin() ? "admin user" : "user", request.name(),
        org);
    Map<String, Object> out = answer(request.name(), password);
    out.put("admin", request.isAdmin());
    ProvisioningApi.json(ctx, 201, out);
  }

  /**
   * {@code PATCH /api/v1/orgs/{org}/users/{name}} {@code {"admin": true|false}} → 200, or 404.
   * The user's open sessions end (they run as what the user was at login).
   */
  void change(Context ctx) {
    String org = ctx.pathParam("org");
    String name = ctx.pathParam("name");
    ApiRequests.UserChange request = JsonBodies.read(ctx, ApiRequests.UserChange.class, false);
    if (request.admin() == null) {
      throw ApiException.badRequest("admin (true or false) is required");
    }
    store.setUserAdmin(org, name, request.admin());
    LOG.info("user {} of org {} is {}", name, org, request.admin() ? "an admin" : "no admin");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("admin", request.admin());
    ProvisioningApi.json(ctx, 200, out);
  }

  /** {@code DELETE /api/v1/orgs/{org}/users/{name}} → 204, or 404. */
  void delete(Context ctx) {
    String org = ctx.pathParam("org");
    String name = ctx.pathParam("name");
    store.deleteUser(org, name);
    LOG.info("deleted user {} of org {}", name, org);
    ctx.status(204);
  }

  /**
   * {@code POST /api/v1/orgs/{org}/users/{name}/reset-password}, optionally
   * {@code {"password"}} → 200 with the new password.
   */
  void resetPassword(Context ctx) {
    String org = ctx.pathParam("org");
    String name = ctx.pathParam("name");
    ApiRequests.Password request = JsonBodies.read(ctx, ApiRequests.Password.class, true);
    String given = request == null ? null : request.password();
    ProvisionValidator.requirePassword("password", given);
    String password = given != null ? given : Passwords.generate();
    store.setUserVerifier(org, name, Passwords.verifier(password));
    LOG.info("reset the password of user {} of org {}", name, org);
    ProvisioningApi.json(ctx, 200, answer(name, password));
  }

  private static Map<String, Object> answer(String name, String password) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("password", password);
    return out;
  }
}
