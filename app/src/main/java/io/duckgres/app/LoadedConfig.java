package io.duckgres.app;

import io.duckgres.server.ServerConfig;
import io.duckgres.warehouse.TenantsOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link ConfigLoader#load}.
 *
 * @param serverConfig the validated configuration the server runs with
 * @param configFile the YAML file that was read, or null when there was none
 * @param warnings settings that are accepted but probably not what the operator meant, one line
 *     each, for the log
 * @param runMode {@code --mode} and the control-plane/worker settings
 * @param tenants the multi-tenant layer to run beside the control plane, or null when off
 * @param operations metrics port and query log of this process
 */
public record LoadedConfig(
    ServerConfig serverConfig, Path configFile, List<String> warnings, RunMode runMode,
    TenantsOptions tenants, OperationsSettings operations) {
  public LoadedConfig {
    warnings = List.copyOf(warnings);
    runMode = runMode == null ? RunMode.standalone(serverConfig.dataDir()) : runMode;
    operations = operations == null ? OperationsSettings.OFF : operations;
  }

  public LoadedConfig(ServerConfig serverConfig, Path configFile, List<String> warnings,
      RunMode runMode, TenantsOptions tenants) {
    this(serverConfig, configFile, warnings, runMode, tenants, null);
  }

  /** Without the multi-tenant layer. */
  public LoadedConfig(ServerConfig serverConfig, Path configFile, List<String> warnings,
      RunMode runMode) {
    this(serverConfig, configFile, warnings, runMode, null);
  }

  /** Standalone mode. */
  public LoadedConfig(ServerConfig serverConfig, Path configFile, List<String> warnings) {
    this(serverConfig, configFile, warnings, null);
  }
}
