package io.duckgres.engine.copy;

import java.util.List;

/** Values spelled the way DuckDB's casts from VARCHAR read them. */
public final class DuckDbLiterals {
  private DuckDbLiterals() {}

  /** A DuckDB list literal, {@code ['a', NULL, 'it''s']}: quoted elements cast to any type. */
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
        out.append('\'').append(item.toString().replace("'", "''")).append('\'');
      }
    }
    return out.append(']').toString();
  }
}
