package io.duckgres.warehouse.api;

import io.duckgres.warehouse.store.ConfigStore;
import io.duckgres.warehouse.store.ConfigStoreException;
import io.duckgres.warehouse.store.Org;
import io.duckgres.warehouse.store.OrgUser;
import io.duckgres.warehouse.store.Warehouse;
import io.duckgres.warehouse.store.WarehouseSpec;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The org and warehouse routes: provision, list, status, deprovision. */
final class OrgHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(OrgHandlers.class);

  private final ConfigStore store;
  private final ProvisioningApi.ClientEndpoint endpoint;

  OrgHandlers(ConfigStore store, ProvisioningApi.ClientEndpoint endpoint) {
    this.store = store;
    this.endpoint = endpoint;
  }

  /** {@code POST /api/v1/orgs/{org}/provision} → 202 with the first user's password. */
  void provision(Context ctx) {
    String org = ctx.pathParam("org");
    ProvisionValidator.requireOrgId(org);
    ApiRequests.Provision request = JsonBodies.read(ctx, ApiRequests.Provision.class, false);
    WarehouseSpec spec = ProvisionValidator.validate(org, request);
    String password = request.user().password() != null ? request.user().password()
        : Passwords.generate();
    Warehouse warehouse = store.provision(org, request.databaseName(), spec,
        request.user().name(), Passwords.verifier(password), request.user().isAdmin());
    LOG.info("provisioning org {} (database {}, {})", org, request.databaseName(), spec);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("org", org);
    out.put("state", warehouse.state().spelling());
    out.put("user", request.user().name());
    out.put("password", password);
    ProvisioningApi.json(ctx, 202, out);
  }

  /** {@code GET /api/v1/orgs} → 200, every org with its warehouse state. */
  void list(Context ctx) {
    Map<String, Warehouse> warehouses = new LinkedHashMap<>();
    for (Warehouse warehouse : store.listWarehouses()) {
      warehouses.put(warehouse.orgId(), warehouse);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Org org : store.listOrgs()) {
      Map<String, Object> row = new LinkedHashMap<>();
      Warehouse warehouse = warehouses.get(org.id());
      row.put("org", org.id());
      row.put("database_name", org.databaseName());
      row.put("state", warehouse == null ? null : warehouse.state().spelling());
      row.put("status_message", warehouse == null ? null : warehouse.statusMessage());
      row.put("flavor", warehouse == null ? null : warehouse.flavor().spelling());
      row.put("created_at", org.createdAt() == null ? null : org.createdAt().toString());
      out.add(row);
    }
    ProvisioningApi.json(ctx, 200, out);
  }

  /** {@code GET /api/v1/orgs/{org}/warehouse/status} → 200, or 404 for an unknown org. */
  void status(Context ctx) {
    String org = ctx.pathParam("org");
    Warehouse warehouse = store.warehouse(org).orElseThrow(() -> notFound(org));
    Optional<Org> row = store.findOrg(org);
    List<OrgUser> users = new ArrayList<>(store.users(org));
    users.sort(Comparator.comparing(OrgUser::createdAt,
        Comparator.nullsLast(Comparator.naturalOrder())));
    ProvisioningApi.json(ctx, 200,
        ProvisioningApi.status(warehouse, row.orElse(null), users, endpoint));
  }

  /** {@code POST /api/v1/orgs/{org}/deprovision} → 202 (state deleting), or 404. */
  void deprovision(Context ctx) {
    String org = ctx.pathParam("org");
    store.markDeleting(org);
    LOG.info("deprovisioning org {}", org);
    ProvisioningApi.json(ctx, 202, Map.of("org", org, "state", "deleting"));
  }

  static ConfigStoreException notFound(String org) {
    return new ConfigStoreException(ConfigStoreException.Reason.NOT_FOUND, "no org "
        + ProvisionValidator.printable(org));
  }
}
