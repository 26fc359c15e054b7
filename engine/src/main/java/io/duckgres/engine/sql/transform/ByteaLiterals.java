package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeCastOrBuilder;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeNameOrBuilder;

/**
 * {@code '\x0102ff'::bytea} is PostgreSQL's hex bytea literal (what drivers inline for byte
 * arrays); DuckDB's cast to BLOB reads {@code '\x01…'} as escaped bytes one by one, so the same
 * text means other bytes. The cast becomes {@code from_hex('0102ff')}. A value that is not all hex
 * digits is left to DuckDB's cast.
 */
public final class ByteaLiterals implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasTypeCast()) {
      return false;
    }
    TypeCastOrBuilder cast = node.getTypeCastOrBuilder();
    TypeNameOrBuilder type = cast.getTypeNameOrBuilder();
    int names = type.getNamesCount();
    if (names == 0 || type.getArrayBoundsCount() > 0
        || !"bytea".equals(type.getNames(names - 1).getString().getSval())) {
      return false;
    }
    String value = Nodes.stringConstant(cast.getArg());
    if (value == null || !value.startsWith("\\x")) {
      return false;
    }
    String hex = value.substring(2);
    for (int i = 0; i < hex.length(); i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        return false;
      }
    }
    node.clear().mergeFrom(Nodes.call("from_hex", Nodes.string(hex)));
    return true;
  }
}
