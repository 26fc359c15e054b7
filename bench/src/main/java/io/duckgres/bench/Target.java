package io.duckgres.bench;

/** What a figure must reach for the target to count as met. */
record Target(Kind kind, double value) {
  enum Kind {
    /** ours / baseline ≥ value (throughput). */
    RATIO_AT_LEAST,
    /** ours / baseline ≤ value (time, latency). */
    RATIO_AT_MOST,
    /** ours itself &lt; value, in the row's unit (heap growth). */
    BELOW,
    /** informational figure, no target. */
    NONE,
    /** informational figure whose "baseline" is context (the heap before), not a comparison. */
    CONTEXT
  }

  static final Target NONE = new Target(Kind.NONE, 0);
  static final Target CONTEXT = new Target(Kind.CONTEXT, 0);

  static Target ratioAtLeast(double value) {
    return new Target(Kind.RATIO_AT_LEAST, value);
  }

  static Target ratioAtMost(double value) {
    return new Target(Kind.RATIO_AT_MOST, value);
  }

  static Target below(double value) {
    return new Target(Kind.BELOW, value);
  }

  /** Null when there is no target or nothing to judge. */
  Boolean met(Double ours, Double ratio) {
    return switch (kind) {
      case RATIO_AT_LEAST -> ratio == null ? Boolean.FALSE : ratio >= value;
      case RATIO_AT_MOST -> ratio == null ? Boolean.FALSE : ratio <= value;
      case BELOW -> ours == null ? Boolean.FALSE : ours < value;
      case NONE, CONTEXT -> null;
    };
  }

  String describe(String unit) {
    return switch (kind) {
      case RATIO_AT_LEAST -> "≥ " + value + "×";
      case RATIO_AT_MOST -> "≤ " + value + "×";
      case BELOW -> "< " + Format.number(value) + " " + unit;
      case NONE, CONTEXT -> "—";
    };
  }
}
