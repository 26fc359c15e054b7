package io.duckgres.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * A time budget per measured side: once a side has spent its budget, its remaining rounds are
 * skipped (at least one round always runs), so one slow path cannot push a full run past its
 * 15 minutes. The row then says how many rounds it got.
 */
final class Budget {
  private final long limitNanos;
  private final Map<String, Long> spent = new HashMap<>();
  private final Map<String, Integer> rounds = new HashMap<>();
  private final Map<String, Boolean> cut = new HashMap<>();

  Budget(long limitSeconds) {
    this.limitNanos = limitSeconds * 1_000_000_000L;
  }

  boolean allows(String key) {
    boolean allowed = spent.getOrDefault(key, 0L) < limitNanos;
    if (!allowed) {
      cut.put(key, true);
    }
    return allowed;
  }

  void spend(String key, long nanos) {
    spent.merge(key, nanos, Long::sum);
    rounds.merge(key, 1, Integer::sum);
  }

  /** A note for the row when rounds were skipped, else null. */
  String note(String key) {
    if (!cut.getOrDefault(key, false)) {
      return null;
    }
    return "only " + rounds.getOrDefault(key, 0) + " round(s): over its time budget of "
        + limitNanos / 1_000_000_000L + " s";
  }
}
