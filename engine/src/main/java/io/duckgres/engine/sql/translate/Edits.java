package io.duckgres.engine.sql.translate;

import java.util.Map;
import java.util.TreeMap;

/**
 * Replacements of ranges of one SQL text, collected while scanning it and applied at the end.
 * Ranges must not overlap; an insertion is an empty range. With no edits, {@link #apply} returns
 * its input itself.
 */
final class Edits {
  private final TreeMap<Integer, Map.Entry<Integer, String>> edits = new TreeMap<>();

  void replace(int start, int end, String text) {
    Map.Entry<Integer, String> existing = edits.get(start);
    if (existing != null && existing.getKey() == start && end == start) {
      // Two insertions at one place: keep both, in the order they were added.
      edits.put(start, Map.entry(start, existing.getValue() + text));
      return;
    }
    edits.put(start, Map.entry(end, text));
  }

  void insert(int at, String text) {
    replace(at, at, text);
  }

  String apply(String sql) {
    if (edits.isEmpty()) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length() + 32);
    int copied = 0;
    for (Map.Entry<Integer, Map.Entry<Integer, String>> edit : edits.entrySet()) {
      out.append(sql, copied, edit.getKey()).append(edit.getValue().getValue());
      copied = edit.getValue().getKey();
    }
    return out.append(sql, copied, sql.length()).toString();
  }
}
