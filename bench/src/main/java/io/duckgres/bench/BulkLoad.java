package io.duckgres.bench;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * Bulk load: `COPY bench_load FROM STDIN` of N rows, CSV and binary, through pgJDBC's
 * CopyManager, into a freshly created table of the same shape on duckgres and on PostgreSQL. The
 * time covers the COPY statement from its first byte to CommandComplete (autocommit: the load is
 * committed). The table's row count is checked afterwards, outside the timing.
 */
final class BulkLoad implements Workload {
  private static final String TABLE = "bench_load";

  @Override
  public String name() {
    return "bulk";
  }

  @Override
  public String title() {
    return "bulk load (COPY FROM STDIN)";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    BenchConfig config = context.config();
    long rows = config.bulkLoadRows();
    Path csv = context.scratch().resolve("bulk.csv");
    Path binary = context.scratch().resolve("bulk.bin");
    Log.info("writing %,d rows of COPY input (CSV and binary)", rows);
    CopyFiles.writeCsv(csv, rows);
    CopyFiles.writeBinary(binary, rows);
    List<Row> result = new ArrayList<>();
    try {
      result.add(measure(context, "csv", csv, rows));
      result.add(measure(context, "binary", binary, rows));
    } finally {
      Files.deleteIfExists(csv);
      Files.deleteIfExists(binary);
      for (Endpoint endpoint : List.of(context.duckgres().endpoint(), context.postgres())) {
        try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement()) {
          statement.execute("DROP TABLE IF EXISTS " + TABLE);
        } catch (SQLException ignored) {
          // cleanup only
        }
      }
    }
    return result;
  }

  private Row measure(Context context, String format, Path input, long rows) throws InterruptedException {
    BenchConfig config = context.config();
    Figure ours = context.duckgresFigure();
    Figure theirs = new Figure();
    Budget budget = new Budget(config, config.quick() ? 30 : 120);
    for (int round = 0; round < config.rounds(); round++) {
      for (int turn = 0; turn < 2; turn++) {
        boolean duckgres = (round + turn) % 2 == 0;
        Figure figure = duckgres ? ours : theirs;
        String key = duckgres ? "duckgres" : "postgres";
        if (figure.failed() || !budget.allows(key)) {
          continue;
        }
        long started = System.nanoTime();
        try {
          if (duckgres) {
            context.duckgres().ensureRunning();
          }
          Endpoint endpoint = duckgres ? context.duckgres().endpoint() : context.postgres();
          double rate = load(endpoint, format, input, rows);
          figure.add(rate);
          Log.info("bulk %s %s round %d: %,.0f rows/s", format, endpoint.name(), round + 1, rate);
        } catch (Exception e) {
          String message = Figure.describe(e) + (duckgres ? context.duckgres().deathNote() : "");
          Log.info("bulk %s %s round %d failed: %s", format, key, round + 1, message);
          figure.fail(message);
        } finally {
          budget.spend(key, System.nanoTime() - started);
        }
      }
    }
    String metric = String.format(Locale.ROOT, "%s, %,d rows: rate", format.equals("csv") ? "CSV" : "binary", rows);
    return Row.of(title(), metric, "rows/s", true, ours, "PostgreSQL COPY", theirs, Target.ratioAtLeast(1.0),
        budget.note("duckgres"));
  }

  private static double load(Endpoint endpoint, String format, Path input, long rows) throws Exception {
    try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + TABLE);
      statement.execute("CREATE TABLE " + TABLE + " (a int8, b float8, c varchar)");
      long started = System.nanoTime();
      long loaded;
      Watchdog watchdog = Watchdog.arm(connection, endpoint.socketTimeoutSeconds());
      try (InputStream in = new BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
        loaded = connection.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY " + TABLE + " FROM STDIN (FORMAT " + format + ")", in, 1 << 16);
      } catch (Exception e) {
        throw watchdog.explain(e);
      } finally {
        watchdog.close();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long counted;
      try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + TABLE)) {
        count.next();
        counted = count.getLong(1);
      }
      if (counted != rows) {
        throw new SQLException(String.format(Locale.ROOT,
            "table holds %d rows after COPY of %d (COPY reported %d)", counted, rows, loaded));
      }
      return rows / seconds;
    }
  }
}
