package io.duckgres.engine.numeric;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.PgException.Severity;
import io.duckgres.pgwire.SqlState;
import java.math.BigDecimal;

/**
 * PostgreSQL's {@code numeric} without precision, as the session stores it: DuckDB's
 * {@code DECIMAL(38,10)}, 28 digits before the decimal point and 10 after (see docs/numeric.md).
 * DuckDB silently rounds or truncates a value with more fractional digits when it stores one, so
 * every way a value enters such a column (statement constants, Bind parameters, COPY) checks it
 * here first and refuses what does not fit with 22003, rather than keep a changed number.
 */
public final class BareNumeric {
  public static final int PRECISION = 38;
  public static final int SCALE = 10;
  /** How DuckDB names the type in result and parameter metadata. */
  public static final String DUCKDB_TYPE = "DECIMAL(" + PRECISION + "," + SCALE + ")";

  private BareNumeric() {}

  /** True for a DuckDB type name that is the stored form of bare {@code numeric}. */
  public static boolean isStoredForm(String duckdbTypeName) {
    return DUCKDB_TYPE.equals(duckdbTypeName);
  }

  /** True when {@code value} is stored digit for digit. */
  public static boolean fits(BigDecimal value) {
    BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    int scale = Math.max(stripped.scale(), 0);
    int integerDigits = Math.max(stripped.precision() - stripped.scale(), 0);
    return scale <= SCALE && integerDigits <= PRECISION - SCALE;
  }

  /**
   * Checks a value about to be stored: a number (BigDecimal, or text that reads as one) that
   * does not fit fails with 22003; anything else is left to DuckDB's own conversion.
   */
  public static void check(Object value) {
    BigDecimal decimal = null;
    if (value instanceof BigDecimal) {
      decimal = (BigDecimal) value;
    } else if (value instanceof CharSequence) {
      decimal = parse(value.toString());
    }
    if (decimal != null && !fits(decimal)) {
      throw outOfRange(decimal.toPlainString());
    }
  }

  /** The number {@code text} holds (as PostgreSQL's numeric input reads it), or null. */
  public static BigDecimal parse(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty() || trimmed.length() > 1000) {
      return null;
    }
    char first = trimmed.charAt(0);
    if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
      return null;
    }
    try {
      return new BigDecimal(trimmed);
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  public static PgException outOfRange(String value) {
    return new PgException(Severity.ERROR, SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "numeric field overflow: " + abbreviate(value) + " does not fit numeric without precision",
        "duckgres stores numeric without precision as DuckDB's " + DUCKDB_TYPE + ": at most "
            + (PRECISION - SCALE) + " digits before the decimal point and " + SCALE + " after.",
        "Declare the column numeric(p, s) with p <= 38 to choose the digits.", 0, null);
  }

  private static String abbreviate(String value) {
    return value.length() <= 60 ? value : value.substring(0, 57) + "...";
  }
}
