package io.duckgres.bench;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * Large result: every row of bench_large (int8, float8, varchar) read three ways.
 *
 * <ul>
 *   <li>baseline: the query iterated in-process through DuckDB JDBC on the same data file;
 *   <li>pgJDBC with binary transfer (prepareThreshold=-1 asks for binary results from the first
 *       execution) and a fetch size, so the client streams instead of buffering;
 *   <li>`COPY (SELECT …) TO STDOUT` through pgJDBC's CopyManager, counting bytes and lines.
 * </ul>
 *
 * While duckgres serves the rows its heap is watched (see {@link HeapMonitor}). Every read is
 * checked: row count, the sum of column a, and b = a / 2 on every row.
 */
final class LargeResult implements Workload {
  private static final String QUERY = "SELECT a, b, c FROM " + DataSetup.LARGE_TABLE;
  private static final int FETCH_SIZE = 10_000;
  /** Rows read untimed on each path first, so the harness's JIT is warm for round 1. */
  private static final long WARMUP_ROWS = 300_000;

  @Override
  public String name() {
    return "large";
  }

  @Override
  public String title() {
    return "large result";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    BenchConfig config = context.config();
    long rows = config.largeResultRows();
    String size = String.format(Locale.ROOT, "%,d rows", rows);
    Figure inProcess = new Figure();
    Figure binary = context.duckgresFigure();
    Figure copy = context.duckgresFigure();
    Figure binaryHeap = context.duckgresFigure();
    Figure copyHeap = context.duckgresFigure();
    Figure binaryHeapBefore = new Figure();
    Figure copyHeapBefore = new Figure();
    Figure binaryPeak = context.duckgresFigure();
    Figure copyPeak = context.duckgresFigure();
    Heap binaryHeaps = new Heap(binaryHeap, binaryHeapBefore, binaryPeak);
    Heap copyHeaps = new Heap(copyHeap, copyHeapBefore, copyPeak);
    StringBuilder binaryNote = new StringBuilder();
    StringBuilder copyNote = new StringBuilder();
    Budget budget = new Budget(config, config.quick() ? 40 : 150);
    warmUp(context, Math.min(rows, WARMUP_ROWS));
    for (int round = 0; round < config.rounds(); round++) {
      try {
        double rate = timed(rows, () -> readInProcess(context, rows, true));
        inProcess.add(rate);
        Log.info("large in-process round %d: %,.0f rows/s", round + 1, rate);
      } catch (Exception e) {
        inProcess.fail(e);
      }
      if (!binary.failed() && budget.allows("binary")) {
        measureServer(context, "pgJDBC binary", rows, round, binary, binaryHeaps, binaryNote, budget, "binary",
            () -> readBinary(context, rows, true));
      }
      if (!copy.failed() && budget.allows("copy")) {
        measureServer(context, "COPY TO STDOUT", rows, round, copy, copyHeaps, copyNote, budget, "copy",
            () -> readCopy(context, rows, true));
      }
    }
    return List.of(
        Row.of(title(), "pgJDBC binary, " + size + ": rate", "rows/s", true, binary, "in-process DuckDB JDBC",
            inProcess, Target.ratioAtLeast(0.85), budget.note("binary")),
        Row.of(title(), "COPY TO STDOUT, " + size + ": rate", "rows/s", true, copy, "in-process DuckDB JDBC",
            inProcess, Target.ratioAtLeast(0.85), budget.note("copy")),
        Row.of(title(), "pgJDBC binary: server peak used heap", "MB", false, binaryPeak, "heap before (live set)",
            binaryHeapBefore, Target.CONTEXT, null),
        Row.of(title(), "pgJDBC binary: server heap growth", "MB", false, binaryHeap, "heap before (live set)",
            binaryHeapBefore, Target.below(64), binaryNote.length() == 0 ? null : binaryNote.toString()),
        Row.of(title(), "COPY TO STDOUT: server peak used heap", "MB", false, copyPeak, "heap before (live set)",
            copyHeapBefore, Target.CONTEXT, null),
        Row.of(title(), "COPY TO STDOUT: server heap growth", "MB", false, copyHeap, "heap before (live set)",
            copyHeapBefore, Target.below(64), copyNote.length() == 0 ? null : copyNote.toString()));
  }

  /** Failures here are ignored: the timed rounds report them. */
  private static void warmUp(Context context, long rows) {
    List<Read> reads = context.duckgres().unavailable() != null
        ? List.of(() -> readInProcess(context, rows, false))
        : List.of(() -> readInProcess(context, rows, false), () -> readBinary(context, rows, false),
            () -> readCopy(context, rows, false));
    for (Read read : reads) {
      try {
        context.duckgres().ensureRunning();
        read.run();
      } catch (Exception ignored) {
        // reported by the timed rounds
      }
    }
  }

  private static String query(long rows, boolean whole) {
    return whole ? QUERY : QUERY + " LIMIT " + rows;
  }

  private interface Read {
    void run() throws Exception;
  }

  private static double timed(long rows, Read read) throws Exception {
    long started = System.nanoTime();
    read.run();
    return rows / ((System.nanoTime() - started) / 1e9);
  }

  /** The heap figures of one read path: growth (judged), live set before, peak used. */
  private record Heap(Figure growth, Figure before, Figure peak) {}

  private static void measureServer(Context context, String label, long rows, int round, Figure rate,
      Heap heap, StringBuilder note, Budget budget, String key, Read read)
      throws InterruptedException {
    long started = System.nanoTime();
    HeapMonitor monitor = null;
    try {
      context.duckgres().ensureRunning();
      try {
        monitor = HeapMonitor.start(context.duckgres().pid(), context.duckgres().gcLog(), context.scratch());
      } catch (Exception e) {
        heap.growth().fail("heap monitor: " + Figure.describe(e));
        heap.peak().fail("heap monitor: " + Figure.describe(e));
      }
      double value = timed(rows, read);
      rate.add(value);
      Log.info("large %s round %d: %,.0f rows/s", label, round + 1, value);
      if (monitor != null) {
        HeapMonitor.Report report = monitor.stop();
        monitor = null;
        heap.growth().add(report.growthMb());
        heap.before().add(report.beforeMb());
        heap.peak().add(report.peakUsedMb());
        note.setLength(0);
        note.append(String.format(Locale.ROOT,
            "last round: peak used heap %.0f MB, largest heap after a GC %.0f MB over %d GCs, RSS %.0f→%.0f MB",
            report.peakUsedMb(), report.peakAfterGcMb(), report.collections(), report.rssBeforeMb(),
            report.peakRssMb()));
        Log.info("large %s round %d: heap before %.0f MB, growth %.0f MB (%s)", label, round + 1,
            report.beforeMb(), report.growthMb(), note);
      }
    } catch (Exception e) {
      String message = Figure.describe(e) + context.duckgres().deathNote();
      Log.info("large %s round %d failed: %s", label, round + 1, message);
      rate.fail(message);
      heap.growth().fail(message);
      heap.peak().fail(message);
    } finally {
      if (monitor != null) {
        try {
          monitor.stop();
        } catch (Exception ignored) {
          // the read already failed; that error is the one reported
        }
      }
      budget.spend(key, System.nanoTime() - started);
    }
  }

  private static void readInProcess(Context context, long rows, boolean whole) throws SQLException {
    try (Connection connection = context.inProcess();
        PreparedStatement statement = connection.prepareStatement(query(rows, whole));
        ResultSet result = statement.executeQuery()) {
      verify(result, rows, whole);
    }
  }

  private static void readBinary(Context context, long rows, boolean whole) throws Exception {
    Properties binary = new Properties();
    binary.setProperty("prepareThreshold", "-1");
    binary.setProperty("binaryTransfer", "true");
    Endpoint endpoint = context.duckgres().endpoint();
    try (Connection connection = endpoint.connect(binary)) {
      Watchdog watchdog = Watchdog.arm(connection, endpoint.socketTimeoutSeconds());
      try {
        connection.setAutoCommit(false); // pgJDBC only honours the fetch size inside a transaction
        try (PreparedStatement statement = connection.prepareStatement(query(rows, whole))) {
          statement.setFetchSize(FETCH_SIZE);
          try (ResultSet result = statement.executeQuery()) {
            verify(result, rows, whole);
          }
        }
        connection.commit();
      } catch (Exception e) {
        throw watchdog.explain(e);
      } finally {
        watchdog.close();
      }
    }
  }

  /** Reads every row; checks it all when the whole table was read. */
  private static void verify(ResultSet result, long rows, boolean whole) throws SQLException {
    long count = 0;
    long sum = 0;
    long wrong = 0;
    while (result.next()) {
      long a = result.getLong(1);
      double b = result.getDouble(2);
      String c = result.getString(3);
      count++;
      sum += a;
      if (b != a * 0.5 || c == null || c.length() < 5) {
        wrong++;
      }
    }
    if (!whole) {
      return;
    }
    long expectedSum = rows * (rows - 1) / 2;
    if (count != rows || sum != expectedSum || wrong != 0) {
      throw new SQLException(String.format(Locale.ROOT,
          "wrong result: %d rows (expected %d), sum(a) %d (expected %d), %d rows with a wrong b or c",
          count, rows, sum, expectedSum, wrong));
    }
  }

  private static void readCopy(Context context, long rows, boolean whole) throws Exception {
    Endpoint endpoint = context.duckgres().endpoint();
    try (Connection connection = endpoint.connect()) {
      LineCounter counter = new LineCounter();
      long reported;
      Watchdog watchdog = Watchdog.arm(connection, endpoint.socketTimeoutSeconds());
      try {
        reported = connection.unwrap(PGConnection.class).getCopyAPI()
            .copyOut("COPY (" + query(rows, whole) + ") TO STDOUT", counter);
      } catch (Exception e) {
        throw watchdog.explain(e);
      } finally {
        watchdog.close();
      }
      if (whole && counter.lines != rows) {
        throw new SQLException(String.format(Locale.ROOT, "COPY sent %d lines (%d bytes), expected %d; "
            + "CommandComplete said %d", counter.lines, counter.bytes, rows, reported));
      }
    }
  }

  /** Counts lines of COPY text output without keeping it. */
  private static final class LineCounter extends OutputStream {
    long lines;
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
      if (b == '\n') {
        lines++;
      }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
      bytes += length;
      for (int i = offset; i < offset + length; i++) {
        if (buffer[i] == '\n') {
          lines++;
        }
      }
    }
  }
}
