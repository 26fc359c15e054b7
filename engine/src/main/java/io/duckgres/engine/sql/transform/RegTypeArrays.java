package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.engine.sql.parse.TreeWalk;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeCast;
import java.util.Set;

/**
 * {@code oids::regtype[]} (pgcli reads {@code proallargtypes::regtype[]}): an array of OIDs
 * printed as an array of names. The catalog's reg casts apply to one value, so the cast becomes
 * a subquery that casts each element, in order, and collects the names into a list:
 * {@code (SELECT list(e::regtype ORDER BY i) FROM (SELECT unnest(oids) e,
 * generate_subscripts(oids, 1) i))}. A NULL array stays NULL. A string constant
 * ({@code '{int4}'::regtype[]}, names to OIDs) is left alone.
 */
public final class RegTypeArrays implements TreeTransform {
  private static final Set<String> REG_TYPES = Set.of("regclass", "regtype", "regproc",
      "regprocedure", "regnamespace", "regrole", "regoper", "regoperator");
  private static final String PLACEHOLDER = "duckgres_reg_array";
  /** The element casts are written as the catalog's functions, as RegCasts writes any other. */
  private static final RegCasts CASTS = new RegCasts();

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasTypeCast()) {
      return false;
    }
    TypeCast cast = node.getTypeCast();
    if (cast.getTypeName().getArrayBoundsCount() != 1 || cast.getArg().hasAConst()) {
      return false;
    }
    var names = cast.getTypeName().getNamesList();
    Node last = names.get(names.size() - 1);
    if (!last.hasString() || !REG_TYPES.contains(last.getString().getSval())) {
      return false;
    }
    String type = last.getString().getSval();
    Node.Builder replacement = SqlParser.parse("SELECT (SELECT list(x_e::" + type
        + " ORDER BY x_i) FROM (SELECT unnest(" + PLACEHOLDER + ") AS x_e, generate_subscripts("
        + PLACEHOLDER + ", 1) AS x_i) x_t)")
        .getStmts(0).getStmt().getSelectStmt().getTargetList(0).getResTarget().getVal()
        .toBuilder();
    Node operand = cast.getArg();
    TreeWalk.walk(replacement, inner -> {
      if (inner.hasColumnRef() && inner.getColumnRef().getFieldsCount() == 1
          && inner.getColumnRef().getFields(0).hasString()
          && inner.getColumnRef().getFields(0).getString().getSval().equals(PLACEHOLDER)) {
        inner.clear().mergeFrom(operand);
      }
      CASTS.apply(inner, sql);
    });
    node.clear().mergeFrom(replacement.build());
    return true;
  }
}
