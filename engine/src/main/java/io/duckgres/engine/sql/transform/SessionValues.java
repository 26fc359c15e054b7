package io.duckgres.engine.sql.transform;

import io.duckgres.engine.catalog.CatalogNames;
import io.duckgres.engine.catalog.PgCatalog;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.Set;

/**
 * The session's own values, which only the catalog's macros know: {@code current_user},
 * {@code session_user}, {@code user}, {@code current_role} ({@code pg_session_user()}),
 * {@code current_schema} and {@code current_catalog} ({@code current_database()}), and the
 * functions DuckDB's parser answers itself, {@code current_setting}, {@code set_config},
 * {@code current_schema()}, {@code current_schemas}, {@code current_database()}: all named in
 * full in the catalog, so DuckDB's own are not taken.
 */
public final class SessionValues implements TreeTransform {
  private static final Set<String> QUALIFIED_FUNCTIONS = Set.of("current_setting", "set_config",
      "current_schema", "current_schemas", "current_database");

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (node.hasSqlvalueFunction()) {
      String function = switch (node.getSqlvalueFunction().getOp()) {
        case SVFOP_CURRENT_USER, SVFOP_SESSION_USER, SVFOP_USER, SVFOP_CURRENT_ROLE ->
            "pg_session_user";
        case SVFOP_CURRENT_SCHEMA -> "current_schema";
        case SVFOP_CURRENT_CATALOG -> "current_database";
        default -> null;
      };
      if (function == null) {
        return false;
      }
      node.clear().setFuncCall(catalogCall(function));
      return true;
    }
    if (node.hasFuncCall() && node.getFuncCall().getFuncnameCount() == 1) {
      Node name = node.getFuncCall().getFuncname(0);
      if (name.hasString() && QUALIFIED_FUNCTIONS.contains(name.getString().getSval())) {
        FuncCall.Builder call = node.getFuncCallBuilder();
        call.clearFuncname().addAllFuncname(catalogCall(name.getString().getSval())
            .getFuncnameList());
        return true;
      }
    }
    return false;
  }

  private static FuncCall catalogCall(String function) {
    return FuncCall.newBuilder().addFuncname(Nodes.name(PgCatalog.CATALOG))
        .addFuncname(Nodes.name(CatalogNames.MAIN)).addFuncname(Nodes.name(function)).build();
  }
}
