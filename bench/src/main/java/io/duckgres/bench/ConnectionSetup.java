package io.duckgres.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Connection setup: open a new pgJDBC connection (TCP, TLS handshake, SCRAM-SHA-256), run
 * `SELECT 1`, read the answer, close; one connection after another. The time from opening to the
 * answer is one sample. Both servers use TLS and SCRAM; pgJDBC's default channelBinding=prefer
 * picks SCRAM-SHA-256-PLUS where the server offers it (PostgreSQL does).
 */
final class ConnectionSetup implements Workload {
  private static final int WARMUP_CONNECTIONS = 10;

  @Override
  public String name() {
    return "connect";
  }

  @Override
  public String title() {
    return "connection setup (TLS + SCRAM + first query)";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    BenchConfig config = context.config();
    Figure[] ours = {context.duckgresFigure(), context.duckgresFigure()};
    Figure[] theirs = {new Figure(), new Figure()};
    Figure[][] figures = {ours, theirs};
    Endpoint[] endpoints = {context.duckgres().endpoint(), context.postgres()};
    for (int side = 0; side < 2; side++) {
      if (figures[side][0].failed()) {
        continue;
      }
      try {
        connectMany(endpoints[side], WARMUP_CONNECTIONS);
      } catch (Exception e) {
        Log.info("connect %s warm-up failed: %s", endpoints[side].name(), Figure.describe(e));
        fail(figures[side], Figure.describe(e), context, side);
      }
    }
    Budget budget = new Budget(config, config.quick() ? 20 : 90);
    for (int round = 0; round < config.rounds(); round++) {
      for (int turn = 0; turn < 2; turn++) {
        int side = (round + turn) % 2;
        String key = side == 0 ? "duckgres" : "postgres";
        if (figures[side][0].failed() || !budget.allows(key)) {
          continue;
        }
        long started = System.nanoTime();
        if (side == 0) {
          context.duckgres().ensureRunning();
        }
        try {
          double[] millis = connectMany(endpoints[side], config.connectionsPerRound());
          Arrays.sort(millis);
          double p50 = Summary.percentile(millis, 50);
          double p99 = Summary.percentile(millis, 99);
          figures[side][0].add(p50);
          figures[side][1].add(p99);
          Log.info("connect %s round %d: p50 %.2f ms, p99 %.2f ms", endpoints[side].name(), round + 1, p50, p99);
        } catch (Exception e) {
          fail(figures[side], Figure.describe(e), context, side);
        } finally {
          budget.spend(key, System.nanoTime() - started);
        }
      }
    }
    return List.of(
        Row.of(title(), "p50 time to first answer", "ms", false, ours[0], "PostgreSQL", theirs[0],
            Target.ratioAtMost(1.0), budget.note("duckgres")),
        Row.of(title(), "p99 time to first answer", "ms", false, ours[1], "PostgreSQL", theirs[1],
            Target.ratioAtMost(1.0), budget.note("duckgres")));
  }

  private static void fail(Figure[] figures, String message, Context context, int side) {
    String full = message + (side == 0 ? context.duckgres().deathNote() : "");
    for (Figure figure : figures) {
      figure.fail(full);
    }
  }

  static double[] connectMany(Endpoint endpoint, int count) throws Exception {
    double[] millis = new double[count];
    for (int i = 0; i < count; i++) {
      long started = System.nanoTime();
      try (Connection connection = endpoint.connect();
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT 1")) {
        if (!result.next() || result.getInt(1) != 1) {
          throw new IllegalStateException("SELECT 1 did not answer 1");
        }
        millis[i] = (System.nanoTime() - started) / 1e6;
      }
    }
    return millis;
  }
}
