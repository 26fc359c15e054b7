package io.duckgres.app;

/**
 * A configuration the server must not start with. The message is a single line meant for the
 * operator's terminal: it names the option and the value (never a password) and why it was
 * refused. Main prints it after {@code duckgres: } and exits with status 2, without a stack trace.
 */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message, null, false, false);
  }

  /** {@code invalid value for --port: 70000 (must be 1..65535)}. */
  static ConfigException invalidValue(RawValue value, String reason) {
    return new ConfigException(
        "invalid value for " + value.origin() + ": " + printable(value.text()) + " (" + reason + ")");
  }

  /** Keeps the message on one line even when a YAML value spans several; shows '' for empty. */
  static String printable(String text) {
    if (text.isEmpty()) {
      return "''";
    }
    StringBuilder printable = new StringBuilder();
    text.codePoints()
        .forEach(
            codePoint -> {
              if (Character.isISOControl(codePoint)) {
                printable.append(String.format("\\u%04x", codePoint));
              } else {
                printable.appendCodePoint(codePoint);
              }
            });
    return printable.toString();
  }
}
