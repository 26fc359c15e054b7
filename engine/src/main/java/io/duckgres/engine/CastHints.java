package io.duckgres.engine;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.TreeNodes;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeCast;
import io.duckgres.pgwire.types.PgType;
import io.duckgres.pgwire.types.PgTypes;

/**
 * Parameter types the statement states itself, {@code $1::integer}, for ParameterDescription
 * where DuckDB could not infer one (it reports text then). Clients that send binary parameters
 * (asyncpg) encode by the described type, so it must be the cast's type, as in PostgreSQL
 * ({@code $1::integer} or {@code CAST($1 AS integer)}). The
 * casts are read from PostgreSQL's parse tree (cached per text), which names each type as
 * PostgreSQL does ({@code integer} is {@code pg_catalog.int4}).
 */
final class CastHints {
  private CastHints() {}

  private static boolean isOid(int oid) {
    return oid == PgTypes.OID_OID || oid == PgTypes.OID_ARRAY_OID;
  }

  /** Replaces inferred text types by the type of a cast on the same parameter. */
  static void refine(String sql, int[] declared, int[] types) {
    for (RawStmt statement : ParsedText.of(sql).statements()) {
      TreeNodes.forEach(statement, node -> {
        if (node.hasTypeCast() && node.getTypeCast().getArg().hasParamRef()) {
          refine(node.getTypeCast(), declared, types);
        }
      });
    }
  }

  private static void refine(TypeCast cast, int[] declared, int[] types) {
    int index = cast.getArg().getParamRef().getNumber() - 1;
    if (index < 0 || index >= types.length || (index < declared.length && declared[index] != 0)
        || cast.getTypeName().getNamesCount() == 0) {
      return;
    }
    Node last = cast.getTypeName().getNames(cast.getTypeName().getNamesCount() - 1);
    String name = last.getString().getSval()
        + (cast.getTypeName().getArrayBoundsCount() > 0 ? "[]" : "");
    PgType<?> type = PgTypes.byName(name);
    // DuckDB has no oid: it infers bigint for $1::oid, but asyncpg's type lookup
    // (any($1::oid[])) has a built-in codec only for oid[] and must be told that type.
    if (type != null && (types[index] == PgTypes.TEXT_OID || isOid(type.oid()))) {
      types[index] = type.oid();
    }
  }
}
