package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_ArrayExpr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeCast;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeName;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.types.PgArrayType;
import io.duckgres.pgwire.types.TextType;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code '{1,2,NULL}'::int[]} is PostgreSQL's array literal (what drivers inline for arrays);
 * DuckDB's cast from text to a list reads {@code [1, 2, NULL]} and refuses the braces. The
 * literal's elements, read as PostgreSQL's array input reads them (quotes, backslashes, NULL,
 * nested braces), become an array constructor of string constants that keeps the cast:
 * {@code ARRAY['1', '2', NULL]::int[]}; DuckDB casts element by element. A literal PostgreSQL's
 * array input would refuse is left as written, and DuckDB refuses it too.
 */
public final class ArrayLiterals implements TreeTransform {
  private static final PgArrayType TEXT_ARRAY = new PgArrayType(TextType.TEXT);

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasTypeCast() || node.getTypeCast().getTypeName().getArrayBoundsCount() == 0) {
      return false;
    }
    String text = Nodes.stringConstant(node.getTypeCast().getArg());
    Node elements = text == null ? null : constructor(text);
    if (elements == null) {
      return false;
    }
    node.getTypeCastBuilder().setArg(elements);
    return true;
  }

  /** {@code ARRAY[…]::type} for the array literal {@code text}, or null when it is not one. */
  static Node cast(String text, TypeName type) {
    Node elements = constructor(text);
    return elements == null ? null : Node.newBuilder()
        .setTypeCast(TypeCast.newBuilder().setArg(elements).setTypeName(type).setLocation(-1))
        .build();
  }

  /** The array constructor of string constants that {@code text} spells, or null. */
  private static Node constructor(String text) {
    if (!text.startsWith("{")) {
      return null;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<?> items;
    try {
      items = TEXT_ARRAY.readText(Unpooled.wrappedBuffer(bytes), bytes.length);
    } catch (PgException malformed) {
      return null;
    }
    return array(items);
  }

  private static Node array(List<?> items) {
    A_ArrayExpr.Builder array = A_ArrayExpr.newBuilder().setLocation(-1);
    for (Object item : items) {
      if (item instanceof List<?> inner) {
        array.addElements(array(inner));
      } else if (item == null) {
        array.addElements(Node.newBuilder().setAConst(A_Const.newBuilder().setIsnull(true)));
      } else {
        array.addElements(Nodes.string(item.toString()));
      }
    }
    return Node.newBuilder().setAArrayExpr(array).build();
  }
}
