package io.duckgres.engine.error;

import io.duckgres.pgwire.SqlState;

/**
 * Errors raised by the server's own DuckDB functions (catalog/ServerFunctions), which DuckDB
 * reports as "Invalid Input Error: java.lang.X: &lt;type&gt; Error: text" followed by a stack
 * trace. A "Permission Error" becomes 42501 with the text alone; an IllegalArgumentException of
 * the value functions (catalog/JsonFunctions: malformed JSON, a path that is not an array) 22023
 * with its message alone.
 */
final class JavaFunctionErrors {
  private static final String PERMISSION = ": Permission Error: ";
  private static final String BAD_VALUE = "java.lang.IllegalArgumentException: ";

  private JavaFunctionErrors() {}

  /** The mapping for an error a Java function raised, or null for any other error. */
  static ErrorMapping map(String message) {
    if (message.startsWith(BAD_VALUE)) {
      String text = message.substring(BAD_VALUE.length()).lines().findFirst().orElse("");
      return new ErrorMapping(SqlState.INVALID_PARAMETER_VALUE, text.strip());
    }
    int marker = message.indexOf(PERMISSION);
    if (!message.startsWith("java.") || marker < 0) {
      return null;
    }
    String text = message.substring(marker + PERMISSION.length()).lines().findFirst().orElse("");
    return new ErrorMapping(SqlState.INSUFFICIENT_PRIVILEGE, text.strip());
  }
}
