package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.Locations;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.Integer;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeName;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.PgException.Severity;
import io.duckgres.pgwire.SqlState;
import java.math.BigDecimal;

/**
 * PostgreSQL's {@code numeric} on DuckDB's {@code DECIMAL}, which holds at most 38 digits and
 * whose bare {@code DECIMAL} is {@code DECIMAL(18,3)} (it would round 1.23456789 to 1.235). A
 * number a client writes is kept digit for digit or refused, never rounded:
 *
 * <ul>
 *   <li>{@code numeric} without precision, as a column type or a cast of an expression, is
 *       {@code DECIMAL(38,10)} ({@link #BARE_PRECISION}, {@link #BARE_SCALE}): 28 digits before
 *       the point and 10 after. Values that do not fit are refused with 22003 where they enter
 *       ({@code io.duckgres.engine.NumericGuard}). Scale 10 leaves room for products: DuckDB adds
 *       the scales of a product, so {@code DECIMAL(38,18)} squared would overflow at 100.
 *   <li>A cast of a constant to bare {@code numeric} ({@code 1.2345::numeric},
 *       {@code '0.000123'::numeric}) is a cast to the constant's own precision and scale, so
 *       {@code round(1.2345::numeric, 2)} is 1.23 as in PostgreSQL.
 *   <li>{@code numeric(p,s)} with p &gt; 38, and numeric constants of more than 38 digits (which
 *       DuckDB would read as a double), fail with 22003 naming the limit.
 * </ul>
 */
public final class NumericTypes implements TreeTransform {
  public static final int MAX_PRECISION = 38;
  public static final int BARE_PRECISION = 38;
  public static final int BARE_SCALE = 10;

  @Override
  public boolean apply(Node.Builder node, String sql) {
    switch (node.getNodeCase()) {
      case TYPE_CAST: {
        TypeName.Builder type = node.getTypeCastBuilder().getTypeNameBuilder();
        if (!isNumeric(type)) {
          return false;
        }
        checkPrecision(type, sql);
        if (type.getTypmodsCount() > 0) {
          return false;
        }
        BigDecimal constant = type.getArrayBoundsCount() == 0
            ? constant(node.getTypeCastBuilder().getArg()) : null;
        if (constant != null) {
          int scale = Math.max(constant.scale(), 0);
          int precision = Math.max(constant.precision() - constant.scale(), 0) + scale;
          if (precision > MAX_PRECISION) {
            throw tooManyDigits(constant.toPlainString(), sql, type.getLocation());
          }
          setTypmods(type, Math.max(precision, 1), scale);
        } else {
          setTypmods(type, BARE_PRECISION, BARE_SCALE);
        }
        return true;
      }
      case COLUMN_DEF: {
        if (!node.getColumnDef().hasTypeName()) {
          return false;
        }
        TypeName.Builder type = node.getColumnDefBuilder().getTypeNameBuilder();
        if (!isNumeric(type)) {
          return false;
        }
        checkPrecision(type, sql);
        if (type.getTypmodsCount() > 0) {
          return false;
        }
        setTypmods(type, BARE_PRECISION, BARE_SCALE);
        return true;
      }
      case A_CONST: {
        A_Const constant = node.getAConst();
        if (constant.hasFval()) {
          String text = constant.getFval().getFval();
          if (text.indexOf('e') < 0 && text.indexOf('E') < 0
              && new BigDecimal(text).precision() > MAX_PRECISION) {
            throw tooManyDigits(text, sql, constant.getLocation());
          }
        }
        return false;
      }
      default:
        return false;
    }
  }

  /** {@code numeric} or {@code decimal} (both read as pg_catalog.numeric), any array of it. */
  static boolean isNumeric(TypeName.Builder type) {
    int count = type.getNamesCount();
    return count > 0 && type.getNames(count - 1).hasString()
        && type.getNames(count - 1).getString().getSval().equals("numeric")
        && (count == 1 || type.getNames(0).getString().getSval().equals("pg_catalog"));
  }

  private static void checkPrecision(TypeName.Builder type, String sql) {
    if (type.getTypmodsCount() == 0) {
      return;
    }
    Node first = type.getTypmods(0);
    if (first.hasAConst() && first.getAConst().hasIval()
        && first.getAConst().getIval().getIval() > MAX_PRECISION) {
      throw new PgException(Severity.ERROR, SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          "numeric precision " + first.getAConst().getIval().getIval()
              + " exceeds the limit of " + MAX_PRECISION + " digits",
          null, "DuckDB's DECIMAL holds at most 38 digits.",
          Locations.position(sql, type.getLocation()), null);
    }
  }

  private static PgException tooManyDigits(String value, String sql, int location) {
    return new PgException(Severity.ERROR, SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "numeric value " + value + " has more than " + MAX_PRECISION + " digits",
        null, "DuckDB's DECIMAL holds at most 38 digits.", Locations.position(sql, location),
        null);
  }

  /** The value of a numeric constant (integer, decimal, or a string holding a number), or null. */
  private static BigDecimal constant(Node arg) {
    if (!arg.hasAConst() || arg.getAConst().getIsnull()) {
      return null;
    }
    A_Const constant = arg.getAConst();
    try {
      if (constant.hasIval()) {
        return BigDecimal.valueOf(constant.getIval().getIval());
      }
      if (constant.hasFval()) {
        return plain(new BigDecimal(constant.getFval().getFval()));
      }
      if (constant.hasSval()) {
        return plain(new BigDecimal(constant.getSval().getSval().trim()));
      }
    } catch (NumberFormatException notANumber) {
      return null; // NaN, Infinity, or not a number: DuckDB's cast decides
    }
    return null;
  }

  /** 1e3 is 1000 (scale 0), as PostgreSQL's numeric input reads it. */
  private static BigDecimal plain(BigDecimal value) {
    return value.scale() < 0 ? value.setScale(0) : value;
  }

  private static void setTypmods(TypeName.Builder type, int precision, int scale) {
    type.clearTypmods()
        .addTypmods(integer(precision))
        .addTypmods(integer(scale));
  }

  private static Node integer(int value) {
    return Node.newBuilder()
        .setAConst(A_Const.newBuilder().setIval(Integer.newBuilder().setIval(value)))
        .build();
  }
}
