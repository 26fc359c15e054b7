package io.duckgres.bench;

import java.util.Locale;

/** Number formatting for the markdown table: three significant digits, thousands separated. */
final class Format {
  private Format() {}

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (magnitude >= 1 || magnitude == 0) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  static String ratio(Double ratio) {
    if (ratio == null) {
      return "—";
    }
    // Three significant digits, so a ratio just under a target (0.496×) does not print as 0.50×.
    double magnitude = Math.abs(ratio);
    String pattern = magnitude >= 100 ? "%.0f×" : magnitude >= 10 ? "%.1f×" : magnitude >= 1 ? "%.2f×" : "%.3f×";
    return String.format(Locale.ROOT, pattern, ratio);
  }

  static String summary(Summary summary) {
    if (summary.rounds().size() == 1) {
      return number(summary.median());
    }
    return number(summary.median()) + " (" + number(summary.min()) + "–" + number(summary.max()) + ")";
  }
}
