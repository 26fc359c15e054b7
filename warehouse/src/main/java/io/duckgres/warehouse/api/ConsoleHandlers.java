package io.duckgres.warehouse.api;

import io.duckgres.warehouse.console.ConsoleSource;
import io.duckgres.warehouse.console.RateSample;
import io.duckgres.warehouse.console.SessionRow;
import io.duckgres.warehouse.console.WorkerRow;
import io.duckgres.warehouse.store.ConfigStore;
import io.duckgres.warehouse.store.OrgUser;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes the admin console reads besides the provisioning ones: what this server offers,
 * its workers, its live sessions (with cancel and terminate), the statement rate, and the users
 * of an org. A part the process does not run (no config store in standalone mode, no worker pool)
 * answers 404 saying so; the console asks {@code /api/v1/console} first and does not show it.
 */
final class ConsoleHandlers {
  private final ConfigStore store;
  private final ConsoleSource console;

  /** Either may be null: the part is then not offered. */
  ConsoleHandlers(ConfigStore store, ConsoleSource console) {
    this.store = store;
    this.console = console;
  }

  /** {@code GET /api/v1/console} → which pages this server has. */
  void capabilities(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("orgs", store != null);
    out.put("workers", console != null && console.hasWorkers());
    out.put("sessions", console != null);
    ProvisioningApi.json(ctx, 200, out);
  }

  /** {@code GET /api/v1/workers}. */
  void workers(Context ctx) {
    if (console == null || !console.hasWorkers()) {
      throw new ApiException(404, "this server runs no worker pool (standalone mode)");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (WorkerRow worker : console.workers()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", worker.id());
      row.put("pid", worker.pid());
      row.put("org", worker.org());
      row.put("flavor", worker.flavor());
      row.put("connections", worker.connections());
      row.put("state", worker.state());
      row.put("uptime_seconds", worker.uptimeSeconds());
      row.put("restarts", worker.restarts());
      out.add(row);
    }
    ProvisioningApi.json(ctx, 200, out);
  }

  /** {@code GET /api/v1/sessions}. */
  void sessions(Context ctx) {
    requireSessions();
    long now = System.currentTimeMillis();
    List<Map<String, Object>> out = new ArrayList<>();
    for (SessionRow session : console.sessions()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("pid", session.processId());
      row.put("user", session.user());
      row.put("org", session.org());
      row.put("database", session.database());
      row.put("state", session.state());
      row.put("query", session.query());
      row.put("query_start", session.queryStartMillis());
      row.put("running_millis", session.state().equals("active")
          && session.queryStartMillis() != null
          ? Math.max(0, now - session.queryStartMillis()) : null);
      row.put("backend_start", session.backendStartMillis());
      row.put("client_address", session.clientAddress());
      row.put("worker", session.worker());
      out.add(row);
    }
    ProvisioningApi.json(ctx, 200, out);
  }

  /** {@code POST /api/v1/sessions/{pid}/cancel}. */
  void cancel(Context ctx) {
    signal(ctx, false);
  }

  /** {@code POST /api/v1/sessions/{pid}/terminate}. */
  void terminate(Context ctx) {
    signal(ctx, true);
  }

  private void signal(Context ctx, boolean terminate) {
    requireSessions();
    String text = ctx.pathParam("pid");
    if (!text.matches("\\d{1,9}")) {
      throw ApiException.badRequest("pid must be a backend process id (a positive integer)");
    }
    int pid = Integer.parseInt(text);
    if (!console.signal(pid, terminate)) {
      throw new ApiException(404, "no live session has pid " + pid);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pid", pid);
    out.put(terminate ? "terminated" : "cancelled", true);
    ProvisioningApi.json(ctx, 200, out);
  }

  /** {@code GET /api/v1/metrics/statements}: per window, statements per second and p95. */
  void statementRate(Context ctx) {
    requireSessions();
    List<Map<String, Object>> out = new ArrayList<>();
    for (RateSample sample : console.statementRate()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("start", sample.startMillis());
      row.put("per_second", sample.perSecond());
      row.put("p95_ms", sample.p95Millis());
      out.add(row);
    }
    ProvisioningApi.json(ctx, 200, out);
  }

  /** {@code GET /api/v1/orgs/{org}/users}: names and creation times, never the verifiers. */
  void users(Context ctx) {
    if (store == null) {
      throw new ApiException(404, "this server runs without the multi-tenant layer: no orgs");
    }
    String org = ctx.pathParam("org");
    if (store.findOrg(org).isEmpty()) {
      throw OrgHandlers.notFound(org);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (OrgUser user : store.users(org)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", user.name());
      row.put("created_at", user.createdAt() == null ? null : user.createdAt().toString());
      out.add(row);
    }
    ProvisioningApi.json(ctx, 200, out);
  }

  private void requireSessions() {
    if (console == null) {
      throw new ApiException(404, "this admin API serves no sessions");
    }
  }
}
