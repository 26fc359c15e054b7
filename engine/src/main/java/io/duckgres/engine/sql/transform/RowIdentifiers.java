package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.ColumnRef;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.List;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.String;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeCast;

/**
 * The {@code ctid} system column, which clients use to address the rows they read (DuckDB's
 * postgres extension reads {@code ctid} with the rows it will update or delete, then sends
 * {@code DELETE … WHERE ctid IN ('(0,1)', …)} or {@code … WHERE t.ctid = x::TID}). DuckDB's
 * {@code rowid} identifies a row the same way for the life of a statement: {@code ctid} reads
 * as {@code duckgres_ctid(rowid)}, a value the server sends as tid ({@code (block,item)}, with
 * rowid = block &lt;&lt; 16 | item); a cast to tid, and a string constant compared with ctid,
 * read the text form back ({@code duckgres_tid}).
 */
public final class RowIdentifiers implements TreeTransform {
  private static final java.lang.String CTID = "duckgres_ctid";
  private static final java.lang.String TID = "duckgres_tid";

  @Override
  public boolean apply(Node.Builder node, java.lang.String sql) {
    switch (node.getNodeCase()) {
      case COLUMN_REF: {
        ColumnRef column = node.getColumnRef();
        int last = column.getFieldsCount() - 1;
        if (last < 0 || last > 1 || !column.getFields(last).hasString()
            || !column.getFields(last).getString().getSval().equals("ctid")) {
          return false;
        }
        ColumnRef.Builder rowid = column.toBuilder().setFields(last,
            Node.newBuilder().setString(String.newBuilder().setSval("rowid")));
        node.setFuncCall(call(CTID, Node.newBuilder().setColumnRef(rowid).build(),
            column.getLocation()));
        return true;
      }
      case TYPE_CAST: {
        TypeCast cast = node.getTypeCast();
        var names = cast.getTypeName().getNamesList();
        Node type = names.isEmpty() ? null : names.get(names.size() - 1);
        if (type == null || !type.hasString() || !type.getString().getSval().equals("tid")
            || cast.getTypeName().getArrayBoundsCount() > 0) {
          return false;
        }
        node.setFuncCall(call(TID, cast.getArg(), cast.getLocation()));
        return true;
      }
      case A_EXPR:
        return constantsComparedWithCtid(node.getAExprBuilder());
      default:
        return false;
    }
  }

  /** {@code ctid = '(0,1)'}, {@code ctid IN ('(0,1)', …)}: the constants read as tids. */
  private static boolean constantsComparedWithCtid(A_Expr.Builder expression) {
    if (isCtid(expression.getLexpr()) && expression.hasRexpr()) {
      Node converted = tids(expression.getRexpr());
      if (converted != null) {
        expression.setRexpr(converted);
        return true;
      }
    } else if (isCtid(expression.getRexpr()) && expression.hasLexpr()) {
      Node converted = tids(expression.getLexpr());
      if (converted != null) {
        expression.setLexpr(converted);
        return true;
      }
    }
    return false;
  }

  private static Node tids(Node operand) {
    if (isString(operand)) {
      return Node.newBuilder().setFuncCall(call(TID, operand, -1)).build();
    }
    if (operand.hasList() && operand.getList().getItemsList().stream()
        .allMatch(RowIdentifiers::isString)) {
      List.Builder list = List.newBuilder();
      for (Node item : operand.getList().getItemsList()) {
        list.addItems(Node.newBuilder().setFuncCall(call(TID, item, -1)));
      }
      return Node.newBuilder().setList(list).build();
    }
    return null;
  }

  private static boolean isString(Node node) {
    return node.hasAConst() && node.getAConst().hasSval();
  }

  private static boolean isCtid(Node node) {
    return node.hasFuncCall() && node.getFuncCall().getFuncnameCount() == 1
        && node.getFuncCall().getFuncname(0).getString().getSval().equals(CTID);
  }

  private static FuncCall.Builder call(java.lang.String function, Node argument, int location) {
    return FuncCall.newBuilder()
        .addFuncname(Node.newBuilder().setString(String.newBuilder().setSval(function)))
        .addArgs(argument)
        .setLocation(location);
  }
}
