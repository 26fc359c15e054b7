package io.duckgres.app;

import io.duckgres.controlplane.ControlPlaneConfig;
import io.duckgres.controlplane.TenantOptions;
import io.duckgres.controlplane.WorkerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --mode} and the settings only the control-plane and worker modes read. Kept
 * apart from {@link io.duckgres.server.ServerConfig}, which every mode shares: a worker runs with
 * exactly the server configuration of its control plane.
 *
 * @param kind which mode
 * @param controlPlane control-plane settings (defaults outside control-plane mode)
 * @param worker the worker's socket paths; null unless {@code kind} is WORKER
 */
public record RunMode(Kind kind, ControlPlaneSettings controlPlane, WorkerOptions worker) {

  public enum Kind {
    STANDALONE("standalone"),
    CONTROL_PLANE("control-plane"),
    WORKER("worker");

    final String spelling;

    Kind(String spelling) {
      this.spelling = spelling;
    }

    static Kind parse(String text) {
      String wanted = text.trim().toLowerCase(Locale.ROOT);
      for (Kind kind : values()) {
        if (kind.spelling.equals(wanted)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("allowed: standalone, control-plane, worker");
    }
  }

  /** Control-plane settings before the worker command, which only Main can build. */
  public record ControlPlaneSettings(int workerCount, Path socketDir, Path handoverSocket,
      Duration healthCheckInterval, Duration drainTimeout, int metricsPort,
      TenantOptions tenantOptions) {

    public ControlPlaneConfig withWorkerCommand(List<String> workerCommand) {
      return new ControlPlaneConfig(workerCount, socketDir, handoverSocket, healthCheckInterval,
          drainTimeout, metricsPort, workerCommand);
    }
  }

  /** Linux's limit for a Unix socket path (sun_path), less the terminating NUL. */
  static final int MAX_SOCKET_PATH_BYTES = 107;
  /** The longest worker socket name the control plane makes: w{id}-p{pid}.ctl. */
  private static final int WORKER_SOCKET_NAME_BYTES = 24;

  static RunMode standalone(Path dataDir) {
    return new RunMode(Kind.STANDALONE, defaults(dataDir), null);
  }

  private static ControlPlaneSettings defaults(Path dataDir) {
    return new ControlPlaneSettings(ControlPlaneConfig.DEFAULT_WORKER_COUNT, dataDir.resolve("run"),
        null, ControlPlaneConfig.DEFAULT_HEALTH_CHECK_INTERVAL,
        ControlPlaneConfig.DEFAULT_DRAIN_TIMEOUT, 0, TenantOptions.defaults());
  }

  static RunMode load(Map<Setting, RawValue> values, Path workingDirectory, Path dataDir)
      throws ConfigException {
    Kind kind = convert(values, Setting.MODE, Kind::parse, Kind.STANDALONE);
    ControlPlaneSettings fallback = defaults(dataDir);
    int workerCount = convert(values, Setting.WORKER_COUNT,
        text -> SettingValues.integerAtLeast(text, 1), fallback.workerCount());
    Path socketDir = path(values.get(Setting.SOCKET_DIR), workingDirectory, fallback.socketDir());
    Path handoverSocket = path(values.get(Setting.HANDOVER_SOCKET), workingDirectory, null);
    Duration healthCheckInterval = convert(values, Setting.HEALTH_CHECK_INTERVAL,
        SettingValues::positiveDuration, fallback.healthCheckInterval());
    Duration drainTimeout = convert(values, Setting.DRAIN_TIMEOUT, SettingValues::positiveDuration,
        fallback.drainTimeout());
    int metricsPort = convert(values, Setting.METRICS_PORT, SettingValues::port, 0);
    ControlPlaneSettings controlPlane = new ControlPlaneSettings(workerCount, socketDir,
        handoverSocket, healthCheckInterval, drainTimeout, metricsPort,
        tenantOptions(values, fallback.tenantOptions()));
    WorkerOptions worker = null;
    if (kind == Kind.CONTROL_PLANE) {
      requireShortSocketPath(socketDir.resolve("x".repeat(WORKER_SOCKET_NAME_BYTES)),
          values.getOrDefault(Setting.SOCKET_DIR, new RawValue(socketDir.toString(),
              Setting.SOCKET_DIR.flag() + " (default under the data dir)")));
      if (handoverSocket != null) {
        requireShortSocketPath(handoverSocket, values.get(Setting.HANDOVER_SOCKET));
      }
    } else if (kind == Kind.WORKER) {
      RawValue control = values.get(Setting.WORKER_CONTROL_SOCKET);
      RawValue fd = values.get(Setting.WORKER_FD_SOCKET);
      if (control == null || fd == null) {
        throw new ConfigException("--mode worker is started by a control plane, which passes "
            + Setting.WORKER_CONTROL_SOCKET.flag() + " and " + Setting.WORKER_FD_SOCKET.flag()
            + "; run --mode control-plane instead");
      }
      worker = new WorkerOptions(path(control, workingDirectory, null),
          path(fd, workingDirectory, null));
    }
    return new RunMode(kind, controlPlane, worker);
  }

  private static TenantOptions tenantOptions(Map<Setting, RawValue> values,
      TenantOptions fallback) throws ConfigException {
    String suffix = values.containsKey(Setting.TENANT_HOST_SUFFIX)
        ? values.get(Setting.TENANT_HOST_SUFFIX).text() : fallback.hostSuffix();
    int maxWorkers = convert(values, Setting.MAX_WORKERS,
        text -> SettingValues.integerAtLeast(text, 1), fallback.maxWorkers());
    int warmWorkers = convert(values, Setting.WARM_WORKERS,
        text -> SettingValues.integerAtLeast(text, 0), fallback.warmWorkers());
    Duration hotIdleTtl = convert(values, Setting.HOT_IDLE_TTL, SettingValues::positiveDuration,
        fallback.hotIdleTtl());
    int sessionCap = convert(values, Setting.MAX_SESSIONS_PER_WORKER,
        text -> SettingValues.integerAtLeast(text, 1), fallback.maxSessionsPerWorker());
    Duration placementTimeout = convert(values, Setting.TENANT_PLACEMENT_TIMEOUT,
        SettingValues::positiveDuration, fallback.placementTimeout());
    if (warmWorkers > maxWorkers) {
      throw ConfigException.invalidValue(values.get(Setting.WARM_WORKERS),
          "must not exceed --max-workers (" + maxWorkers + ")");
    }
    return new TenantOptions(suffix, maxWorkers, warmWorkers, hotIdleTtl, sessionCap,
        placementTimeout);
  }

  private static void requireShortSocketPath(Path path, RawValue origin) throws ConfigException {
    if (path.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
      throw ConfigException.invalidValue(origin, "Unix socket paths under it would exceed "
          + MAX_SOCKET_PATH_BYTES + " bytes; choose a shorter directory");
    }
  }

  private static Path path(RawValue value, Path workingDirectory, Path fallback)
      throws ConfigException {
    if (value == null) {
      return fallback;
    }
    if (value.text().isBlank()) {
      throw ConfigException.invalidValue(value, "must not be empty");
    }
    try {
      return workingDirectory.resolve(value.text().trim()).normalize();
    } catch (IllegalArgumentException invalid) {
      throw ConfigException.invalidValue(value, "not a valid path");
    }
  }

  private static <T> T convert(Map<Setting, RawValue> values, Setting setting,
      java.util.function.Function<String, T> parser, T fallback) throws ConfigException {
    RawValue value = values.get(setting);
    if (value == null) {
      return fallback;
    }
    try {
      return parser.apply(value.text());
    } catch (IllegalArgumentException invalid) {
      throw ConfigException.invalidValue(value, invalid.getMessage());
    }
  }
}
