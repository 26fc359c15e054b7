package io.duckgres.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects one figure round by round, or the error that stopped it. A workload that fails on
 * duckgres keeps running on the baseline (and the other way round), so each side has its own.
 */
final class Figure {
  private final List<Double> values = new ArrayList<>();
  private String error;

  void add(double value) {
    values.add(value);
  }

  void fail(Throwable failure) {
    fail(describe(failure));
  }

  void fail(String message) {
    if (error == null) {
      error = message;
    }
  }

  boolean failed() {
    return error != null;
  }

  /** The error, or null. */
  String error() {
    return error;
  }

  /** The summary over the rounds that succeeded, or null when none did. */
  Summary summary() {
    return values.isEmpty() ? null : Summary.of(values);
  }

  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    message = message.replaceAll("\\s+", " ").strip();
    return message.length() > 300 ? message.substring(0, 300) + "…" : message;
  }
}
