package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.TreeWalk;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.PrepareStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeCast;
import java.util.List;

/**
 * {@code PREPARE name(type, ...) AS statement}: DuckDB's PREPARE takes no parameter types (and
 * its grammar refuses a schema-qualified type such as {@code pg_catalog.oid}, which pg_dump
 * sends). The declared types become casts of the parameters where they are used —
 * {@code $1} turns into {@code $1::type} — so the values an EXECUTE passes are read as the
 * declared types, as PostgreSQL reads them, and the type list is dropped.
 */
public final class PrepareParameterTypes implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasPrepareStmt() || node.getPrepareStmt().getArgtypesCount() == 0) {
      return false;
    }
    PrepareStmt.Builder prepare = node.getPrepareStmtBuilder();
    List<Node> types = List.copyOf(prepare.getArgtypesList());
    TreeWalk.walk(prepare.getQueryBuilder(), parameter -> {
      if (parameter.hasParamRef()) {
        int number = parameter.getParamRef().getNumber();
        if (number >= 1 && number <= types.size() && types.get(number - 1).hasTypeName()) {
          Node reference = parameter.build();
          parameter.setTypeCast(TypeCast.newBuilder()
              .setArg(reference)
              .setTypeName(types.get(number - 1).getTypeName())
              .setLocation(reference.getParamRef().getLocation()));
        }
      }
    });
    prepare.clearArgtypes();
    return true;
  }
}
