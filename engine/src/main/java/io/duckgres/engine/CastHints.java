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

  private static boolean isOid(int oid) {
    return oid == PgTypes.OID_OID || oid == PgTypes.OID_ARRAY_OID;
  }

  /** Replaces inferred text types by the type of a cast on the same parameter. */
  static void refine(String sql, int[] declared, int[] types) {
    if (sql.indexOf("::") < 0) {
      return;
    }
    Matcher cast = CAST.matcher(sql);
    while (cast.find()) {
      int index = Integer.parseInt(cast.group(1)) - 1;
      if (index < 0 || index >= types.length || (index < declared.length && declared[index] != 0)) {
        continue;
      }
      PgType<?> type = PgTypes.byName(cast.group(3).trim() + (cast.group(4) != null ? "[]" : ""));
      // DuckDB has no oid: it infers bigint for $1::oid, but asyncpg's type lookup
      // (any($1::oid[])) has a built-in codec only for oid[] and must be told that type.
      if (type != null && (types[index] == PgTypes.TEXT_OID || isOid(type.oid()))) {
        types[index] = type.oid();
      }
    }
  }
}
