package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.Locations;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeCastOrBuilder;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeNameOrBuilder;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.PgException.Severity;
import io.duckgres.pgwire.SqlState;

/**
 * {@code '\x0102ff'::bytea} is PostgreSQL's hex bytea literal (what drivers inline for byte
 * arrays); DuckDB's cast to BLOB reads {@code '\x01…'} as escaped bytes one by one, so the same
 * text means other bytes. The cast becomes {@code from_hex('0102ff')}. As in PostgreSQL's input
 * (documentation section 8.4.1, "bytea Hex Format"), whitespace between digit pairs is ignored,
 * and a digit that is not hex or an odd number of digits fails with 22023 — DuckDB's
 * {@code from_hex} would read {@code '123'} as two bytes instead. A value in the escape format
 * ({@code 'abc'}, {@code '\001'}) is left to DuckDB's cast, which reads it the same way.
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
    int position = Locations.position(sql, cast.getArg().getAConst().getLocation());
    node.clear().mergeFrom(Nodes.call("from_hex", Nodes.string(digits(value, position))));
    return true;
  }

  /** The hex digits of {@code value} (after {@code \x}), without the whitespace between pairs. */
  private static String digits(String value, int position) {
    StringBuilder digits = new StringBuilder(value.length() - 2);
    for (int i = 2; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (digits.length() % 2 != 0) {
          throw invalid("invalid hexadecimal digit: \"" + c + "\"", position);
        }
        continue;
      }
      if (Character.digit(c, 16) < 0 || c > 'f') {
        throw invalid("invalid hexadecimal digit: \""
            + new String(Character.toChars(value.codePointAt(i))) + "\"", position);
      }
      digits.append(c);
    }
    if (digits.length() % 2 != 0) {
      throw invalid("invalid hexadecimal data: odd number of digits", position);
    }
    return digits.toString();
  }

  private static PgException invalid(String message, int position) {
    return new PgException(Severity.ERROR, SqlState.INVALID_PARAMETER_VALUE, message, null, null,
        position, null);
  }
}
