package io.duckgres.engine.sql.parse;

import java.nio.charset.StandardCharsets;

/** Parse-tree locations (0-based byte offsets into the UTF-8 text) as PostgreSQL positions. */
public final class Locations {
  private Locations() {}

  /** The 1-based character position of byte offset {@code location} in {@code sql}; 0 if none. */
  public static int position(String sql, int location) {
    if (location < 0) {
      return 0;
    }
    byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
    int end = Math.min(location, bytes.length);
    return new String(bytes, 0, end, StandardCharsets.UTF_8).length() + 1;
  }
}
