package io.duckgres.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything bench/run hands to the harness, and the sizes of each workload in quick and full
 * mode. Sizes are chosen so a full run stays under 15 minutes and a quick one under 3 on a
 * 2-core machine.
 */
record BenchConfig(
    boolean quick,
    Path workDir,
    Path cacheDir,
    Path resultsDir,
    Path duckgresJar,
    List<String> serverJavaOptions,
    List<String> serverArguments,
    Path serverCertificate,
    Path serverKey,
    int postgresPort,
    String user,
    String password,
    Path pgbench,
    Path tpchExtension,
    long runStartedMillis,
    String serverJarNote,
    Set<String> only) {

  private static final long HARNESS_STARTED = System.currentTimeMillis();

  static final List<String> WORKLOADS = List.of("tiny", "connect", "large", "bulk", "tpch",
      "controlplane", "tenants");

  static BenchConfig parse(String[] arguments) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < arguments.length; i++) {
      String name = arguments[i];
      if (!name.startsWith("--") || i + 1 >= arguments.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + name);
      }
      options.put(name.substring(2), arguments[++i]);
    }
    String mode = options.getOrDefault("mode", "full");
    if (!mode.equals("quick") && !mode.equals("full")) {
      throw new IllegalArgumentException("--mode is quick or full");
    }
    String tpch = options.getOrDefault("tpch-extension", "");
    String only = options.getOrDefault("only", "");
    String javaOptions = options.getOrDefault("server-java-opts", "");
    return new BenchConfig(
        mode.equals("quick"),
        Path.of(required(options, "work-dir")),
        Path.of(required(options, "cache-dir")),
        Path.of(required(options, "results-dir")),
        Path.of(required(options, "duckgres-jar")),
        words(javaOptions),
        words(options.getOrDefault("server-args", "")),
        optionalPath(options, "server-cert"),
        optionalPath(options, "server-key"),
        Integer.parseInt(required(options, "postgres-port")),
        options.getOrDefault("user", "postgres"),
        options.getOrDefault("password", "postgres"),
        Path.of(options.getOrDefault("pgbench", "pgbench")),
        tpch.isEmpty() ? null : Path.of(tpch),
        Long.parseLong(options.getOrDefault("run-started-ms", String.valueOf(System.currentTimeMillis()))),
        options.getOrDefault("server-jar-note", ""),
        only.isEmpty() ? Set.copyOf(WORKLOADS) : Set.of(only.split(",")));
  }

  private static List<String> words(String text) {
    return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
  }

  private static Path optionalPath(Map<String, String> options, String name) {
    String value = options.getOrDefault(name, "");
    return value.isBlank() ? null : Path.of(value);
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  String mode() {
    return quick ? "quick" : "full";
  }

  /** Timed rounds per figure; the median and min/max are taken over these. */
  int rounds() {
    return 3;
  }

  /** TPC-H queries are short and the machine is shared: more rounds steady their medians. */
  int tpchRounds() {
    return quick ? 3 : 5;
  }

  /** How the header describes the rounds. */
  String roundsDescription() {
    return rounds() + " rounds (TPC-H: " + tpchRounds() + ")";
  }

  /**
   * pgbench's -T includes opening its connections, which under load can take most of a second
   * for 8 TLS + SCRAM connections: 2 s is the least that leaves room for transactions.
   */
  int pgbenchSeconds() {
    return quick ? 2 : 5;
  }

  /** 0: no warm-up (quick mode relies on the median of alternating rounds instead). */
  int pgbenchWarmupSeconds() {
    return quick ? 0 : 2;
  }

  /** Rows in the point-lookup table. */
  int lookupRows() {
    return 100_000;
  }

  long largeResultRows() {
    return quick ? 1_000_000 : 10_000_000;
  }

  long bulkLoadRows() {
    return quick ? 500_000 : 10_000_000;
  }

  double tpchScaleFactor() {
    return quick ? 0.1 : 1;
  }

  int connectionsPerRound() {
    return quick ? 30 : 200;
  }

  /** A single statement or COPY that takes longer than this is abandoned as failed. */
  int statementTimeoutSeconds() {
    return quick ? 30 : 240;
  }

  /**
   * After this moment, remaining rounds are skipped (see {@link Budget}). Counted from the
   * harness's start: the build before it depends on what else the machine is compiling.
   */
  long deadlineMillis() {
    return HARNESS_STARTED + (quick ? 140_000L : 750_000L);
  }

  boolean enabled(String workload) {
    return only.contains(workload);
  }
}
