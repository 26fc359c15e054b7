package io.duckgres.engine.copy;

import java.util.List;

/** Values spelled the way DuckDB's casts from VARCHAR read them. */
public final class DuckDbLiterals {
  private DuckDbLiterals() {}

  /**
   * A DuckDB list literal as its cast from text reads it, {@code ['a', NULL, 'it\'s']}: every
   * element quoted (so it casts to any element type), backslash escaping quote and backslash.
   */
  public static String list(List<?> items) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      Object item = items.get(i);
      if (item == null) {
        out.append("NULL");
      } else if (item instanceof List) {
        out.append(list((List<?>) item));
      } else {
        out.append('\'')
            .append(item.toString().replace("\\", "\\\\").replace("'", "\\'"))
            .append('\'');
      }
    }
    return out.append(']').toString();
  }
}
