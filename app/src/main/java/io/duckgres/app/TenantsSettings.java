package io.duckgres.app;

import io.duckgres.server.ServerConfig;
import io.duckgres.warehouse.TenantsOptions;
import io.duckgres.warehouse.store.ConfigStoreLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the multi-tenant settings ({@code --tenants}, {@code --config-store},
 * {@code --admin-listen}, {@code --admin-token-file}, {@code --secrets-key-file}) into
 * {@link TenantsOptions}. They apply to the control plane only: a worker is started with its
 * control plane's command line and ignores them.
 */
final class TenantsSettings {
  private TenantsSettings() {}

  /** The options, or null when the multi-tenant mode is off (or this is a worker). */
  static TenantsOptions load(Map<Setting, RawValue> values, Path workingDirectory,
      ServerConfig config, RunMode.Kind kind, List<String> warnings) throws ConfigException {
    RawValue enabledValue = values.get(Setting.TENANTS);
    boolean enabled = false;
    if (enabledValue != null) {
      try {
        enabled = SettingValues.bool(enabledValue.text());
      } catch (IllegalArgumentException invalid) {
        throw ConfigException.invalidValue(enabledValue, invalid.getMessage());
      }
    }
    if (!enabled) {
      for (Setting only : new Setting[] {Setting.CONFIG_STORE, Setting.ADMIN_LISTEN,
          Setting.ADMIN_TOKEN_FILE, Setting.SECRETS_KEY_FILE}) {
        RawValue value = values.get(only);
        if (value != null) {
          warnings.add("ignoring " + value.origin() + ": it applies with " + Setting.TENANTS.flag()
              + " only");
        }
      }
      return null;
    }
    if (kind == RunMode.Kind.WORKER) {
      return null;
    }
    if (kind != RunMode.Kind.CONTROL_PLANE) {
      throw ConfigException.invalidValue(enabledValue,
          "the multi-tenant mode runs beside a control plane: add --mode control-plane");
    }
    ConfigStoreLocation store = null;
    RawValue storeValue = values.get(Setting.CONFIG_STORE);
    if (storeValue != null) {
      try {
        store = ConfigStoreLocation.parse(storeValue.text());
      } catch (IllegalArgumentException invalid) {
        throw ConfigException.invalidValue(new RawValue("(not shown: it may hold a password)",
            storeValue.origin()), invalid.getMessage());
      }
    }
    String adminHost = TenantsOptions.DEFAULT_ADMIN_HOST;
    int adminPort = TenantsOptions.DEFAULT_ADMIN_PORT;
    RawValue listen = values.get(Setting.ADMIN_LISTEN);
    if (listen != null) {
      String text = listen.text().strip();
      int colon = text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw ConfigException.invalidValue(listen, "expected HOST:PORT, e.g. 127.0.0.1:8432");
      }
      try {
        adminHost = SettingValues.host(text.substring(0, colon).replaceAll("^\\[|\\]$", ""));
        adminPort = Integer.parseInt(text.substring(colon + 1));
        if (adminPort < 0 || adminPort > 65535) {
          throw new IllegalArgumentException("port must be 0..65535");
        }
      } catch (IllegalArgumentException invalid) {
        throw ConfigException.invalidValue(listen, invalid.getMessage());
      }
    }
    Path dataDir = config.dataDir().toAbsolutePath();
    Path tokenFile = path(values.get(Setting.ADMIN_TOKEN_FILE), workingDirectory,
        TenantsOptions.defaultAdminTokenFile(dataDir));
    Path keyFile = path(values.get(Setting.SECRETS_KEY_FILE), workingDirectory,
        TenantsOptions.defaultSecretsKeyFile(dataDir));
    String clientHost = config.host().equals("0.0.0.0") || config.host().equals("::")
        ? "127.0.0.1" : config.host();
    Path extensions = config.extensionDirectory() == null ? null
        : config.extensionDirectory().toAbsolutePath();
    return new TenantsOptions(store, dataDir, adminHost, adminPort, tokenFile, keyFile,
        clientHost, config.port(), extensions);
  }

  private static Path path(RawValue value, Path workingDirectory, Path fallback)
      throws ConfigException {
    if (value == null) {
      return fallback;
    }
    if (value.text().isBlank()) {
      throw ConfigException.invalidValue(value, "must not be empty");
    }
    return workingDirectory.resolve(value.text().strip()).normalize();
  }
}
