package io.duckgres.server.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The last hour of statements in {@link #WINDOW_MILLIS} windows, for the admin console's chart:
 * per window the number of statements that ended in it and their 95th-percentile run time.
 *
 * <p>Each window keeps a log-scale histogram (four buckets per doubling, so a percentile is read
 * to within 19%) instead of the durations themselves: a window costs a fixed 1 KiB however many
 * statements it saw, and windows of several processes merge by adding their buckets. A window is
 * reused once it is an hour old; recording takes one short lock.
 */
public final class StatementRate {
  /** Window length. */
  public static final long WINDOW_MILLIS = 10_000;
  /** Windows kept: one hour. */
  public static final int WINDOWS = 360;
  /** Buckets per window: bucket i holds durations in [2^(i/4), 2^((i+1)/4)) microseconds. */
  public static final int BUCKETS = 128;

  /** One window: its start, the statements that ended in it, their p95 and their histogram. */
  public record Sample(long startMillis, long statements, double p95Millis, long[] buckets) {
    public double perSecond() {
      return statements * 1000.0 / WINDOW_MILLIS;
    }
  }

  private final LongSupplier clock;
  private final long[] windowStart = new long[WINDOWS];
  private final long[] counts = new long[WINDOWS];
  private final long[][] buckets = new long[WINDOWS][BUCKETS];

  public StatementRate() {
    this(System::currentTimeMillis);
  }

  StatementRate(LongSupplier clock) {
    this.clock = clock;
    java.util.Arrays.fill(windowStart, -1);
  }

  /** A statement ended after {@code nanos}. */
  public void record(long nanos) {
    long start = windowOf(clock.getAsLong());
    int slot = slot(start);
    int bucket = bucket(nanos);
    synchronized (this) {
      if (windowStart[slot] != start) {
        windowStart[slot] = start;
        counts[slot] = 0;
        java.util.Arrays.fill(buckets[slot], 0);
      }
      counts[slot]++;
      buckets[slot][bucket]++;
    }
  }

  /** Every window of the last hour, oldest first, the current (still filling) one last. */
  public List<Sample> lastHour() {
    long newest = windowOf(clock.getAsLong());
    List<Sample> samples = new ArrayList<>(WINDOWS);
    synchronized (this) {
      for (int i = WINDOWS - 1; i >= 0; i--) {
        long start = newest - i * WINDOW_MILLIS;
        int slot = slot(start);
        if (windowStart[slot] == start) {
          long[] copy = buckets[slot].clone();
          samples.add(new Sample(start, counts[slot], percentile(copy, 0.95), copy));
        } else {
          samples.add(new Sample(start, 0, 0, new long[BUCKETS]));
        }
      }
    }
    return samples;
  }

  /**
   * The {@code quantile} of a histogram in milliseconds: the upper bound of the bucket the
   * quantile falls in; 0 for an empty histogram.
   */
  public static double percentile(long[] histogram, double quantile) {
    long total = 0;
    for (long count : histogram) {
      total += count;
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(quantile * total);
    long seen = 0;
    for (int i = 0; i < histogram.length; i++) {
      seen += histogram[i];
      if (seen >= rank) {
        return Math.pow(2, (i + 1) / 4.0) / 1000.0;
      }
    }
    return Math.pow(2, histogram.length / 4.0) / 1000.0;
  }

  static int bucket(long nanos) {
    double micros = Math.max(nanos / 1000.0, 1.0);
    int index = (int) Math.floor(4 * Math.log(micros) / Math.log(2));
    return Math.min(Math.max(index, 0), BUCKETS - 1);
  }

  private static long windowOf(long millis) {
    return millis - Math.floorMod(millis, WINDOW_MILLIS);
  }

  private static int slot(long windowStartMillis) {
    return (int) Math.floorMod(windowStartMillis / WINDOW_MILLIS, (long) WINDOWS);
  }
}
