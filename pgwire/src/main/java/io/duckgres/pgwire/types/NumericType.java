package io.duckgres.pgwire.types;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * {@code numeric}: arbitrary-precision decimal. The Java value is a {@link BigDecimal}; the
 * special values NaN, Infinity and -Infinity, which BigDecimal cannot hold, are the
 * {@link Double} constants {@link #NAN}, {@link #POSITIVE_INFINITY} and {@link #NEGATIVE_INFINITY}.
 * Writers also take any other {@link Number} (integers exactly, finite doubles by their shortest
 * decimal).
 *
 * <p>Text is the plain decimal keeping the scale ({@code 1.50}). Binary (numeric_send):
 *
 * <pre>
 * int16 ndigits | int16 weight | uint16 sign | uint16 dscale | int16 digit[ndigits]
 * </pre>
 *
 * where the digits are base 10000, most significant first, leading and trailing zero digits
 * stripped; weight is the power of 10000 of the first digit; sign is 0x0000 positive, 0x4000
 * negative, 0xC000 NaN, 0xD000 Infinity, 0xF000 -Infinity; dscale is the number of decimal
 * digits after the point.
 */
public final class NumericType extends PgType<Number> {
  public static final NumericType INSTANCE = new NumericType();

  public static final Double NAN = Double.NaN;
  public static final Double POSITIVE_INFINITY = Double.POSITIVE_INFINITY;
  public static final Double NEGATIVE_INFINITY = Double.NEGATIVE_INFINITY;

  private static final int SIGN_POSITIVE = 0x0000;
  private static final int SIGN_NEGATIVE = 0x4000;
  private static final int SIGN_NAN = 0xC000;
  private static final int SIGN_POSITIVE_INFINITY = 0xD000;
  private static final int SIGN_NEGATIVE_INFINITY = 0xF000;
  /**
   * The dscale numeric_send reports for ±Infinity: PostgreSQL reads it out of the short header
   * 0xD000 / 0xF000, giving 0x20. Sent the same for byte-for-byte fidelity; receivers ignore it.
   */
  private static final int INFINITY_DSCALE = 0x20;

  private static final int MAX_DSCALE = 0x3FFF;
  private static final int MAX_WEIGHT = Short.MAX_VALUE;
  private static final int MAX_BINARY_DIGITS = 1000 + 2000; // NUMERIC_MAX_PRECISION + RESULT_SCALE
  private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10000);

  private NumericType() {
    super(PgTypes.NUMERIC_OID, "numeric", -1, PgTypes.NUMERIC_ARRAY_OID, Number.class);
  }

  /** atttypmod of {@code numeric(precision, scale)}: ((precision &lt;&lt; 16) | scale) + VARHDRSZ. */
  public static int typeModifier(int precision, int scale) {
    return ((precision << 16) | scale) + 4;
  }

  @Override
  public void writeText(Number value, ByteBuf out, FormatOptions options) {
    BigDecimal decimal = decimalOrNull(value);
    if (decimal != null) {
      TextCodec.writeAscii(out, decimal.toPlainString());
    } else {
      double special = value.doubleValue();
      TextCodec.writeAscii(
          out, Double.isNaN(special) ? "NaN" : special > 0 ? "Infinity" : "-Infinity");
    }
  }

  @Override
  public void writeBinary(Number value, ByteBuf out) {
    BigDecimal decimal = decimalOrNull(value);
    if (decimal == null) {
      double special = value.doubleValue();
      boolean nan = Double.isNaN(special);
      out.writeShort(0);
      out.writeShort(0);
      out.writeShort(
          nan ? SIGN_NAN : special > 0 ? SIGN_POSITIVE_INFINITY : SIGN_NEGATIVE_INFINITY);
      out.writeShort(nan ? 0 : INFINITY_DSCALE);
      return;
    }
    int scale = decimal.scale();
    int dscale = Math.max(scale, 0);
    if (decimal.signum() == 0) {
      out.writeShort(0);
      out.writeShort(0);
      out.writeShort(SIGN_POSITIVE);
      out.writeShort(Math.min(dscale, MAX_DSCALE));
      return;
    }
    // Scale the unscaled value by 10^pad so that its last digit group ends at a multiple of four
    // decimal places; then each base-10000 digit is four decimal digits.
    int pad = Math.floorMod(-scale, 4);
    int lowestWeight = -((scale + pad) / 4);
    int[] digits = base10000Digits(decimal.unscaledValue().abs(), pad);
    int first = 0; // most significant; base10000Digits never returns leading zeros
    int last = digits.length - 1;
    while (digits[last] == 0) {
      last--;
      lowestWeight++;
    }
    int ndigits = last - first + 1;
    int weight = lowestWeight + ndigits - 1;
    if (weight > MAX_WEIGHT || weight < Short.MIN_VALUE || dscale > MAX_DSCALE) {
      throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }
    out.writeShort(ndigits);
    out.writeShort(weight);
    out.writeShort(decimal.signum() < 0 ? SIGN_NEGATIVE : SIGN_POSITIVE);
    out.writeShort(dscale);
    for (int i = first; i <= last; i++) {
      out.writeShort(digits[i]);
    }
  }

  /** Base-10000 digits of magnitude * 10^pad, most significant first. */
  private static int[] base10000Digits(BigInteger magnitude, int pad) {
    if (magnitude.bitLength() < 50) {
      long value = magnitude.longValue();
      for (int i = 0; i < pad; i++) {
        value *= 10;
      }
      int count = (NumberText.digitCount(value) + 3) / 4;
      int[] digits = new int[count];
      for (int i = count - 1; i >= 0; i--) {
        digits[i] = (int) (value % 10000);
        value /= 10000;
      }
      return digits;
    }
    String text = magnitude.toString() + "000".substring(0, pad);
    int count = (text.length() + 3) / 4;
    int[] digits = new int[count];
    int end = text.length();
    for (int i = count - 1; i >= 0; i--) {
      int start = Math.max(0, end - 4);
      int digit = 0;
      for (int j = start; j < end; j++) {
        digit = digit * 10 + (text.charAt(j) - '0');
      }
      digits[i] = digit;
      end = start;
    }
    return digits;
  }

  @Override
  public Number readText(ByteBuf in, int length, FormatOptions options) {
    String input = TextCodec.readString(in, length);
    String s = TextCodec.trim(input);
    switch (s.toLowerCase(Locale.ROOT)) {
      case "nan":
        return NAN;
      case "infinity":
      case "+infinity":
      case "inf":
      case "+inf":
        return POSITIVE_INFINITY;
      case "-infinity":
      case "-inf":
        return NEGATIVE_INFINITY;
      default:
        break;
    }
    if (FloatText.checkDecimalSyntax(s) < 0) {
      throw TypeErrors.invalidText("numeric", input);
    }
    BigDecimal value;
    try {
      value = new BigDecimal(s);
    } catch (NumberFormatException e) { // an exponent beyond int range
      throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }
    if (value.scale() > MAX_DSCALE || (long) value.precision() - value.scale() > 131072) {
      throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }
    return value.scale() < 0 ? value.setScale(0) : value;
  }

  @Override
  public Number readBinary(ByteBuf in, int length) {
    if (length < 8) {
      throw TypeErrors.binaryFormat();
    }
    int ndigits = in.readUnsignedShort();
    int weight = in.readShort();
    int sign = in.readUnsignedShort();
    int dscale = in.readUnsignedShort();
    if (ndigits > MAX_BINARY_DIGITS) {
      throw TypeErrors.binaryFormat("invalid length in external \"numeric\" value");
    }
    if (length != 8 + 2 * ndigits) {
      throw TypeErrors.binaryFormat();
    }
    if (sign != SIGN_POSITIVE && sign != SIGN_NEGATIVE && sign != SIGN_NAN
        && sign != SIGN_POSITIVE_INFINITY && sign != SIGN_NEGATIVE_INFINITY) {
      throw TypeErrors.binaryFormat("invalid sign in external \"numeric\" value");
    }
    if ((dscale & MAX_DSCALE) != dscale) {
      throw TypeErrors.binaryFormat("invalid scale in external \"numeric\" value");
    }
    long small = 0;
    BigInteger big = null;
    for (int i = 0; i < ndigits; i++) {
      int digit = in.readShort();
      if (digit < 0 || digit >= 10000) {
        throw TypeErrors.binaryFormat("invalid digit in external \"numeric\" value");
      }
      if (big == null && small < Long.MAX_VALUE / 10000 - 1) {
        small = small * 10000 + digit;
      } else {
        big = (big == null ? BigInteger.valueOf(small) : big).multiply(TEN_THOUSAND)
            .add(BigInteger.valueOf(digit));
      }
    }
    switch (sign) {
      case SIGN_NAN:
        return NAN;
      case SIGN_POSITIVE_INFINITY:
        return POSITIVE_INFINITY;
      case SIGN_NEGATIVE_INFINITY:
        return NEGATIVE_INFINITY;
      default:
        break;
    }
    int scale = -4 * (weight - ndigits + 1);
    BigDecimal value =
        big == null ? BigDecimal.valueOf(small, scale) : new BigDecimal(big, scale);
    // numeric_recv truncates digits the dscale hides rather than rejecting them.
    value = value.setScale(dscale, RoundingMode.DOWN);
    return sign == SIGN_NEGATIVE ? value.negate() : value;
  }

  /** Normalises an engine value to BigDecimal, or to one of the Double special values. */
  @Override
  public Number cast(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Number n) {
      BigDecimal decimal = decimalOrNull(n);
      return decimal != null ? decimal : n.doubleValue();
    }
    throw cannotCast(value);
  }

  /** The value as BigDecimal, or null for NaN and the infinities. */
  private static BigDecimal decimalOrNull(Number value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      return BigDecimal.valueOf(value.longValue());
    }
    if (value instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    double d = value.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return null;
    }
    return value instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(d);
  }
}
