package io.duckgres.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * Time limits for the rounds of one workload, per measured side (a key such as "duckgres" or
 * "binary"). A side that has spent its budget skips its remaining rounds, and so does every side
 * once the whole run passes its deadline (full: 12.5 min, quick: 2 min 20 s after the harness
 * started, so a busy machine still gets a report in time). The first round of a side always
 * runs, so every figure is measured at least once; the row's note says when rounds were skipped.
 */
final class Budget {
  private static volatile boolean deadlineReached;

  private final long limitNanos;
  private final long deadlineMillis;
  private final Map<String, Long> spent = new HashMap<>();
  private final Map<String, Integer> rounds = new HashMap<>();
  private final Map<String, String> cut = new HashMap<>();

  Budget(BenchConfig config, long limitSeconds) {
    this.limitNanos = limitSeconds * 1_000_000_000L;
    this.deadlineMillis = config.deadlineMillis();
  }

  /** Whether any budget in this run skipped rounds because the run's deadline had passed. */
  static boolean deadlineReached() {
    return deadlineReached;
  }

  boolean allows(String key) {
    if (rounds.getOrDefault(key, 0) == 0) {
      return true;
    }
    if (spent.getOrDefault(key, 0L) >= limitNanos) {
      cut.putIfAbsent(key, "over its time budget of " + limitNanos / 1_000_000_000L + " s");
      return false;
    }
    if (System.currentTimeMillis() > deadlineMillis) {
      deadlineReached = true;
      cut.putIfAbsent(key, "the run had reached its deadline");
      return false;
    }
    return true;
  }

  void spend(String key, long nanos) {
    spent.merge(key, nanos, Long::sum);
    rounds.merge(key, 1, Integer::sum);
  }

  /** Why rounds of this side were skipped, or null. */
  String reason(String key) {
    return cut.get(key);
  }

  /** A note for the row when rounds were skipped, else null. */
  String note(String key) {
    String reason = cut.get(key);
    return reason == null ? null : "only " + rounds.getOrDefault(key, 0) + " round(s): " + reason;
  }
}
