package io.duckgres.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark harness, started by bench/run once PostgreSQL is up. It builds (or reuses) the
 * DuckDB data file, starts duckgres on a copy of it, runs every workload against duckgres and its
 * baseline in the same run, and writes bench/results/latest.json and latest.md. A workload that
 * fails is reported as failed and the next one runs.
 */
public final class Main {
  private Main() {}

  public static void main(String[] arguments) throws Exception {
    BenchConfig config = BenchConfig.parse(arguments);
    Files.createDirectories(config.workDir());
    Log.info("%s run: %s, large result %,d rows, bulk load %,d rows, TPC-H SF %s", config.mode(),
        config.roundsDescription(), config.largeResultRows(), config.bulkLoadRows(), config.tpchScaleFactor());

    DataSetup.Template template = DataSetup.prepare(config);
    Path dataDir = Files.createDirectories(config.workDir().resolve("duckgres-data"));
    Files.copy(template.file(), dataDir.resolve(config.user() + ".duckdb"), StandardCopyOption.REPLACE_EXISTING);

    Endpoint postgres = new Endpoint("PostgreSQL", config.postgresPort(), config.user(), config.password(),
        config.statementTimeoutSeconds());
    List<Row> rows = new ArrayList<>();
    Map<String, Object> durations = new LinkedHashMap<>();
    try (DuckgresProcess duckgres = new DuckgresProcess(config, dataDir)) {
      Runtime.getRuntime().addShutdownHook(new Thread(duckgres::stop));
      try {
        duckgres.start();
      } catch (IOException e) {
        // Carry on: the baselines are still measured, and every duckgres figure says why it failed.
        duckgres.markUnavailable("duckgres did not start: " + Figure.describe(e));
      }
      Context context = new Context(config, duckgres, postgres, template.file());
      preparePostgres(postgres, config);
      Map<String, String> versions = versions(context);

      List<Workload> workloads = List.of(new ConnectionSetup(), new TinyQueries(), new Tpch(), new LargeResult(),
          new BulkLoad(), new ControlPlaneRows(), new TenantRows());
      for (Workload workload : workloads) {
        if (!config.enabled(workload.name())) {
          continue;
        }
        long started = System.nanoTime();
        Log.info("workload %s: %s", workload.name(), workload.title());
        try {
          if (workload instanceof Tpch && !template.hasTpch()) {
            throw new IllegalStateException(template.tpchError());
          }
          try {
            duckgres.ensureRunning();
            duckgres.probe();
          } catch (IOException e) {
            duckgres.markUnavailable("duckgres did not start: " + Figure.describe(e));
          }
          rows.addAll(workload.run(context));
        } catch (Exception e) {
          String message = Figure.describe(e) + duckgres.deathNote();
          Log.info("workload %s failed: %s", workload.name(), message);
          rows.add(Row.failed(workload.title(), "whole workload", "—", message));
        }
        durations.put(workload.name(), Math.round((System.nanoTime() - started) / 1e8) / 10.0);
      }
      Report report = new Report(header(config, versions, durations, duckgres.restarts()), rows);
      report.write(config.resultsDir());
      System.out.println(report.markdown());
      Log.info("wrote %s and %s", config.resultsDir().resolve("latest.json"), config.resultsDir().resolve("latest.md"));
    }
  }

  /** The point-lookup table on PostgreSQL; duckgres has it in its data file already. */
  private static void preparePostgres(Endpoint postgres, BenchConfig config) throws SQLException {
    try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + DataSetup.LOOKUP_TABLE);
      statement.execute("CREATE TABLE " + DataSetup.LOOKUP_TABLE + " (id bigint PRIMARY KEY, v varchar)");
      statement.execute("INSERT INTO " + DataSetup.LOOKUP_TABLE + " SELECT i, 'value-' || i FROM generate_series(1, "
          + config.lookupRows() + ") i");
      statement.execute("VACUUM ANALYZE " + DataSetup.LOOKUP_TABLE);
    }
  }

  private static Map<String, String> versions(Context context) {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("java", System.getProperty("java.version"));
    try (Connection inProcess = context.inProcess()) {
      versions.put("in-process DuckDB", inProcess.getMetaData().getDatabaseProductVersion());
    } catch (SQLException e) {
      versions.put("in-process DuckDB", "unknown (" + Figure.describe(e) + ")");
    }
    for (Endpoint endpoint : List.of(context.duckgres().endpoint(), context.postgres())) {
      try (Connection connection = endpoint.connect()) {
        versions.put(endpoint.name(), connection.getMetaData().getDatabaseProductVersion());
      } catch (SQLException e) {
        versions.put(endpoint.name(), "unknown (" + Figure.describe(e) + ")");
      }
    }
    return versions;
  }

  private static Map<String, Object> header(BenchConfig config, Map<String, String> versions,
      Map<String, Object> durations, int restarts) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("mode", config.mode());
    header.put("date", ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT)));
    Map<String, Object> machine = machine();
    header.put("machine", machine);
    header.put("machine_summary", String.format(Locale.ROOT, "%s cores (nproc), %s MiB memory, %s, %s",
        machine.get("nproc"), machine.get("memory_mib"), machine.get("cpu_model"), machine.get("os")));
    header.put("versions", versions);
    header.put("versions_summary", versions.toString().replaceAll("[{}]", "")
        + (config.serverJarNote().isBlank() ? "" : "; WARNING: " + config.serverJarNote()));
    header.put("rounds", config.roundsDescription());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("pgbench_seconds", config.pgbenchSeconds());
    settings.put("lookup_rows", config.lookupRows());
    settings.put("large_result_rows", config.largeResultRows());
    settings.put("bulk_load_rows", config.bulkLoadRows());
    settings.put("tpch_scale_factor", config.tpchScaleFactor());
    settings.put("connections_per_round", config.connectionsPerRound());
    settings.put("duckgres_java_options", config.serverJavaOptions());
    settings.put("duckgres_restarts_after_crash", restarts);
    header.put("settings", settings);
    double total = (System.currentTimeMillis() - config.runStartedMillis()) / 1000.0;
    Map<String, Object> duration = new LinkedHashMap<>();
    duration.put("total_seconds", Math.round(total * 10) / 10.0);
    duration.put("workload_seconds", durations);
    duration.put("deadline_reached", Budget.deadlineReached());
    header.put("duration", duration);
    String perWorkload = durations.toString().replaceAll("[{}]", "");
    header.put("duration_summary", String.format(Locale.ROOT, "%d min %02d s in total, build and setup included "
        + "(workloads, seconds: %s)%s", (long) total / 60, (long) total % 60, perWorkload,
        Budget.deadlineReached() ? "; the run reached its deadline, so some rounds were skipped (see notes)" : ""));
    return header;
  }

  private static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("nproc", Runtime.getRuntime().availableProcessors());
    machine.put("memory_mib", readField(Path.of("/proc/meminfo"), "MemTotal", true));
    machine.put("cpu_model", readField(Path.of("/proc/cpuinfo"), "model name", false));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return machine;
  }

  private static Object readField(Path file, String name, boolean kibToMib) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(name)) {
          String value = line.substring(line.indexOf(':') + 1).strip();
          return kibToMib ? Long.parseLong(value.replaceAll("[^0-9]", "")) / 1024 : value;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // unknown
    }
    return "unknown";
  }
}
