package io.duckgres.engine;

import io.duckgres.pgwire.types.PgType;
import io.duckgres.pgwire.types.PgTypes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parameter types the statement states itself, {@code $1::integer}, for ParameterDescription
 * where DuckDB could not infer one (it reports text then). Clients that send binary parameters
 * (asyncpg) encode by the described type, so it must be the cast's type, as in PostgreSQL.
 */
final class CastHints {
  private static final Pattern CAST = Pattern.compile(
      "\\$(\\d+)\\s*::\\s*((?:\"?pg_catalog\"?\\.)?\"?([A-Za-z_][A-Za-z0-9_ ]*?)\"?(\\[\\])?)"
          + "(?=[^A-Za-z0-9_]|$)");

  private CastHints() {}

  /** Replaces inferred text types by the type of a cast on the same parameter. */
  static void refine(String sql, int[] declared, int[] types) {
    if (sql.indexOf("::") < 0) {
      return;
    }
    Matcher cast = CAST.matcher(sql);
    while (cast.find()) {
      int index = Integer.parseInt(cast.group(1)) - 1;
      if (index < 0 || index >= types.length || (index < declared.length && declared[index] != 0)
          || types[index] != PgTypes.TEXT_OID) {
        continue;
      }
      PgType<?> type = PgTypes.byName(cast.group(3).trim() + (cast.group(4) != null ? "[]" : ""));
      if (type != null) {
        types[index] = type.oid();
      }
    }
  }
}
