package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.Set;

/**
 * {@code p.prorettype::regtype != 'trigger'::regtype} (pgcli's function list): in PostgreSQL
 * both sides are OIDs. The catalog prints a cast of a column to a reg type as its name and reads
 * a cast of a constant as an OID, so the two would not compare; the column's cast is dropped and
 * the comparison is of OIDs, as in PostgreSQL. The casts are seen as written or as {@link RegCasts}
 * wrote them ({@code regtype_out(p.prorettype) <> regtype_in('trigger')}).
 */
public final class RegTypeComparisons implements TreeTransform {
  private static final Set<String> REG_TYPES = Set.of("regclass", "regtype", "regproc",
      "regprocedure", "regnamespace", "regrole", "regoper", "regoperator");

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasAExpr() || node.getAExpr().getKind() != A_Expr_Kind.AEXPR_OP) {
      return false;
    }
    A_Expr.Builder expression = node.getAExprBuilder();
    String leftCall = RegCasts.function(expression.getLexpr());
    String rightCall = RegCasts.function(expression.getRexpr());
    if (leftCall != null && rightCall != null && leftCall.endsWith("_out")
        && rightCall.equals(leftCall.replace("_out", "_in"))) {
      expression.setLexpr(expression.getLexpr().getFuncCall().getArgs(0));
      return true;
    }
    if (leftCall != null && rightCall != null && rightCall.endsWith("_out")
        && leftCall.equals(rightCall.replace("_out", "_in"))) {
      expression.setRexpr(expression.getRexpr().getFuncCall().getArgs(0));
      return true;
    }
    String left = regType(expression.getLexpr());
    String right = regType(expression.getRexpr());
    if (left == null || !left.equals(right)) {
      return false;
    }
    boolean leftConstant = expression.getLexpr().getTypeCast().getArg().hasAConst();
    boolean rightConstant = expression.getRexpr().getTypeCast().getArg().hasAConst();
    if (leftConstant == rightConstant) {
      return false;
    }
    if (rightConstant) {
      expression.setLexpr(expression.getLexpr().getTypeCast().getArg());
    } else {
      expression.setRexpr(expression.getRexpr().getTypeCast().getArg());
    }
    return true;
  }

  /** The reg type {@code operand} is cast to, or null. */
  private static String regType(Node operand) {
    if (!operand.hasTypeCast() || operand.getTypeCast().getTypeName().getArrayBoundsCount() > 0) {
      return null;
    }
    var names = operand.getTypeCast().getTypeName().getNamesList();
    Node last = names.isEmpty() ? null : names.get(names.size() - 1);
    return last != null && last.hasString() && REG_TYPES.contains(last.getString().getSval())
        ? last.getString().getSval() : null;
  }
}
