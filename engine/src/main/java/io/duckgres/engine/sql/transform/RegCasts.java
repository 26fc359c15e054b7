package io.duckgres.engine.sql.transform;

import io.duckgres.engine.catalog.CatalogNames;
import io.duckgres.engine.catalog.PgCatalog;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeCast;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeName;
import java.util.List;
import java.util.Set;

/**
 * Casts to the OID alias types ({@code regclass}, {@code regtype}, {@code regproc},
 * {@code regprocedure}, {@code regnamespace}, {@code regrole}), which DuckDB does not have: a
 * cast of a constant or parameter ({@code 'items'::regclass}) reads a name and is the object's
 * OID, through the catalog's {@code regclass_in}; a cast of anything else ({@code c.oid::regclass})
 * prints the name, through {@code regclass_out}. {@code 'items'::regclass::text} is the name again:
 * in, then out.
 */
public final class RegCasts implements TreeTransform {
  private static final Set<String> REG_TYPES = Set.of("regclass", "regtype", "regproc",
      "regprocedure", "regnamespace", "regrole");
  private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "name");

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasTypeCast()) {
      return false;
    }
    TypeCast cast = node.getTypeCast();
    String type = typeName(cast.getTypeName());
    if (type == null) {
      return false;
    }
    if (REG_TYPES.contains(type)) {
      Node operand = cast.getArg();
      boolean input = (operand.hasAConst() && operand.getAConst().hasSval())
          || operand.hasParamRef();
      String function = (type.equals("regprocedure") ? "regproc" : type)
          + (input ? "_in" : "_out");
      node.clear().mergeFrom(catalogCall(function, operand));
      return true;
    }
    String input = function(cast.getArg());
    if (TEXT_TYPES.contains(type) && input != null && input.endsWith("_in")) {
      String output = input.substring(0, input.length() - "_in".length()) + "_out";
      node.getTypeCastBuilder().setArg(catalogCall(output, cast.getArg()));
      return true;
    }
    return false;
  }

  /**
   * The catalog function ({@code regclass_in}, {@code regtype_out}, …) {@code node} calls, or
   * null when it is no call of one.
   */
  static String function(Node node) {
    if (!node.hasFuncCall() || node.getFuncCall().getFuncnameCount() != 3
        || node.getFuncCall().getArgsCount() != 1) {
      return null;
    }
    List<Node> names = node.getFuncCall().getFuncnameList();
    String name = names.get(2).getString().getSval();
    boolean catalog = PgCatalog.CATALOG.equals(names.get(0).getString().getSval())
        && CatalogNames.MAIN.equals(names.get(1).getString().getSval());
    String type = name.endsWith("_in") ? name.substring(0, name.length() - 3)
        : name.endsWith("_out") ? name.substring(0, name.length() - 4) : "";
    return catalog && REG_TYPES.contains(type) ? name : null;
  }

  /** The type's last name, for an unqualified or pg_catalog type that is not an array. */
  private static String typeName(TypeName type) {
    int count = type.getNamesCount();
    if (type.getArrayBoundsCount() > 0 || count == 0 || count > 2
        || !type.getNames(count - 1).hasString()
        || (count == 2 && !"pg_catalog".equals(type.getNames(0).getString().getSval()))) {
      return null;
    }
    return type.getNames(count - 1).getString().getSval();
  }

  private static Node catalogCall(String function, Node argument) {
    return Node.newBuilder().setFuncCall(FuncCall.newBuilder()
        .addFuncname(Nodes.name(PgCatalog.CATALOG)).addFuncname(Nodes.name(CatalogNames.MAIN))
        .addFuncname(Nodes.name(function)).addArgs(argument)).build();
  }
}
