package io.duckgres.engine.catalog.viewdef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a database's tables and views, as the catalog macro hands them over: one record
 * per column (separated by U+001E), fields schema, relation, column, DuckDB type (separated by
 * U+001F), in column order.
 */
final class Relations {
  static final char RECORD = '\u001e';
  static final char FIELD = '\u001f';

  /** A column and PostgreSQL's name for its type (null when we do not know it). */
  record Column(String name, String type) {}

  private final Map<String, List<Column>> columns = new HashMap<>();

  Relations(String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String record : encoded.split(String.valueOf(RECORD))) {
      String[] fields = record.split(String.valueOf(FIELD), -1);
      if (fields.length != 4) {
        continue;
      }
      columns.computeIfAbsent(key(fields[0], fields[1]), k -> new ArrayList<>())
          .add(new Column(fields[2], PgTypes.ofDuckDb(fields[3])));
    }
  }

  /** The columns of {@code schema.relation}; null when there is no such relation. */
  List<Column> of(String schema, String relation) {
    return columns.get(key(schema, relation));
  }

  private static String key(String schema, String relation) {
    return (schema + "." + relation).toLowerCase(Locale.ROOT);
  }
}
