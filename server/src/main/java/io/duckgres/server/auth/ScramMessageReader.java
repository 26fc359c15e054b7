package io.duckgres.server.auth;

/**
 * Reads the comma-separated {@code name=value} attributes of a SCRAM message (RFC 5802 section 7)
 * left to right, reporting errors with the DETAIL texts of PostgreSQL's {@code read_attr_value}
 * and {@code read_any_attr}. A value runs to the next comma or the end; SCRAM escapes commas in
 * user names as {@code =2C}, so a comma always separates attributes.
 */
final class ScramMessageReader {
  private final String message;
  private int position;

  ScramMessageReader(String message, int start) {
    this.message = message;
    this.position = start;
  }

  int position() {
    return position;
  }

  boolean atEnd() {
    return position >= message.length();
  }

  /** The next character without consuming it, or 0 at the end. */
  char peek() {
    return atEnd() ? '\0' : message.charAt(position);
  }

  /** Reads {@code attribute=value} and returns the value; the attribute name must match. */
  String value(char attribute) {
    char found = peek();
    if (found != attribute) {
      throw AuthenticationProtocolException.malformedScram(
          "Expected attribute \"" + attribute + "\" but found \"" + sanitize(found) + "\".");
    }
    position++;
    if (peek() != '=') {
      throw AuthenticationProtocolException.malformedScram(
          "Expected character \"=\" for attribute \"" + attribute + "\".");
    }
    position++;
    return readToComma();
  }

  /** Reads any {@code attribute=value} (an extension); returns the attribute name. */
  char anyAttribute() {
    char found = peek();
    if (!((found >= 'a' && found <= 'z') || (found >= 'A' && found <= 'Z'))) {
      throw AuthenticationProtocolException.malformedScram(
          "Attribute expected, but found invalid character \"" + sanitize(found) + "\".");
    }
    position++;
    if (peek() != '=') {
      throw AuthenticationProtocolException.malformedScram(
          "Expected character \"=\" for attribute \"" + found + "\".");
    }
    position++;
    readToComma();
    return found;
  }

  private String readToComma() {
    int comma = message.indexOf(',', position);
    int end = comma < 0 ? message.length() : comma;
    String value = message.substring(position, end);
    position = comma < 0 ? end : comma + 1;
    return value;
  }

  /** Like PostgreSQL's {@code sanitize_char}: printable as itself, anything else as hex. */
  static String sanitize(char c) {
    return c >= 0x21 && c <= 0x7E ? String.valueOf(c) : String.format("0x%02x", (int) c);
  }

  /** RFC 5802 "printable": %x21-2B / %x2D-7E, that is visible ASCII except the comma. */
  static boolean isPrintable(String value) {
    return !value.isEmpty()
        && value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != ',');
  }
}
