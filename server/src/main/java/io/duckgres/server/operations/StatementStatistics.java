package io.duckgres.server.operations;

import io.duckgres.engine.catalog.ServerActivity.StatementStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * pg_stat_statements' numbers: per user, database and normalised statement text, the calls, the
 * total, smallest and largest run time and the rows. At most {@link #MAX_ENTRIES} statements are
 * tracked (PostgreSQL's pg_stat_statements.max default); later new ones are not.
 */
final class StatementStatistics {
  static final int MAX_ENTRIES = 5000;
  /**
   * Statement text beyond this is not kept (a bulk INSERT … VALUES can be megabytes); longer
   * statements are grouped by their beginning.
   */
  static final int MAX_QUERY_CHARS = 8192;

  private record Key(String user, String database, String query) {}

  private static final class Totals {
    long calls;
    double totalMillis;
    double minMillis = Double.MAX_VALUE;
    double maxMillis;
    long rows;
  }

  private final Map<Key, Totals> entries = new ConcurrentHashMap<>();

  void record(String user, String database, String sql, long nanos, long rows) {
    String text = sql.strip();
    if (text.length() > MAX_QUERY_CHARS) {
      text = text.substring(0, MAX_QUERY_CHARS);
    }
    Key key = new Key(user, database, SqlNormalizer.normalize(text));
    Totals totals = entries.get(key);
    if (totals == null) {
      if (entries.size() >= MAX_ENTRIES) {
        return;
      }
      totals = entries.computeIfAbsent(key, k -> new Totals());
    }
    double millis = nanos / 1_000_000.0;
    synchronized (totals) {
      totals.calls++;
      totals.totalMillis += millis;
      totals.minMillis = Math.min(totals.minMillis, millis);
      totals.maxMillis = Math.max(totals.maxMillis, millis);
      totals.rows += rows;
    }
  }

  List<StatementStats> snapshot() {
    List<StatementStats> rows = new ArrayList<>(entries.size());
    entries.forEach((key, totals) -> {
      synchronized (totals) {
        rows.add(new StatementStats(key.user(), key.database(), key.query(), totals.calls,
            totals.totalMillis, totals.minMillis, totals.maxMillis, totals.rows));
      }
    });
    return rows;
  }

  void reset() {
    entries.clear();
  }
}
