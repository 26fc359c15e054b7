package io.duckgres.engine.sql.transform;

import io.duckgres.engine.numeric.NumberFormat;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/**
 * {@code to_char(number, '9,999.99')} with a constant template of digit positions: the catalog's
 * {@code duckgres_to_char_number(CAST(number AS varchar), template)} ({@link NumberFormat}).
 * Date and time templates are left to {@link DateTimeFormats}, which runs after this one.
 */
public final class NumericToChar implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!"to_char".equals(Nodes.functionName(node.build()))) {
      return false;
    }
    FuncCall call = node.getFuncCall();
    String template = call.getArgsCount() == 2 ? Nodes.stringConstant(call.getArgs(1)) : null;
    if (template == null || !NumberFormat.understands(template)) {
      return false;
    }
    node.clear().mergeFrom(Nodes.call("duckgres_to_char_number",
        Nodes.cast(call.getArgs(0), "varchar"), call.getArgs(1)));
    return true;
  }
}
