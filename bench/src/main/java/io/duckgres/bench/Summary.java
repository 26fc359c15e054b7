package io.duckgres.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and spread (min/max) of one figure over the rounds of a workload. */
record Summary(double median, double min, double max, List<Double> rounds) {
  static Summary of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Summary(median, sorted.get(0), sorted.get(n - 1), List.copyOf(values));
  }

  /** Nearest-rank percentile (0 < p ≤ 100) of raw samples, e.g. per-transaction latencies. */
  static double percentile(double[] sortedSamples, double p) {
    if (sortedSamples.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sortedSamples.length);
    return sortedSamples[Math.max(0, Math.min(sortedSamples.length - 1, rank - 1))];
  }
}
