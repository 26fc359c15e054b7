package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;
import java.time.LocalTime;

/**
 * {@code time} (without time zone). Text {@code HH:MM:SS[.ffffff]} with trailing fractional zeros
 * trimmed; binary int64 microseconds since midnight (time_send). The Java value is a
 * {@link LocalTime}; PostgreSQL's {@code 24:00:00}, which LocalTime cannot hold, is
 * {@link LocalTime#MAX} (23:59:59.999999999, a value no microsecond time can have). Nanoseconds
 * are truncated to PostgreSQL's microseconds.
 */
public final class TimeType extends PgType<LocalTime> {
  public static final TimeType INSTANCE = new TimeType();

  private TimeType() {
    super(PgTypes.TIME_OID, "time", 8, PgTypes.TIME_ARRAY_OID, LocalTime.class);
  }

  /** Microseconds since midnight, mapping {@link LocalTime#MAX} to 24:00:00. */
  static long micros(LocalTime value) {
    return value.equals(LocalTime.MAX)
        ? DateTimeText.MICROS_PER_DAY
        : value.toNanoOfDay() / 1000;
  }

  static LocalTime fromMicros(long micros) {
    return micros == DateTimeText.MICROS_PER_DAY
        ? LocalTime.MAX
        : LocalTime.ofNanoOfDay(micros * 1000);
  }

  @Override
  public void writeText(LocalTime value, ByteBuf out, FormatOptions options) {
    DateTimeText.writeTimeOfDay(out, micros(value));
  }

  @Override
  public void writeBinary(LocalTime value, ByteBuf out) {
    out.writeLong(micros(value));
  }

  @Override
  public LocalTime readText(ByteBuf in, int length, FormatOptions options) {
    String input = TextCodec.readString(in, length);
    DateTimeParser fields = DateTimeParser.parse(input, "time");
    if (fields.special != null) {
      return switch (fields.special) {
        case "allballs" -> LocalTime.MIDNIGHT;
        case "now" -> LocalTime.now(options.timeZone());
        default -> throw fields.invalid();
      };
    }
    if (!fields.hasTime) {
      throw fields.invalid();
    }
    return fromMicros(fields.timeOfDayMicros());
  }

  /** time_recv rejects values outside [0, 24:00:00]. */
  @Override
  public LocalTime readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 8);
    long micros = in.readLong();
    if (micros < 0 || micros > DateTimeText.MICROS_PER_DAY) {
      throw TypeErrors.datetimeOutOfRange("time", null);
    }
    return fromMicros(micros);
  }
}
