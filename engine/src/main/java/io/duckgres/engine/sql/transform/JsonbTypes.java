package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCallOrBuilder;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeName;

/**
 * DuckDB has one JSON type, {@code json}; PostgreSQL also has {@code jsonb}, its parsed form,
 * which clients use as much as json. The type jsonb (and {@code pg_catalog.jsonb}, and arrays of
 * it) becomes json wherever the tree names a type: casts ({@code x::jsonb},
 * {@code CAST(x AS jsonb)}), column definitions ({@code CREATE TABLE}, {@code ADD COLUMN},
 * {@code ALTER COLUMN … TYPE}) and the parameter types of PREPARE. Names, aliases and functions
 * called jsonb are not types and stay. jsonb's own text form (keys sorted, duplicates dropped, one
 * space after : and ,) is given by {@link JsonTextForms}, which runs first and wraps a jsonb cast
 * in {@code duckgres_jsonb(…)}: the cast inside that wrapper is renamed here. PostgreSQL
 * documentation: section 8.14, "JSON Types".
 */
public final class JsonbTypes implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    switch (node.getNodeCase()) {
      case TYPE_CAST -> {
        return rename(node.getTypeCastBuilder().getTypeNameBuilder());
      }
      case COLUMN_DEF -> {
        return node.getColumnDef().hasTypeName()
            && rename(node.getColumnDefBuilder().getTypeNameBuilder());
      }
      case TYPE_NAME -> {
        return rename(node.getTypeNameBuilder());
      }
      case FUNC_CALL -> {
        // duckgres_jsonb(x::jsonb), which JsonTextForms made of the cast after it was visited.
        FuncCallOrBuilder call = node.getFuncCallOrBuilder();
        if (call.getFuncnameCount() != 1 || call.getArgsCount() != 1
            || !JsonTextForms.JSONB.equals(call.getFuncname(0).getString().getSval())
            || !call.getArgs(0).hasTypeCast()) {
          return false;
        }
        return rename(node.getFuncCallBuilder().getArgsBuilder(0).getTypeCastBuilder()
            .getTypeNameBuilder());
      }
      default -> {
        return false;
      }
    }
  }

  private static boolean rename(TypeName.Builder type) {
    int count = type.getNamesCount();
    if (count == 0 || count > 2 || !type.getNames(count - 1).hasString()
        || !type.getNames(count - 1).getString().getSval().equals("jsonb")
        || (count == 2 && !type.getNames(0).getString().getSval().equals("pg_catalog"))) {
      return false;
    }
    type.clearNames().addNames(Nodes.name("json"));
    return true;
  }
}
