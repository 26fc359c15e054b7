package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_ArrayExpr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.ColumnRef;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeFunction;
import io.duckgres.engine.sql.parse.tree.PgQuery.SelectStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.SubLinkType;
import java.util.List;

/**
 * Parts of known clients' catalog queries that DuckDB cannot bind, as an equivalent it can:
 *
 * <ul>
 *   <li>{@code ARRAY(SELECT 'toast.' || x FROM unnest(tc.reloptions) x)} (psql 15's \d,
 *       describe.c): {@code list_transform(tc.reloptions, x -> 'toast.' || x)};
 *   <li>{@code pol.polroles = '{0}'} and {@code oid = ANY (pol.polroles)} (psql's policies):
 *       {@code pol.polroles = ARRAY[0]}, {@code list_contains(pol.polroles, oid)};
 *   <li>{@code CASE tmp.I_INDOPTION[…] & 1::smallint} (pgJDBC 42.7's getIndexInfo, which reads
 *       the sort flag from int2vector indoption, text here and ascending only): {@code CASE 0}.
 * </ul>
 */
public final class ClientCatalogQueries implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    return switch (node.getNodeCase()) {
      case SUB_LINK -> arrayOfUnnest(node);
      case A_EXPR -> policyRoles(node);
      case CASE_EXPR -> indexOption(node);
      default -> false;
    };
  }

  private static boolean arrayOfUnnest(Node.Builder node) {
    if (node.getSubLink().getSubLinkType() != SubLinkType.ARRAY_SUBLINK
        || !node.getSubLink().getSubselect().hasSelectStmt()) {
      return false;
    }
    SelectStmt select = node.getSubLink().getSubselect().getSelectStmt();
    if (select.getTargetListCount() != 1 || select.getFromClauseCount() != 1
        || select.hasWhereClause() || select.getGroupClauseCount() > 0
        || select.getSortClauseCount() > 0 || select.hasLimitCount()
        || select.getDistinctClauseCount() > 0 || !select.getFromClause(0).hasRangeFunction()) {
      return false;
    }
    RangeFunction range = select.getFromClause(0).getRangeFunction();
    if (range.getFunctionsCount() != 1 || range.getOrdinality() || !range.hasAlias()
        || range.getAlias().getColnamesCount() > 1) {
      return false;
    }
    List<Node> items = range.getFunctions(0).getList().getItemsList();
    if (items.isEmpty() || !items.get(0).hasFuncCall()
        || !"unnest".equals(FunctionEquivalents.postgresName(items.get(0).getFuncCall()))
        || items.get(0).getFuncCall().getArgsCount() != 1) {
      return false;
    }
    String element = range.getAlias().getAliasname();
    if (range.getAlias().getColnamesCount() == 1
        && !element.equals(range.getAlias().getColnames(0).getString().getSval())) {
      return false;
    }
    Node lambda = Node.newBuilder().setAExpr(A_Expr.newBuilder().setKind(A_Expr_Kind.AEXPR_OP)
        .addName(Nodes.name("->"))
        .setLexpr(Node.newBuilder().setColumnRef(ColumnRef.newBuilder()
            .addFields(Nodes.name(element))))
        .setRexpr(select.getTargetList(0).getResTarget().getVal())).build();
    node.clear().mergeFrom(Nodes.call("list_transform",
        items.get(0).getFuncCall().getArgs(0), lambda));
    return true;
  }

  private static boolean policyRoles(Node.Builder node) {
    A_Expr expression = node.getAExpr();
    if (expression.getNameCount() != 1 || !"=".equals(expression.getName(0).getString().getSval())
        || !isColumn(expression.getRexpr(), "polroles") && !isColumn(expression.getLexpr(),
            "polroles")) {
      return false;
    }
    if (expression.getKind() == A_Expr_Kind.AEXPR_OP_ANY
        && isColumn(expression.getRexpr(), "polroles")) {
      node.clear().mergeFrom(Nodes.call("list_contains", expression.getRexpr(),
          expression.getLexpr()));
      return true;
    }
    if (expression.getKind() == A_Expr_Kind.AEXPR_OP
        && isColumn(expression.getLexpr(), "polroles")
        && "{0}".equals(Nodes.stringConstant(expression.getRexpr()))) {
      Node zero = Node.newBuilder().setAConst(A_Const.newBuilder().setIval(
          io.duckgres.engine.sql.parse.tree.PgQuery.Integer.newBuilder().setIval(0))).build();
      node.getAExprBuilder().setRexpr(Node.newBuilder().setAArrayExpr(
          A_ArrayExpr.newBuilder().addElements(zero)));
      return true;
    }
    return false;
  }

  private static boolean indexOption(Node.Builder node) {
    Node argument = node.getCaseExpr().getArg();
    if (!argument.hasAExpr() || argument.getAExpr().getNameCount() != 1
        || !"&".equals(argument.getAExpr().getName(0).getString().getSval())
        || !argument.getAExpr().getLexpr().hasAIndirection()
        || !isColumn(argument.getAExpr().getLexpr().getAIndirection().getArg(), "i_indoption")) {
      return false;
    }
    node.getCaseExprBuilder().setArg(Node.newBuilder().setAConst(A_Const.newBuilder().setIval(
        io.duckgres.engine.sql.parse.tree.PgQuery.Integer.newBuilder().setIval(0))));
    return true;
  }

  private static boolean isColumn(Node node, String name) {
    if (!node.hasColumnRef()) {
      return false;
    }
    List<Node> fields = node.getColumnRef().getFieldsList();
    Node last = fields.get(fields.size() - 1);
    return last.hasString() && last.getString().getSval().equals(name);
  }
}
