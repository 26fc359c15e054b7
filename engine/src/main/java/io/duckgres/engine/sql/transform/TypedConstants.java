package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.Locations;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.Float;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeCast;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.PgException.Severity;
import io.duckgres.pgwire.SqlState;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Constants whose type PostgreSQL reads differently from DuckDB:
 *
 * <ul>
 *   <li>{@code '1.5'::integer} (any integer type): PostgreSQL's integer input takes no fraction
 *       and fails with 22P02; DuckDB would round to 2.
 *   <li>{@code '1e400'::float8}, {@code '1e-400'::float8}: out of range for a double, 22003 in
 *       PostgreSQL; DuckDB would read Infinity or 0.
 *   <li>{@code 1e3}, {@code 1.5e-3}: a numeric constant in PostgreSQL (1000, 0.0015), a double in
 *       DuckDB (1000.0): written out as the plain decimal, when it has at most 38 digits.
 * </ul>
 */
public final class TypedConstants implements TreeTransform {
  private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8");
  private static final Set<String> FLOATS = Set.of("float4", "float8");
  private static final Pattern DECIMAL_NUMBER =
      Pattern.compile("\\s*[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+(\\.\\d*)?[eE][+-]?\\d+)\\s*");

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (node.hasTypeCast()) {
      checkCast(node.getTypeCast(), sql);
      return false;
    }
    if (node.hasAConst() && node.getAConst().hasFval()) {
      String text = node.getAConst().getFval().getFval();
      if (text.indexOf('e') < 0 && text.indexOf('E') < 0) {
        return false;
      }
      BigDecimal value = new BigDecimal(text);
      BigDecimal plain = value.scale() < 0 ? value.setScale(0) : value;
      if (plain.precision() > NumericTypes.MAX_PRECISION) {
        return false;
      }
      node.setAConst(A_Const.newBuilder(node.getAConst())
          .setFval(Float.newBuilder().setFval(plain.toPlainString())));
      return true;
    }
    return false;
  }

  private static void checkCast(TypeCast cast, String sql) {
    Node arg = cast.getArg();
    if (!arg.hasAConst() || !arg.getAConst().hasSval()
        || cast.getTypeName().getArrayBoundsCount() > 0 || cast.getTypeName().getNamesCount() == 0) {
      return;
    }
    String type = cast.getTypeName().getNames(cast.getTypeName().getNamesCount() - 1)
        .getString().getSval();
    String text = arg.getAConst().getSval().getSval();
    int position = Locations.position(sql, arg.getAConst().getLocation());
    if (INTEGERS.contains(type) && DECIMAL_NUMBER.matcher(text).matches()) {
      throw new PgException(Severity.ERROR, SqlState.INVALID_TEXT_REPRESENTATION,
          "invalid input syntax for type " + (type.equals("int2") ? "smallint"
              : type.equals("int8") ? "bigint" : "integer") + ": \"" + text + "\"",
          null, null, position, null);
    }
    if (FLOATS.contains(type) && DECIMAL_NUMBER.matcher(text).matches()) {
      BigDecimal exact = new BigDecimal(text.strip());
      double value = type.equals("float4") ? exact.floatValue() : exact.doubleValue();
      if (Double.isInfinite(value) || (value == 0 && exact.signum() != 0)) {
        throw new PgException(Severity.ERROR, SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
            "\"" + text + "\" is out of range for type "
                + (type.equals("float4") ? "real" : "double precision"),
            null, null, position, null);
      }
    }
  }
}
