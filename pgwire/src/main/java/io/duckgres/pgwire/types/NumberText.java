package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Integer text output and input working directly on buffers: output of every integer cell in a
 * result goes through here, so it writes digits into the buffer without creating a String.
 */
final class NumberText {
  private NumberText() {}

  private static final byte[] LONG_MIN = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    long p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  /** 10^n for n in [0, 18]. */
  static long powerOfTen(int n) {
    return POWERS_OF_TEN[n];
  }

  /** Number of decimal digits of a non-negative value (1 for 0). */
  static int digitCount(long value) {
    int n = 1;
    while (n < 19 && value >= POWERS_OF_TEN[n]) {
      n++;
    }
    return n;
  }

  /** Writes a signed decimal, as int8out does. */
  static void writeLong(ByteBuf out, long value) {
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        out.writeBytes(LONG_MIN);
        return;
      }
      out.writeByte('-');
      value = -value;
    }
    writeDigits(out, value, digitCount(value));
  }

  /** Writes a non-negative value left-padded with zeros to at least {@code width} digits. */
  static void writePadded(ByteBuf out, long value, int width) {
    writeDigits(out, value, Math.max(width, digitCount(value)));
  }

  /** ASCII digit pairs "00" … "99" as big-endian shorts, to write two digits per division. */
  private static final short[] DIGIT_PAIRS = new short[100];

  static {
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[i] = (short) ((('0' + i / 10) << 8) | ('0' + i % 10));
    }
  }

  /** Writes exactly {@code count} low-order digits of a non-negative value. */
  static void writeDigits(ByteBuf out, long value, int count) {
    out.ensureWritable(count);
    int start = out.writerIndex();
    int pos = start + count;
    while (pos - start >= 2) {
      long quotient = value / 100;
      pos -= 2;
      out.setShort(pos, DIGIT_PAIRS[(int) (value - quotient * 100)]);
      value = quotient;
    }
    if (pos > start) {
      out.setByte(start, (int) ('0' + value % 10));
    }
    out.writerIndex(start + count);
  }

  /**
   * Parses a signed integer the way pg_strtoint16/32/64 do in PostgreSQL 15: optional leading and
   * trailing whitespace, an optional sign, and at least one decimal digit.
   */
  static long parseLong(ByteBuf in, int length, long min, long max, String typeDisplayName) {
    int start = in.readerIndex();
    int end = start + length;
    int i = start;
    while (i < end && TextCodec.isSpace(in.getByte(i))) {
      i++;
    }
    boolean negative = false;
    if (i < end && (in.getByte(i) == '-' || in.getByte(i) == '+')) {
      negative = in.getByte(i) == '-';
      i++;
    }
    int firstDigit = i;
    long accumulator = 0; // negative, so that the minimum value fits
    boolean overflow = false;
    while (i < end) {
      int c = in.getByte(i);
      if (c < '0' || c > '9') {
        break;
      }
      int digit = c - '0';
      if (accumulator < (Long.MIN_VALUE + digit) / 10) {
        overflow = true;
      } else {
        accumulator = accumulator * 10 - digit;
      }
      i++;
    }
    boolean noDigits = i == firstDigit;
    while (i < end && TextCodec.isSpace(in.getByte(i))) {
      i++;
    }
    if (noDigits || i != end) {
      throw TypeErrors.invalidText(typeDisplayName, TypeErrors.inputText(in, start, length));
    }
    long value = negative ? accumulator : -accumulator;
    if (overflow || (!negative && accumulator == Long.MIN_VALUE) || value < min || value > max) {
      throw TypeErrors.valueOutOfRange(typeDisplayName, TypeErrors.inputText(in, start, length));
    }
    in.readerIndex(end);
    return value;
  }

  /** True for the integral Number classes the engine may hand over. */
  static boolean isIntegral(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || (value instanceof BigDecimal d && (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0));
  }

  /** The exact value of an integral Number, checked against a target type's range. */
  static long integralValue(Number value, long min, long max, String typeDisplayName) {
    long v;
    try {
      if (value instanceof BigInteger b) {
        v = b.longValueExact();
      } else if (value instanceof BigDecimal d) {
        v = d.longValueExact();
      } else {
        v = value.longValue();
      }
    } catch (ArithmeticException e) {
      throw TypeErrors.valueOutOfRange(typeDisplayName, value.toString());
    }
    if (v < min || v > max) {
      throw TypeErrors.valueOutOfRange(typeDisplayName, value.toString());
    }
    return v;
  }
}
