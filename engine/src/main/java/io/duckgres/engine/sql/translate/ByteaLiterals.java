package io.duckgres.engine.sql.translate;

import java.util.Locale;

/**
 * {@code '\x0102ff'::bytea} is PostgreSQL's hex bytea literal (what drivers inline for byte
 * arrays); DuckDB reads {@code '\x01…'} per escaped byte, so the same text means different bytes.
 * Rewritten to {@code from_hex('0102ff')}.
 */
final class ByteaLiterals implements Rewrite {
  @Override
  public String apply(String sql) {
    if (!Literals.containsIgnoreCase(sql, "bytea")) {
      return sql;
    }
    return Literals.rewrite(sql, literal -> {
      String type = literal.type().toLowerCase(Locale.ROOT);
      if (!type.equals("bytea") && !type.equals("pg_catalog.bytea")) {
        return null;
      }
      String value = literal.value();
      if (!value.startsWith("\\x")) {
        return null;
      }
      String hex = value.substring(2);
      for (int i = 0; i < hex.length(); i++) {
        if (Character.digit(hex.charAt(i), 16) < 0) {
          return null;
        }
      }
      return "from_hex(" + Literals.quote(hex) + ")";
    });
  }
}
