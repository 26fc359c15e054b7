package io.duckgres.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny queries: `SELECT 1` and a prepared point lookup by primary key, with 1 and 8 connections,
 * driven by pgbench in prepared mode against duckgres and against PostgreSQL. Each (query,
 * connections) pair gets a short untimed warm-up on both servers, then rounds that alternate which
 * server goes first.
 */
final class TinyQueries implements Workload {
  private record Query(String label, String script) {}

  @Override
  public String name() {
    return "tiny";
  }

  @Override
  public String title() {
    return "tiny queries (pgbench -M prepared)";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    BenchConfig config = context.config();
    List<Query> queries = List.of(
        new Query("SELECT 1", "SELECT 1;\n"),
        new Query("point lookup", "\\set id random(1, " + config.lookupRows() + ")\n"
            + "SELECT v FROM " + DataSetup.LOOKUP_TABLE + " WHERE id = :id;\n"));
    Pgbench pgbench = new Pgbench(config.pgbench(), context.scratch());
    List<Row> rows = new ArrayList<>();
    for (Query query : queries) {
      Path script = Files.writeString(context.scratch().resolve("script-" + rows.size() + ".sql"), query.script());
      for (int clients : new int[] {1, 8}) {
        rows.addAll(measure(context, pgbench, query, script, clients));
      }
    }
    return rows;
  }

  /** SELECT 1: 0.8× PostgreSQL at one connection, 0.5× at eight; the lookup: 1.0×. */
  private static Target target(Query query, int clients) {
    if (query.label().equals("SELECT 1")) {
      return Target.ratioAtLeast(clients == 1 ? 0.8 : 0.5);
    }
    return Target.ratioAtLeast(1.0);
  }

  private List<Row> measure(Context context, Pgbench pgbench, Query query, Path script, int clients)
      throws Exception {
    BenchConfig config = context.config();
    Figure[] ours = {context.duckgresFigure(), context.duckgresFigure(), context.duckgresFigure()};
    Figure[] theirs = {new Figure(), new Figure(), new Figure()};
    Endpoint[] endpoints = {context.duckgres().endpoint(), context.postgres()};
    Figure[][] figures = {ours, theirs};
    for (int side = 0; side < 2 && config.pgbenchWarmupSeconds() > 0; side++) {
      if (figures[side][0].failed()) {
        continue;
      }
      try {
        pgbench.run(endpoints[side], script, clients, config.pgbenchWarmupSeconds());
      } catch (Exception e) {
        // Not fatal: the timed rounds try again and report their own errors.
        Log.info("tiny %s, %d conn, %s warm-up failed: %s", query.label(), clients, endpoints[side].name(),
            Figure.describe(e));
      }
    }
    Budget budget = new Budget(config, 3600);
    for (int round = 0; round < config.rounds(); round++) {
      for (int turn = 0; turn < 2; turn++) {
        int side = (round + turn) % 2;
        if (figures[side][0].failed() && figures[side][0].summary() == null) {
          continue; // failed in warm-up or every round so far: do not spend the time again
        }
        if (!budget.allows(endpoints[side].name())) {
          continue;
        }
        long started = System.nanoTime();
        if (side == 0) {
          context.duckgres().ensureRunning();
        }
        try {
          Pgbench.Result result = pgbench.run(endpoints[side], script, clients, config.pgbenchSeconds());
          figures[side][0].add(result.tps());
          figures[side][1].add(result.p50Ms());
          figures[side][2].add(result.p99Ms());
          Log.info("tiny %s, %d conn, %s round %d: %.0f q/s, p50 %.3f ms, p99 %.3f ms", query.label(), clients,
              endpoints[side].name(), round + 1, result.tps(), result.p50Ms(), result.p99Ms());
        } catch (Exception e) {
          String message = Figure.describe(e) + (side == 0 ? context.duckgres().deathNote() : "");
          Log.info("tiny %s, %d conn, %s round %d failed: %s", query.label(), clients, endpoints[side].name(),
              round + 1, message);
          for (Figure figure : figures[side]) {
            figure.fail(message);
          }
        } finally {
          budget.spend(endpoints[side].name(), System.nanoTime() - started);
        }
      }
    }
    // The latency figures inherit the warm-up failure recorded on the throughput figure.
    for (Figure[] side : figures) {
      if (side[0].error() != null) {
        side[1].fail(side[0].error());
        side[2].fail(side[0].error());
      }
    }
    String label = query.label() + ", " + clients + (clients == 1 ? " connection" : " connections");
    return List.of(
        Row.of(title(), label + ": throughput", "q/s", true, ours[0], "PostgreSQL", theirs[0],
            target(query, clients), budget.note("duckgres")),
        Row.of(title(), label + ": p50 latency", "ms", false, ours[1], "PostgreSQL", theirs[1], Target.NONE, null),
        Row.of(title(), label + ": p99 latency", "ms", false, ours[2], "PostgreSQL", theirs[2], Target.NONE, null));
  }
}
