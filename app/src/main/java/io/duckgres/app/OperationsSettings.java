package io.duckgres.app;

import io.duckgres.server.operations.Operations;
import io.duckgres.server.operations.QueryLogSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The metrics port and query log of a process that runs sessions. A worker inherits its control
 * plane's command line, so it shifts both by its number: worker N serves metrics on the port + N
 * and writes {@code <query log>.wN}, and no two processes share a port or a file.
 *
 * @param metricsPort the port to serve /metrics on, 0 for none
 * @param queryLog the query log, or null for none
 */
record OperationsSettings(int metricsPort, QueryLogSettings queryLog) {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(OperationsSettings.class);
  static final OperationsSettings OFF = new OperationsSettings(0, null);

  static OperationsSettings load(Map<Setting, RawValue> values, Path workingDirectory,
      RunMode.Kind kind) throws ConfigException {
    int metricsPort = values.containsKey(Setting.METRICS_PORT)
        ? convert(values.get(Setting.METRICS_PORT), SettingValues::port) : 0;
    RawValue pathValue = values.get(Setting.QUERY_LOG_PATH);
    long maxSize = values.containsKey(Setting.QUERY_LOG_MAX_SIZE)
        ? convert(values.get(Setting.QUERY_LOG_MAX_SIZE), SettingValues::messageSize)
        : QueryLogSettings.DEFAULT_MAX_SIZE;
    int maxFiles = values.containsKey(Setting.QUERY_LOG_MAX_FILES)
        ? convert(values.get(Setting.QUERY_LOG_MAX_FILES),
            text -> SettingValues.integerAtLeast(text, 0))
        : QueryLogSettings.DEFAULT_MAX_FILES;
    boolean redact = values.containsKey(Setting.QUERY_LOG_REDACT)
        && convert(values.get(Setting.QUERY_LOG_REDACT), SettingValues::bool);
    Path path = null;
    if (pathValue != null) {
      if (pathValue.text().isBlank()) {
        throw ConfigException.invalidValue(pathValue, "must not be empty");
      }
      path = workingDirectory.resolve(pathValue.text().trim()).normalize();
    }
    if (kind == RunMode.Kind.WORKER) {
      RawValue idValue = values.get(Setting.WORKER_ID);
      int id = idValue == null ? 0
          : convert(idValue, text -> SettingValues.integerAtLeast(text, 1));
      if (id == 0) {
        // A worker started without its number cannot pick a port or file of its own.
        metricsPort = 0;
        path = null;
      } else {
        metricsPort = metricsPort == 0 ? 0 : metricsPort + id;
        path = path == null ? null : path.resolveSibling(path.getFileName() + ".w" + id);
      }
      if (metricsPort > 65535) {
        throw ConfigException.invalidValue(values.get(Setting.METRICS_PORT),
            "worker " + id + " would serve metrics on " + metricsPort + ", past 65535");
      }
    }
    return new OperationsSettings(metricsPort,
        path == null ? null : new QueryLogSettings(path, maxSize, maxFiles, redact));
  }

  /**
   * Starts serving metrics and writing the query log for this process. The control plane process
   * serves its own metrics; this is for the processes that run sessions. A worker whose metrics
   * port is taken still serves its sessions (its control plane's pool must not fail over it);
   * a standalone server that cannot serve the metrics it was asked for does not start.
   */
  void apply(boolean worker) throws IOException {
    if (metricsPort > 0) {
      try {
        Operations.process().metrics().serve(metricsPort);
      } catch (IOException taken) {
        if (!worker) {
          throw new IOException("cannot serve metrics on port " + metricsPort + ": "
              + taken.getMessage(), taken);
        }
        LOG.warn("worker metrics not served: port {} is not free ({})", metricsPort,
            taken.getMessage());
      }
    }
    if (queryLog != null) {
      Operations.process().startQueryLog(queryLog);
    }
  }

  /** Writes out the query log's queue and stops serving metrics. */
  static void stop() {
    Operations.process().stopQueryLog();
    Operations.process().metrics().close();
  }

  private static <T> T convert(RawValue value,
      java.util.function.Function<String, T> parser) throws ConfigException {
    try {
      return parser.apply(value.text());
    } catch (IllegalArgumentException invalid) {
      throw ConfigException.invalidValue(value, invalid.getMessage());
    }
  }
}
