package io.duckgres.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * The admin API and console without the multi-tenant layer ({@code --admin-listen},
 * {@code --admin-token-file}): a standalone server serves its sessions and statement chart there,
 * a control plane also its workers. Off unless {@code --admin-listen} is set; with
 * {@code --tenants} these settings belong to {@link TenantsSettings} instead.
 *
 * @param host address to listen on
 * @param port port to listen on (0: any free port)
 * @param tokenFile the bearer token, created (mode 0600) when missing
 */
record AdminSettings(String host, int port, Path tokenFile) {
  static final String DEFAULT_TOKEN_FILE = "admin.token";

  /** The settings, or null when {@code --admin-listen} is not set (or this is a worker). */
  static AdminSettings load(Map<Setting, RawValue> values, Path workingDirectory, Path dataDir,
      RunMode.Kind kind) throws ConfigException {
    RawValue listen = values.get(Setting.ADMIN_LISTEN);
    if (listen == null || kind == RunMode.Kind.WORKER) {
      return null;
    }
    HostPort address = listenAddress(listen);
    RawValue tokenValue = values.get(Setting.ADMIN_TOKEN_FILE);
    Path tokenFile = dataDir.toAbsolutePath().resolve(DEFAULT_TOKEN_FILE);
    if (tokenValue != null) {
      if (tokenValue.text().isBlank()) {
        throw ConfigException.invalidValue(tokenValue, "must not be empty");
      }
      tokenFile = workingDirectory.resolve(tokenValue.text().strip()).normalize();
    }
    return new AdminSettings(address.host(), address.port(), tokenFile);
  }

  /** Starts the admin API and console without a config store, reading {@code console}. */
  io.duckgres.warehouse.api.ProvisioningApi start(
      io.duckgres.warehouse.console.ConsoleSource console) {
    io.duckgres.warehouse.api.ProvisioningApi api = new io.duckgres.warehouse.api.ProvisioningApi(
        null, io.duckgres.warehouse.api.AdminToken.loadOrCreate(tokenFile), null, console);
    try {
      api.start(host, port);
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
    return api;
  }

  /** A parsed {@code HOST:PORT}. */
  record HostPort(String host, int port) {}

  /** Reads {@code HOST:PORT} ({@code [v6]:PORT} too); port 0 means any free port. */
  static HostPort listenAddress(RawValue listen) throws ConfigException {
    String text = listen.text().strip();
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw ConfigException.invalidValue(listen, "expected HOST:PORT, e.g. 127.0.0.1:8432");
    }
    try {
      String host = SettingValues.host(text.substring(0, colon).replaceAll("^\\[|\\]$", ""));
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535");
      }
      return new HostPort(host, port);
    } catch (IllegalArgumentException invalid) {
      throw ConfigException.invalidValue(listen, invalid.getMessage());
    }
  }
}
