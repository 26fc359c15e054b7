package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * {@code timestamp} (without time zone). Text {@code 2024-01-02 03:04:05.123456} (DateStyle ISO,
 * trailing fractional zeros trimmed, {@code BC} suffix, {@code infinity} / {@code -infinity});
 * binary int64 microseconds since 2000-01-01 00:00 (timestamp_send), Long.MAX_VALUE / MIN_VALUE
 * for ±infinity. The Java value is a {@link LocalDateTime}; {@link LocalDateTime#MAX} and
 * {@link LocalDateTime#MIN} stand for ±infinity. Nanoseconds are truncated to microseconds.
 */
public final class TimestampType extends PgType<LocalDateTime> {
  public static final TimestampType INSTANCE = new TimestampType();

  /** PostgreSQL's range, [4714-11-24 00:00 BC, 294277-01-01 00:00), in its microseconds. */
  static final long MIN_MICROS =
      DateTimeText.toPgMicros(LocalDate.of(-4713, 11, 24).atStartOfDay());
  static final long END_MICROS = DateTimeText.toPgMicros(LocalDate.of(294_277, 1, 1).atStartOfDay());

  private TimestampType() {
    super(PgTypes.TIMESTAMP_OID, "timestamp", 8, PgTypes.TIMESTAMP_ARRAY_OID, LocalDateTime.class);
  }

  @Override
  public void writeText(LocalDateTime value, ByteBuf out, FormatOptions options) {
    if (value.equals(LocalDateTime.MAX)) {
      out.writeBytes(DateTimeText.INFINITY);
      return;
    }
    if (value.equals(LocalDateTime.MIN)) {
      out.writeBytes(DateTimeText.NEGATIVE_INFINITY);
      return;
    }
    boolean bc = DateTimeText.writeDate(out, value.toLocalDate());
    out.writeByte(' ');
    DateTimeText.writeTime(
        out, value.getHour(), value.getMinute(), value.getSecond(), value.getNano() / 1000);
    if (bc) {
      DateTimeText.writeBc(out);
    }
  }

  @Override
  public void writeBinary(LocalDateTime value, ByteBuf out) {
    if (value.equals(LocalDateTime.MAX)) {
      out.writeLong(Long.MAX_VALUE);
    } else if (value.equals(LocalDateTime.MIN)) {
      out.writeLong(Long.MIN_VALUE);
    } else {
      out.writeLong(checkRange(value));
    }
  }

  private static long checkRange(LocalDateTime value) {
    long micros;
    try {
      micros = DateTimeText.toPgMicros(value);
    } catch (ArithmeticException e) {
      throw TypeErrors.datetimeOutOfRange("timestamp", null);
    }
    if (micros < MIN_MICROS || micros >= END_MICROS) {
      throw TypeErrors.datetimeOutOfRange("timestamp", null);
    }
    return micros;
  }

  @Override
  public LocalDateTime readText(ByteBuf in, int length, FormatOptions options) {
    String input = TextCodec.readString(in, length);
    DateTimeParser fields = DateTimeParser.parse(input, "timestamp");
    if (fields.special != null) {
      LocalDate today = LocalDate.now(options.timeZone());
      return switch (fields.special) {
        case "infinity" -> LocalDateTime.MAX;
        case "-infinity" -> LocalDateTime.MIN;
        case "epoch" -> LocalDateTime.of(LocalDate.EPOCH, LocalTime.MIDNIGHT);
        case "now" -> LocalDateTime.now(options.timeZone());
        case "today" -> today.atStartOfDay();
        case "tomorrow" -> today.plusDays(1).atStartOfDay();
        case "yesterday" -> today.minusDays(1).atStartOfDay();
        default -> throw fields.invalid();
      };
    }
    if (!fields.hasDate) {
      throw fields.invalid();
    }
    LocalDateTime value = fields.localDateTime("timestamp");
    long micros = DateTimeText.toPgMicros(value);
    if (micros < MIN_MICROS || micros >= END_MICROS) {
      throw TypeErrors.datetimeOutOfRange("timestamp", input);
    }
    return value;
  }

  @Override
  public LocalDateTime readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 8);
    long micros = in.readLong();
    if (micros == Long.MAX_VALUE) {
      return LocalDateTime.MAX;
    }
    if (micros == Long.MIN_VALUE) {
      return LocalDateTime.MIN;
    }
    if (micros < MIN_MICROS || micros >= END_MICROS) {
      throw TypeErrors.datetimeOutOfRange("timestamp", null);
    }
    return DateTimeText.fromPgMicros(micros);
  }
}
