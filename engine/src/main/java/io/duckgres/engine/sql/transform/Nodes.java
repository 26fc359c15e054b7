package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeCast;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeName;

/** Small builders and tests of parse-tree nodes shared by the transforms. */
final class Nodes {
  private Nodes() {}

  /** A call of {@code function} (an unqualified name) with {@code arguments}. */
  static Node call(String function, Node... arguments) {
    FuncCall.Builder call = FuncCall.newBuilder().addFuncname(name(function));
    for (Node argument : arguments) {
      call.addArgs(argument);
    }
    return Node.newBuilder().setFuncCall(call).build();
  }

  static Node name(String name) {
    return Node.newBuilder().setString(
        io.duckgres.engine.sql.parse.tree.PgQuery.String.newBuilder().setSval(name)).build();
  }

  static Node string(String value) {
    return Node.newBuilder().setAConst(A_Const.newBuilder().setSval(
        io.duckgres.engine.sql.parse.tree.PgQuery.String.newBuilder().setSval(value))).build();
  }

  /** {@code CAST(value AS type)} with a type of one name ({@code timestamptz}, {@code varchar}). */
  static Node cast(Node value, String type) {
    return Node.newBuilder().setTypeCast(TypeCast.newBuilder().setArg(value).setTypeName(
        TypeName.newBuilder().addNames(name(type)).setTypemod(-1))).build();
  }

  /** The last part of a call's name ({@code pg_catalog.extract} → extract), or null. */
  static String functionName(Node node) {
    if (!node.hasFuncCall() || node.getFuncCall().getFuncnameCount() == 0) {
      return null;
    }
    FuncCall call = node.getFuncCall();
    Node last = call.getFuncname(call.getFuncnameCount() - 1);
    return last.hasString() ? last.getString().getSval() : null;
  }

  /** The type a cast names, last part of the name ({@code pg_catalog.date} → date), or null. */
  static String castType(Node node) {
    if (!node.hasTypeCast()) {
      return null;
    }
    TypeName type = node.getTypeCast().getTypeName();
    if (type.getArrayBoundsCount() > 0 || type.getNamesCount() == 0) {
      return null;
    }
    return type.getNames(type.getNamesCount() - 1).getString().getSval();
  }

  /** The text of a string constant, or null. */
  static String stringConstant(Node node) {
    return node.hasAConst() && node.getAConst().hasSval()
        ? node.getAConst().getSval().getSval() : null;
  }
}
