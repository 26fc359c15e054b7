package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * {@code interval}. Text output is IntervalStyle postgres (interval_out / EncodeInterval):
 * {@code 1 year 2 mons 3 days 04:05:06.789}, {@code -1 years -2 mons +3 days -04:05:06},
 * {@code -00:00:01}, {@code 00:00:00}; the time part appears when non-zero or when nothing else
 * does, and a field after a negative one gets an explicit {@code +}. Binary (interval_send):
 *
 * <pre>
 * int64 microseconds | int32 days | int32 months
 * </pre>
 *
 * Text input is parsed by {@link IntervalParser}.
 */
public final class IntervalType extends PgType<PgInterval> {
  public static final IntervalType INSTANCE = new IntervalType();

  private static final byte[] YEAR = " year".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MON = " mon".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DAY = " day".getBytes(StandardCharsets.US_ASCII);
  private static final long MICROS_PER_HOUR = 3_600_000_000L;
  private static final long MICROS_PER_MINUTE = 60_000_000L;

  private IntervalType() {
    super(PgTypes.INTERVAL_OID, "interval", 16, PgTypes.INTERVAL_ARRAY_OID, PgInterval.class);
  }

  @Override
  public void writeText(PgInterval value, ByteBuf out, FormatOptions options) {
    int start = out.writerIndex();
    // Java's / and % truncate toward zero like C's, so each field keeps the sign of its source.
    boolean before = false;
    before = writePart(out, start, value.months() / 12, YEAR, before);
    before = writePart(out, start, value.months() % 12, MON, before);
    before = writePart(out, start, value.days(), DAY, before);
    long time = value.microseconds();
    boolean empty = out.writerIndex() == start;
    if (empty || time != 0) {
      if (!empty) {
        out.writeByte(' ');
      }
      if (time < 0) {
        out.writeByte('-');
      } else if (before) {
        out.writeByte('+');
      }
      // abs() of each field, computed without negating Long.MIN_VALUE
      long hours = Math.abs(time / MICROS_PER_HOUR);
      long rest = Math.abs(time % MICROS_PER_HOUR);
      NumberText.writePadded(out, hours, 2);
      out.writeByte(':');
      NumberText.writeDigits(out, rest / MICROS_PER_MINUTE, 2);
      out.writeByte(':');
      rest %= MICROS_PER_MINUTE;
      NumberText.writeDigits(out, rest / DateTimeText.MICROS_PER_SECOND, 2);
      DateTimeText.writeFraction(out, (int) (rest % DateTimeText.MICROS_PER_SECOND));
    }
  }

  /** AddPostgresIntPart: returns whether this field was negative (is_before for the next). */
  private static boolean writePart(ByteBuf out, int start, int value, byte[] unit, boolean before) {
    if (value == 0) {
      return before;
    }
    if (out.writerIndex() != start) {
      out.writeByte(' ');
    }
    if (before && value > 0) {
      out.writeByte('+');
    }
    NumberText.writeLong(out, value);
    out.writeBytes(unit);
    if (value != 1) {
      out.writeByte('s');
    }
    return value < 0;
  }

  @Override
  public void writeBinary(PgInterval value, ByteBuf out) {
    out.writeLong(value.microseconds());
    out.writeInt(value.days());
    out.writeInt(value.months());
  }

  @Override
  public PgInterval readText(ByteBuf in, int length, FormatOptions options) {
    return IntervalParser.parse(TextCodec.readString(in, length));
  }

  @Override
  public PgInterval readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 16);
    long micros = in.readLong();
    int days = in.readInt();
    int months = in.readInt();
    return new PgInterval(months, days, micros);
  }
}
