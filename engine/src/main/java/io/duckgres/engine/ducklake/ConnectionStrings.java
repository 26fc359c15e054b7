package io.duckgres.engine.ducklake;

import java.util.regex.Pattern;

/**
 * Keeps passwords out of logs and error messages. A DuckLake metadata store is a libpq connection
 * string ({@code postgres:dbname=lake host=db password=secret}) or URI
 * ({@code postgresql://user:secret@db/lake}); both end up inside the ATTACH statement and, when
 * postgres_scanner or DuckLake fail, inside DuckDB's error text.
 */
public final class ConnectionStrings {
  static final String MASK = "***";

  /** {@code password=value}, {@code password = 'quoted value'}, {@code ?password=v&...}. */
  private static final Pattern KEYWORD_PASSWORD = Pattern.compile(
      "(?i)(\\bpassword\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|[^\\s&']+)");

  /** The password part of {@code scheme://user:password@host}. */
  private static final Pattern URI_PASSWORD =
      Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^:/@\\s]*:)[^@\\s]*(@)");

  private ConnectionStrings() {}

  /** {@code text} with every password in it replaced by {@code ***}; null stays null. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = KEYWORD_PASSWORD.matcher(text).replaceAll("$1" + MASK);
    return URI_PASSWORD.matcher(out).replaceAll("$1" + MASK + "$2");
  }

  /**
   * {@code text} with the given secrets masked as well as every password, for messages that may
   * quote a statement carrying S3 keys.
   */
  public static String redact(String text, String... secrets) {
    String out = redact(text);
    if (out == null) {
      return null;
    }
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }
}
