package io.duckgres.engine.catalog;

import io.duckgres.engine.sql.parse.RelationName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's search_path (a list of schema names, "$user" for the session user's schema) turned
 * into DuckDB's: PostgreSQL's {@code public} is DuckDB's {@code main}, and the catalog's own
 * schema comes last, so that the user's tables win over a catalog view of the same name but
 * unqualified catalog names ({@code pg_class}, {@code format_type(...)}) still resolve, before
 * DuckDB's built-ins.
 */
final class SearchPath {
  private SearchPath() {}

  /** The schema names of a search_path value, PostgreSQL spelling, "$user" resolved. */
  static List<String> schemas(String searchPath, String user) {
    List<String> schemas = new ArrayList<>();
    if (searchPath == null) {
      return schemas;
    }
    for (String item : split(searchPath)) {
      String name = item.strip();
      if (name.isEmpty()) {
        continue;
      }
      if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
        name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
      } else {
        name = name.toLowerCase(Locale.ROOT);
      }
      if (name.equals("$user")) {
        if (user == null || user.isEmpty()) {
          continue;
        }
        name = user;
      }
      schemas.add(name);
    }
    return schemas;
  }

  /** PostgreSQL's name for a DuckDB schema. */
  static String postgresName(String duckdbSchema) {
    return duckdbSchema.equals("main") ? "public" : duckdbSchema;
  }

  /** DuckDB's search_path for these (existing) schemas, with the catalog schema last. */
  static String duckdbPath(List<String> schemas, String catalog) {
    StringBuilder path = new StringBuilder();
    for (String schema : schemas) {
      String duckdb = schema.equals("public") ? "main" : schema;
      path.append(RelationName.quotedUnlessPlain(duckdb)).append(',');
    }
    if (schemas.isEmpty()) {
      path.append("main,");
    }
    return path.append(catalog).append(".main").toString();
  }

  /** Splits on commas outside double quotes. */
  private static List<String> split(String value) {
    List<String> items = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (char c : value.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        items.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    items.add(current.toString());
    return items;
  }
}
