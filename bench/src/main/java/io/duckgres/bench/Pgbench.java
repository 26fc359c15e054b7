package io.duckgres.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Drives /usr/bin/pgbench against one server: a custom script (-f), the extended protocol with
 * server-side prepared statements (-M prepared), no vacuum (-n), over TLS (PGSSLMODE=require).
 * Throughput is pgbench's tps without connection time; latency percentiles come from its
 * per-transaction log (-l), whose third column is the transaction's latency in microseconds.
 */
final class Pgbench {
  record Result(double tps, double p50Ms, double p99Ms, long transactions) {}

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
  private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

  private final Path executable;
  private final Path scratch;
  private int runs;

  Pgbench(Path executable, Path scratch) {
    this.executable = executable;
    this.scratch = scratch;
  }

  Result run(Endpoint endpoint, Path script, int clients, int seconds) throws IOException, InterruptedException {
    return run(endpoint, Endpoint.HOST, "postgres", Map.of(), script, clients, seconds);
  }

  /**
   * As {@link #run(Endpoint, Path, int, int)} against {@code host} and {@code database}, with
   * {@code extraEnvironment} for libpq (PGHOSTADDR: a server name for TLS, an address to reach).
   */
  Result run(Endpoint endpoint, String host, String database, Map<String, String> extraEnvironment,
      Path script, int clients, int seconds) throws IOException, InterruptedException {
    Path logDir = Files.createDirectories(scratch.resolve("pgbench-" + (++runs)));
    List<String> command = List.of(executable.toString(), "-n", "-M", "prepared", "-f", script.toString(),
        "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)), "-T", String.valueOf(seconds),
        "-l", "--log-prefix=" + logDir.resolve("tx"),
        "-h", host, "-p", String.valueOf(endpoint.port()), "-U", endpoint.user(), database);
    Map<String, String> environment = new java.util.HashMap<>(Map.of(
        "PGPASSWORD", endpoint.password(),
        "PGSSLMODE", "require",
        // A root certificate in ~/.postgresql would turn "require" into verification; there is none.
        "PGSSLROOTCERT", scratch.resolve("no-root-certificate").toString(),
        "PGCONNECT_TIMEOUT", "30"));
    environment.putAll(extraEnvironment);
    try {
      Exec.Result result = Exec.run(command, environment, scratch, seconds + 90L);
      String output = result.stdout();
      Matcher tps = TPS.matcher(output);
      Matcher processed = PROCESSED.matcher(output);
      if (result.exitCode() != 0) {
        throw new IOException("pgbench failed (exit " + result.exitCode() + "): " + result.tail());
      }
      if (!tps.find() || !processed.find()) {
        throw new IOException("pgbench reported no throughput: " + result.tail());
      }
      Matcher failed = FAILED.matcher(output);
      if (failed.find() && Long.parseLong(failed.group(1)) > 0) {
        throw new IOException(failed.group(1) + " transactions failed: " + result.tail());
      }
      long transactions = Long.parseLong(processed.group(1));
      if (transactions == 0) {
        throw new IOException("pgbench completed no transaction in " + seconds + " s (its -T includes "
            + "opening the connections)");
      }
      double[] latencies = readLatencies(logDir);
      return new Result(Double.parseDouble(tps.group(1)), Summary.percentile(latencies, 50) / 1000,
          Summary.percentile(latencies, 99) / 1000, transactions);
    } finally {
      try (Stream<Path> files = Files.list(logDir)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(logDir);
    }
  }

  /** All transactions' latencies (µs) from every thread's log file, sorted. */
  private static double[] readLatencies(Path logDir) throws IOException {
    List<double[]> chunks = new ArrayList<>();
    int total = 0;
    try (Stream<Path> files = Files.list(logDir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        double[] values = new double[1024];
        int count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file)) {
          String line;
          while ((line = reader.readLine()) != null) {
            String[] fields = line.split(" ");
            if (fields.length < 3) {
              continue;
            }
            if (count == values.length) {
              values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = Double.parseDouble(fields[2]);
          }
        }
        chunks.add(Arrays.copyOf(values, count));
        total += count;
      }
    }
    double[] all = new double[total];
    int position = 0;
    for (double[] chunk : chunks) {
      System.arraycopy(chunk, 0, all, position, chunk.length);
      position += chunk.length;
    }
    Arrays.sort(all);
    return all;
  }
}
