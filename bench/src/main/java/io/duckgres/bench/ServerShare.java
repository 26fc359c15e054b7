package io.duckgres.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The server's own share of a statement: the round trip a pgbench client sees on duckgres minus
 * the time DuckDB itself needs for the same statement in-process (DuckDB JDBC on a copy of the
 * same data file, as many threads as pgbench has connections, each on its own connection).
 *
 * <p>Per statement and connection: round trip = connections / duckgres's throughput, DuckDB's
 * time = threads / in-process throughput, share = the difference. The extended protocol
 * (pgbench -M prepared) is set against an in-process prepared statement executed again and
 * again; the simple protocol (pgbench -M simple, the statement text with its literal every time)
 * against an in-process {@code Statement.executeQuery} of that text, which parses and plans it
 * like the server must. Both sides read every row of the result. Rounds alternate which side
 * goes first.
 */
final class ServerShare implements Workload {
  /** A statement as pgbench runs it, and as the in-process side runs it. */
  private record Query(String label, String script, String prepared, String literal,
      boolean takesKey) {}

  private static final int KEYS = DataSetup.PK_ROWS;

  private static final List<Query> QUERIES = List.of(
      new Query("SELECT 1", "SELECT 1;\n", "SELECT 1", "SELECT 1", false),
      new Query("SELECT $1::int + 1", "\\set x random(1, " + KEYS + ")\nSELECT :x::int + 1;\n",
          "SELECT ?::INTEGER + 1", "SELECT %d::INTEGER + 1", true),
      new Query("primary-key lookup (1 M rows)", "\\set id random(1, " + KEYS + ")\n"
          + "SELECT v FROM " + DataSetup.PK_TABLE + " WHERE id = :id;\n",
          "SELECT v FROM " + DataSetup.PK_TABLE + " WHERE id = ?",
          "SELECT v FROM " + DataSetup.PK_TABLE + " WHERE id = %d", true));

  @Override
  public String name() {
    return "share";
  }

  @Override
  public String title() {
    return "server share per statement (round trip − in-process DuckDB)";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    BenchConfig config = context.config();
    Pgbench pgbench = new Pgbench(config.pgbench(), context.scratch());
    List<Row> rows = new ArrayList<>();
    int index = 0;
    for (Query query : QUERIES) {
      Path script = Files.writeString(context.scratch().resolve("share-" + index++ + ".sql"),
          query.script());
      for (String mode : new String[] {"prepared", "simple"}) {
        for (int clients : new int[] {1, 8}) {
          rows.add(measure(context, pgbench, query, script, mode, clients));
        }
      }
    }
    return rows;
  }

  private Row measure(Context context, Pgbench pgbench, Query query, Path script, String mode,
      int clients) throws Exception {
    BenchConfig config = context.config();
    int seconds = Math.min(3, config.pgbenchSeconds());
    Figure share = context.duckgresFigure();
    Figure roundTrip = new Figure();
    Figure inProcess = new Figure();
    Budget budget = new Budget(config, 600);
    String label = query.label() + ", " + (mode.equals("prepared") ? "extended" : "simple")
        + " protocol, " + clients + (clients == 1 ? " connection" : " connections");
    // Untimed warm-up of both sides: JIT of the server and of the in-process harness path.
    try {
      if (!share.failed()) {
        pgbench.run(context.duckgres().endpoint(), script, clients, 1, mode);
      }
      inProcessMicros(context, query, mode, clients, 1);
    } catch (Exception e) {
      Log.info("share %s warm-up failed: %s", label, Figure.describe(e));
    }
    for (int round = 0; round < config.rounds(); round++) {
      if (!budget.allows("duckgres")) {
        break;
      }
      long started = System.nanoTime();
      double server = Double.NaN;
      double duckdb = Double.NaN;
      for (int turn = 0; turn < 2; turn++) {
        boolean serverTurn = (round + turn) % 2 == 0;
        try {
          if (serverTurn) {
            if (share.failed() && share.summary() == null) {
              continue;
            }
            context.duckgres().ensureRunning();
            Pgbench.Result result = pgbench.run(context.duckgres().endpoint(), script, clients,
                seconds, mode);
            server = clients * 1e6 / result.tps();
            roundTrip.add(server);
          } else {
            duckdb = inProcessMicros(context, query, mode, clients, seconds);
            inProcess.add(duckdb);
          }
        } catch (Exception e) {
          String message = Figure.describe(e);
          Log.info("share %s round %d (%s) failed: %s", label, round + 1,
              serverTurn ? "duckgres" : "in-process", message);
          (serverTurn ? share : inProcess).fail(serverTurn
              ? message + context.duckgres().deathNote() : message);
        }
      }
      if (!Double.isNaN(server) && !Double.isNaN(duckdb)) {
        share.add(server - duckdb);
        Log.info("share %s round %d: round trip %.1f µs, in-process %.1f µs, share %.1f µs",
            label, round + 1, server, duckdb, server - duckdb);
      }
      budget.spend("duckgres", System.nanoTime() - started);
    }
    Summary trips = roundTrip.summary();
    String note = trips == null ? null : String.format(java.util.Locale.ROOT,
        "round trip %s µs median (%s–%s)", Format.number(trips.median()),
        Format.number(trips.min()), Format.number(trips.max()));
    String spent = budget.note("duckgres");
    if (spent != null) {
      note = note == null ? spent : note + "; " + spent;
    }
    return Row.of(title(), label, "µs", false, share, "in-process DuckDB per statement", inProcess,
        clients == 1 ? Target.below(50) : Target.CONTEXT, note);
  }

  /**
   * Microseconds per statement and thread when {@code threads} threads run the statement
   * in-process for {@code seconds}, each on its own connection, reading every row.
   */
  private static double inProcessMicros(Context context, Query query, String mode, int threads,
      int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Connection base = context.inProcess()) {
      List<Future<Long>> counts = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      long started = System.nanoTime();
      for (int thread = 0; thread < threads; thread++) {
        Connection connection = ((org.duckdb.DuckDBConnection) base).duplicate();
        long seed = thread;
        counts.add(pool.submit(() -> {
          try (connection) {
            return mode.equals("prepared") ? runPrepared(connection, query, deadline, seed)
                : runSimple(connection, query, deadline, seed);
          }
        }));
      }
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get(seconds + 60L, TimeUnit.SECONDS);
      }
      double elapsedMicros = (System.nanoTime() - started) / 1e3;
      if (total == 0) {
        throw new SQLException("no statement completed in-process in " + seconds + " s");
      }
      return threads * elapsedMicros / total;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long runPrepared(Connection connection, Query query, long deadline, long seed)
      throws SQLException {
    SplittableRandom random = new SplittableRandom(seed);
    long done = 0;
    try (PreparedStatement statement = connection.prepareStatement(query.prepared())) {
      while (System.nanoTime() < deadline) {
        if (query.takesKey()) {
          statement.setInt(1, 1 + random.nextInt(KEYS));
        }
        try (ResultSet rows = statement.executeQuery()) {
          readAll(rows);
        }
        done++;
      }
    }
    return done;
  }

  private static long runSimple(Connection connection, Query query, long deadline, long seed)
      throws SQLException {
    SplittableRandom random = new SplittableRandom(seed);
    long done = 0;
    try (Statement statement = connection.createStatement()) {
      while (System.nanoTime() < deadline) {
        String sql = query.takesKey()
            ? String.format(java.util.Locale.ROOT, query.literal(), 1 + random.nextInt(KEYS))
            : query.literal();
        try (ResultSet rows = statement.executeQuery(sql)) {
          readAll(rows);
        }
        done++;
      }
    }
    return done;
  }

  private static void readAll(ResultSet rows) throws SQLException {
    while (rows.next()) {
      if (rows.getString(1) == null) {
        throw new SQLException("a statement returned NULL");
      }
    }
  }
}
