package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Text output of float4 and float8 as PostgreSQL 12+ prints them with extra_float_digits &gt; 0
 * (the default): the shortest decimal that reads back to the same value (PostgreSQL uses Ryū),
 * in fixed notation when the decimal exponent is in [-4, 15) for float8 and [-4, 6) for float4,
 * otherwise as {@code d.ddde+XX} with at least two exponent digits; {@code NaN},
 * {@code Infinity}, {@code -Infinity}, {@code -0}.
 *
 * <p>The shortest digits come from Raffaello Giulietti's Schubfach algorithm ("The Schubfach way
 * to render doubles", 2020), the algorithm of {@code Double.toString} since JDK 19; the JDK 17 we
 * run on has the older FloatingDecimal, which sometimes prints more digits than needed. It is
 * implemented here from the paper, writing straight into the buffer, with two changes that make
 * it agree with PostgreSQL's Ryū: the rounding interval is open (see {@link #writeDecimal}), and
 * tiny subnormals are not scaled by ten first, which in the JDK enforces a two-digit minimum, so
 * they may print one digit ({@code 5e-324}, where Java prints {@code 4.9E-324}).
 * Checked against PostgreSQL 15 on 500,000 values.
 */
final class FloatText {
  private FloatText() {}

  private static final byte[] NAN = "NaN".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INFINITY = "Infinity".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEGATIVE_INFINITY = "-Infinity".getBytes(StandardCharsets.US_ASCII);

  private static final long MASK_63 = (1L << 63) - 1;
  private static final long MASK_32 = (1L << 32) - 1;

  // The range of k = floor(log10(2^q)) over all doubles.
  private static final int K_MIN = -324;
  private static final int K_MAX = 292;

  /**
   * For each k, 10^-k = beta * 2^r with 2^125 &lt;= beta &lt; 2^126 and g = floor(beta) + 1 split into
   * its high 63 bits (even index) and low 63 bits (odd index). Computed once, exactly.
   */
  private static final long[] G = new long[2 * (K_MAX - K_MIN + 1)];

  static {
    for (int k = K_MIN; k <= K_MAX; k++) {
      BigInteger floorBeta;
      if (k <= 0) {
        BigInteger p = BigInteger.TEN.pow(-k);
        int shift = p.bitLength() - 126;
        floorBeta = shift >= 0 ? p.shiftRight(shift) : p.shiftLeft(-shift);
      } else {
        BigInteger d = BigInteger.TEN.pow(k);
        floorBeta = BigInteger.ONE.shiftLeft(125 + d.bitLength()).divide(d);
      }
      BigInteger g = floorBeta.add(BigInteger.ONE);
      G[2 * (k - K_MIN)] = g.shiftRight(63).longValueExact();
      G[2 * (k - K_MIN) + 1] = g.longValue() & MASK_63;
    }
  }

  /** floor(log10(2^e)) for |e| &lt;= 5456721. */
  static int floorLog10Pow2(int e) {
    return (int) (e * 661_971_961_083L >> 41);
  }

  /** floor(log10(3/4 * 2^e)) for |e| &lt;= 5456721. */
  static int floorLog10ThreeQuartersPow2(int e) {
    return (int) (e * 661_971_961_083L + -274_743_187_321L >> 41);
  }

  /** floor(log2(10^e)) for |e| &lt;= 1838394. */
  static int floorLog2Pow10(int e) {
    return (int) (e * 913_124_641_741L >> 38);
  }

  /** Writes a float8 as float8out does. */
  static void writeDouble(ByteBuf out, double v) {
    long bits = Double.doubleToRawLongBits(v);
    long fraction = bits & ((1L << 52) - 1);
    int biasedExponent = (int) (bits >>> 52) & 0x7ff;
    if (biasedExponent == 0x7ff) {
      out.writeBytes(fraction != 0 ? NAN : bits > 0 ? INFINITY : NEGATIVE_INFINITY);
      return;
    }
    if (bits < 0) {
      out.writeByte('-');
    }
    if (biasedExponent != 0) {
      int minusQ = 1075 - biasedExponent;
      long c = (1L << 52) | fraction;
      if (0 < minusQ && minusQ < 53) {
        long integer = c >> minusQ;
        if (integer << minusQ == c) {
          write(out, integer, 0, 15);
          return;
        }
      }
      writeDecimal(out, -minusQ, c);
    } else if (fraction != 0) {
      writeDecimal(out, -1074, fraction);
    } else {
      out.writeByte('0');
    }
  }

  /**
   * Writes v = c * 2^q. The rounding interval is always open, as in PostgreSQL's Ryū, which is
   * built without STRICTLY_SHORTEST ("acceptBounds = false") because not every strtod rounds
   * half-to-even: 9.999999999999999e+22, not 1e+23, although 1e23 reads back the same.
   */
  private static void writeDecimal(ByteBuf out, int q, long c) {
    long cb = c << 2;
    long cbr = cb + 2;
    long cbl;
    int k;
    if (c != 1L << 52 || q == -1074) {
      cbl = cb - 2;
      k = floorLog10Pow2(q);
    } else {
      cbl = cb - 1; // the lower neighbour is closer at a power of two
      k = floorLog10ThreeQuartersPow2(q);
    }
    int h = q + floorLog2Pow10(-k) + 2;
    long g1 = G[2 * (k - K_MIN)];
    long g0 = G[2 * (k - K_MIN) + 1];
    long vb = roundToOdd(g1, g0, cb << h);
    long vbl = roundToOdd(g1, g0, cbl << h);
    long vbr = roundToOdd(g1, g0, cbr << h);
    long s = vb >> 2;
    long sp10 = s / 10 * 10;
    long tp10 = sp10 + 10;
    boolean upin = vbl < sp10 << 2;
    boolean wpin = (tp10 << 2) < vbr;
    if (upin != wpin) {
      write(out, upin ? sp10 : tp10, k, 15);
      return;
    }
    long t = s + 1;
    boolean uin = vbl < s << 2;
    boolean win = (t << 2) < vbr;
    write(out, uin != win ? (uin ? s : t) : closest(vb, s, t), k, 15);
  }

  /** Of the adjacent candidates s and s + 1, the one nearer to v = vb / 4 (ties to even). */
  private static long closest(long vb, long s, long t) {
    long cmp = vb - ((s + t) << 1);
    return cmp < 0 || (cmp == 0 && (s & 1) == 0) ? s : t;
  }

  private static long roundToOdd(long g1, long g0, long cp) {
    long x1 = Math.multiplyHigh(g0, cp);
    long y0 = g1 * cp;
    long y1 = Math.multiplyHigh(g1, cp);
    long z = (y0 >>> 1) + x1;
    long vbp = y1 + (z >>> 63);
    return vbp | (z & MASK_63) + MASK_63 >>> 63;
  }

  /** Writes a float4 as float4out does. */
  static void writeFloat(ByteBuf out, float v) {
    int bits = Float.floatToRawIntBits(v);
    int fraction = bits & ((1 << 23) - 1);
    int biasedExponent = (bits >>> 23) & 0xff;
    if (biasedExponent == 0xff) {
      out.writeBytes(fraction != 0 ? NAN : bits > 0 ? INFINITY : NEGATIVE_INFINITY);
      return;
    }
    if (bits < 0) {
      out.writeByte('-');
    }
    if (biasedExponent != 0) {
      int minusQ = 150 - biasedExponent;
      int c = (1 << 23) | fraction;
      if (0 < minusQ && minusQ < 24) {
        int integer = c >> minusQ;
        if (integer << minusQ == c) {
          write(out, integer, 0, 6);
          return;
        }
      }
      writeFloatDecimal(out, -minusQ, c);
    } else if (fraction != 0) {
      writeFloatDecimal(out, -149, fraction);
    } else {
      out.writeByte('0');
    }
  }

  private static void writeFloatDecimal(ByteBuf out, int q, int c) {
    long cb = (long) c << 2;
    long cbr = cb + 2;
    long cbl;
    int k;
    if (c != 1 << 23 || q == -149) {
      cbl = cb - 2;
      k = floorLog10Pow2(q);
    } else {
      cbl = cb - 1;
      k = floorLog10ThreeQuartersPow2(q);
    }
    int h = q + floorLog2Pow10(-k) + 33;
    long g = G[2 * (k - K_MIN)] + 1;
    long vb = roundToOdd(g, cb << h);
    long vbl = roundToOdd(g, cbl << h);
    long vbr = roundToOdd(g, cbr << h);
    long s = vb >> 2;
    long sp10 = s / 10 * 10;
    long tp10 = sp10 + 10;
    boolean upin = vbl < sp10 << 2;
    boolean wpin = (tp10 << 2) < vbr;
    if (upin != wpin) {
      write(out, upin ? sp10 : tp10, k, 6);
      return;
    }
    long t = s + 1;
    boolean uin = vbl < s << 2;
    boolean win = (t << 2) < vbr;
    write(out, uin != win ? (uin ? s : t) : closest(vb, s, t), k, 6);
  }

  private static long roundToOdd(long g, long cp) {
    long x1 = Math.multiplyHigh(g, cp);
    long vbp = x1 >>> 31;
    return vbp | (x1 & MASK_32) + MASK_32 >>> 32;
  }

  /**
   * Writes f * 10^e (f &gt; 0) as PostgreSQL's Ryū output does: fixed notation when the decimal
   * exponent is in [-4, fixedLimit), scientific otherwise.
   */
  private static void write(ByteBuf out, long f, int e, int fixedLimit) {
    while (f % 10 == 0) {
      f /= 10;
      e++;
    }
    int length = NumberText.digitCount(f);
    int exponent = e + length - 1;
    if (exponent >= -4 && exponent < fixedLimit) {
      if (e >= 0) {
        NumberText.writeDigits(out, f, length);
        for (int i = 0; i < e; i++) {
          out.writeByte('0');
        }
      } else if (exponent < 0) {
        out.writeByte('0');
        out.writeByte('.');
        for (int i = -1; i > exponent; i--) {
          out.writeByte('0');
        }
        NumberText.writeDigits(out, f, length);
      } else {
        long scale = NumberText.powerOfTen(-e);
        NumberText.writeDigits(out, f / scale, length + e);
        out.writeByte('.');
        NumberText.writeDigits(out, f % scale, -e);
      }
      return;
    }
    long scale = NumberText.powerOfTen(length - 1);
    NumberText.writeDigits(out, f / scale, 1);
    if (length > 1) {
      out.writeByte('.');
      NumberText.writeDigits(out, f % scale, length - 1);
    }
    out.writeByte('e');
    out.writeByte(exponent < 0 ? '-' : '+');
    NumberText.writePadded(out, Math.abs(exponent), 2);
  }

  /**
   * Parses float input as float8in / float4in do: surrounding whitespace; NaN, Infinity, inf with
   * an optional sign, case-insensitively; otherwise a decimal with optional exponent. Overflow and
   * underflow to zero are out of range; subnormal results are accepted.
   */
  static double parse(String input, boolean real) {
    String typeDisplayName = real ? "real" : "double precision";
    String s = TextCodec.trim(input);
    switch (s.toLowerCase(Locale.ROOT)) {
      case "nan":
        return Double.NaN;
      case "infinity":
      case "+infinity":
      case "inf":
      case "+inf":
        return Double.POSITIVE_INFINITY;
      case "-infinity":
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    int significantDigits = checkDecimalSyntax(s);
    if (significantDigits < 0) {
      throw TypeErrors.invalidText(typeDisplayName, input);
    }
    double value = real ? Float.parseFloat(s) : Double.parseDouble(s);
    if (Double.isInfinite(value) || (value == 0 && significantDigits > 0)) {
      throw TypeErrors.floatOutOfRange(typeDisplayName, input);
    }
    return value;
  }

  /**
   * Checks {@code [+-]digits[.digits][(e|E)[+-]digits]} with at least one mantissa digit, which is
   * what strtod takes apart from hex and the special words. Returns the number of non-zero
   * mantissa digits, or -1 when the syntax is wrong.
   */
  static int checkDecimalSyntax(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    int nonZero = 0;
    boolean point = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        if (c != '0') {
          nonZero++;
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return -1;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return -1;
      }
    }
    return i == n ? nonZero : -1;
  }
}
