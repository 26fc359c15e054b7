package io.duckgres.engine.settings;

import java.util.Locale;

/** Cheap test of whether a statement could be SET, RESET or SHOW, before parsing it. */
public final class SettingCommands {
  private SettingCommands() {}

  public static boolean mayBeSetting(String sql) {
    int i = 0;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return startsWithWord(sql, i, "set") || startsWithWord(sql, i, "reset")
        || startsWithWord(sql, i, "show");
  }

  private static boolean startsWithWord(String sql, int at, String word) {
    int end = at + word.length();
    return sql.regionMatches(true, at, word, 0, word.length())
        && (end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end))
            && sql.charAt(end) != '_');
  }

  /** A SQL string literal for {@code value}. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** A SQL quoted identifier for {@code name}. */
  public static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
