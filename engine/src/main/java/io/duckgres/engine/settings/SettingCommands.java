package io.duckgres.engine.settings;

/** Quoting for the SQL the session writes around parameters' names and values. */
public final class SettingCommands {
  private SettingCommands() {}

  /** A SQL string literal for {@code value}. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** A SQL quoted identifier for {@code name}. */
  public static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
