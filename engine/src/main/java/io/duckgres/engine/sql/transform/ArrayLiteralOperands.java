package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeCast;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeName;

/**
 * {@code x = ANY('{r,p,""}')} and {@code ALL}: PostgreSQL reads the untyped string constant as
 * an array (of the left operand's type); DuckDB reads it as a string and fails. The constant
 * becomes the text array it spells, {@code ARRAY['r', 'p', '']::text[]} (see
 * {@link ArrayLiterals}), so the comparison runs element by element (pgcli's {@code \dt} sends
 * this form).
 */
public final class ArrayLiteralOperands implements TreeTransform {

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasAExpr()) {
      return false;
    }
    A_Expr expression = node.getAExpr();
    if (expression.getKind() != A_Expr_Kind.AEXPR_OP_ANY
        && expression.getKind() != A_Expr_Kind.AEXPR_OP_ALL) {
      return false;
    }
    Node operand = expression.getRexpr();
    if (!operand.hasAConst() || !operand.getAConst().hasSval()
        || !operand.getAConst().getSval().getSval().strip().startsWith("{")) {
      return false;
    }
    TypeName textArray = TypeName.newBuilder()
        .addNames(Node.newBuilder().setString(
            io.duckgres.engine.sql.parse.tree.PgQuery.String.newBuilder().setSval("text")))
        .addArrayBounds(Node.newBuilder().setInteger(
            io.duckgres.engine.sql.parse.tree.PgQuery.Integer.newBuilder().setIval(-1)))
        .setLocation(-1)
        .build();
    Node array = ArrayLiterals.cast(operand.getAConst().getSval().getSval().strip(), textArray);
    node.getAExprBuilder().setRexpr(array != null ? array : Node.newBuilder()
        .setTypeCast(TypeCast.newBuilder().setArg(operand).setTypeName(textArray).setLocation(-1))
        .build());
    return true;
  }
}
