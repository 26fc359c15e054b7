package io.duckgres.engine.settings;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.Locale;

/**
 * DateStyle as PostgreSQL's check_datestyle canonicalises it: a comma-separated list of an output
 * style (ISO, SQL, Postgres, German) and a field order (YMD, DMY or its spellings EURO/EUROPEAN,
 * MDY or US/NONEURO/NONEUROPEAN), either part left out keeping the current one. SHOW and
 * ParameterStatus give both parts, "ISO, MDY"; drivers (pgjdbc) require the value to start with
 * "ISO".
 */
final class DateStyles {
  private DateStyles() {}

  /**
   * {@code value} applied over {@code current} (itself canonical, or null) in SHOW's spelling.
   *
   * @throws PgException 22023 for an unknown word or two styles or orders that disagree
   */
  static String canonical(String value, String current, String startup) {
    String[] base = parts(current != null ? current : "ISO, MDY");
    String style = null;
    String order = null;
    for (String item : value.split(",", -1)) {
      String word = item.strip().toUpperCase(Locale.ROOT);
      if (word.startsWith("\"") && word.endsWith("\"") && word.length() > 1) {
        word = word.substring(1, word.length() - 1);
      }
      String newStyle = null;
      String newOrder = null;
      switch (word) {
        case "ISO" -> newStyle = "ISO";
        case "SQL" -> newStyle = "SQL";
        case "GERMAN" -> newStyle = "German";
        case "YMD" -> newOrder = "YMD";
        case "DMY", "EURO", "EUROPEAN" -> newOrder = "DMY";
        case "MDY", "US", "NONEURO", "NONEUROPEAN" -> newOrder = "MDY";
        case "DEFAULT" -> {
          String[] reset = parts(startup != null ? startup : "ISO, MDY");
          newStyle = reset[0];
          newOrder = reset[1];
        }
        default -> {
          if (word.startsWith("POSTGRES")) {
            newStyle = "Postgres";
          } else {
            throw invalid(value, "Unrecognized key word: \"" + item.strip() + "\".");
          }
        }
      }
      if (newStyle != null) {
        if (style != null && !style.equals(newStyle)) {
          throw invalid(value, "Conflicting \"datestyle\" specifications.");
        }
        style = newStyle;
      }
      if (newOrder != null) {
        if (order != null && !order.equals(newOrder)) {
          throw invalid(value, "Conflicting \"datestyle\" specifications.");
        }
        order = newOrder;
      }
    }
    if (order == null && "German".equals(style)) {
      // As PostgreSQL: German without an order means day first.
      order = "DMY";
    }
    return (style != null ? style : base[0]) + ", " + (order != null ? order : base[1]);
  }

  private static String[] parts(String canonical) {
    String[] parts = canonical.split(",\\s*", 2);
    return parts.length == 2 ? parts : new String[] {parts[0], "MDY"};
  }

  private static PgException invalid(String value, String detail) {
    return new PgException(PgException.Severity.ERROR, SqlState.INVALID_PARAMETER_VALUE,
        "invalid value for parameter \"DateStyle\": \"" + value + "\"", detail, null, 0, null);
  }
}
