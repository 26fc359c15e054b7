package io.duckgres.controlplane.tenant;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.StartupErrors;
import java.util.Locale;
import java.util.Optional;

/**
 * Which org a connection is for, from its TLS server name or its StartupMessage's database, and
 * the FATAL a client gets when there is none it may use: 3D000 for an unknown database or org (the
 * same words whichever way it was named), 57P03 naming the state of an org that is not ready.
 * Reads the directory: call it off the event loops.
 */
public final class TenantRouter {
  private final TenantDirectory directory;
  private final String hostSuffix;

  /** @param hostSuffix lower case, without a leading dot; null when SNI routing is off */
  public TenantRouter(TenantDirectory directory, String hostSuffix) {
    this.directory = directory;
    this.hostSuffix = hostSuffix;
  }

  /**
   * The first label of a server name {@code <label>.<suffix>}: an org id or a database name.
   * Null for any other name (an address, another domain, a deeper name): such a client is routed
   * by the database it asks for.
   */
  public String serverNameLabel(String serverName) {
    if (hostSuffix == null || serverName == null) {
      return null;
    }
    String name = serverName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (!name.endsWith("." + hostSuffix)) {
      return null;
    }
    String label = name.substring(0, name.length() - hostSuffix.length() - 1);
    return label.isEmpty() || label.contains(".") ? null : label;
  }

  /** The org a server-name label names: by org id first, else by database name. */
  public Tenant byServerName(String label) {
    Optional<Tenant> tenant = directory.byOrg(label);
    if (tenant.isEmpty()) {
      tenant = directory.byDatabase(label);
    }
    return servable(tenant.orElseThrow(() -> StartupErrors.databaseDoesNotExist(label)));
  }

  /** The org whose database the client asked for. */
  public Tenant byDatabase(String database) {
    return servable(directory.byDatabase(database)
        .orElseThrow(() -> StartupErrors.databaseDoesNotExist(database)));
  }

  private static Tenant servable(Tenant tenant) {
    if (!tenant.ready()) {
      throw notReady(tenant);
    }
    return tenant;
  }

  static PgException notReady(Tenant tenant) {
    return StartupErrors.cannotConnectNow("database \"" + tenant.database()
        + "\" is not ready: its warehouse is " + tenant.state());
  }
}
