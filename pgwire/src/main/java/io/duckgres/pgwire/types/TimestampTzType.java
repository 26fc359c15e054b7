package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * {@code timestamptz} (timestamp with time zone): an instant. Text output is the instant in the
 * session TimeZone, {@code 2024-01-02 08:34:05.5+05:30} (offset hours only when whole, seconds
 * for historic local mean time, {@code BC} last); binary is int64 microseconds since
 * 2000-01-01 00:00 UTC (timestamptz_send). The Java value is an {@link OffsetDateTime} whose
 * offset does not matter on output; {@link OffsetDateTime#MAX} / {@link OffsetDateTime#MIN} (any
 * value whose local date-time is {@link LocalDateTime#MAX} / {@code MIN}) stand for ±infinity.
 * Values read back are at UTC, or at the offset the text gave.
 */
public final class TimestampTzType extends PgType<OffsetDateTime> {
  public static final TimestampTzType INSTANCE = new TimestampTzType();

  private static final long EPOCH_SECONDS_2000 = DateTimeText.EPOCH_DAY_2000 * 86_400;

  private TimestampTzType() {
    super(
        PgTypes.TIMESTAMPTZ_OID,
        "timestamptz",
        8,
        PgTypes.TIMESTAMPTZ_ARRAY_OID,
        OffsetDateTime.class);
  }

  @Override
  public void writeText(OffsetDateTime value, ByteBuf out, FormatOptions options) {
    LocalDateTime local = value.toLocalDateTime();
    if (local.equals(LocalDateTime.MAX)) {
      out.writeBytes(DateTimeText.INFINITY);
      return;
    }
    if (local.equals(LocalDateTime.MIN)) {
      out.writeBytes(DateTimeText.NEGATIVE_INFINITY);
      return;
    }
    long epochSecond = value.toEpochSecond();
    int offset = options.offsetSecondsAt(epochSecond);
    long localSeconds = epochSecond + offset;
    boolean bc = DateTimeText.writeEpochDay(out, Math.floorDiv(localSeconds, 86_400));
    int secondOfDay = Math.floorMod(localSeconds, 86_400);
    out.writeByte(' ');
    DateTimeText.writeTime(
        out, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60, value.getNano() / 1000);
    DateTimeText.writeOffset(out, offset);
    if (bc) {
      DateTimeText.writeBc(out);
    }
  }

  @Override
  public void writeBinary(OffsetDateTime value, ByteBuf out) {
    LocalDateTime local = value.toLocalDateTime();
    if (local.equals(LocalDateTime.MAX)) {
      out.writeLong(Long.MAX_VALUE);
    } else if (local.equals(LocalDateTime.MIN)) {
      out.writeLong(Long.MIN_VALUE);
    } else {
      out.writeLong(micros(value.toEpochSecond(), value.getNano(), null));
    }
  }

  private static long micros(long epochSecond, int nano, String input) {
    long micros;
    try {
      micros =
          Math.addExact(
              Math.multiplyExact(epochSecond - EPOCH_SECONDS_2000, DateTimeText.MICROS_PER_SECOND),
              nano / 1000);
    } catch (ArithmeticException e) {
      throw TypeErrors.datetimeOutOfRange("timestamp", input);
    }
    if (micros < TimestampType.MIN_MICROS || micros >= TimestampType.END_MICROS) {
      throw TypeErrors.datetimeOutOfRange("timestamp", input);
    }
    return micros;
  }

  @Override
  public OffsetDateTime readText(ByteBuf in, int length, FormatOptions options) {
    String input = TextCodec.readString(in, length);
    DateTimeParser fields = DateTimeParser.parse(input, "timestamp with time zone");
    ZoneId sessionZone = options.timeZone();
    if (fields.special != null) {
      LocalDate today = LocalDate.now(sessionZone);
      return switch (fields.special) {
        case "infinity" -> OffsetDateTime.MAX;
        case "-infinity" -> OffsetDateTime.MIN;
        case "epoch" -> OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);
        case "now" -> OffsetDateTime.now(sessionZone);
        case "today" -> today.atStartOfDay(sessionZone).toOffsetDateTime();
        case "tomorrow" -> today.plusDays(1).atStartOfDay(sessionZone).toOffsetDateTime();
        case "yesterday" -> today.minusDays(1).atStartOfDay(sessionZone).toOffsetDateTime();
        default -> throw fields.invalid();
      };
    }
    if (!fields.hasDate) {
      throw fields.invalid();
    }
    LocalDateTime local = fields.localDateTime("timestamp");
    ZoneId zone = fields.zone != null ? fields.zone : sessionZone;
    OffsetDateTime value = ZonedDateTime.ofLocal(local, zone, null).toOffsetDateTime();
    micros(value.toEpochSecond(), value.getNano(), input);
    return value;
  }

  @Override
  public OffsetDateTime readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 8);
    long micros = in.readLong();
    if (micros == Long.MAX_VALUE) {
      return OffsetDateTime.MAX;
    }
    if (micros == Long.MIN_VALUE) {
      return OffsetDateTime.MIN;
    }
    if (micros < TimestampType.MIN_MICROS || micros >= TimestampType.END_MICROS) {
      throw TypeErrors.datetimeOutOfRange("timestamp", null);
    }
    return DateTimeText.fromPgMicros(micros).atOffset(ZoneOffset.UTC);
  }

  /** Also takes an {@link Instant} or a {@link ZonedDateTime}. */
  @Override
  public OffsetDateTime cast(Object value) {
    if (value instanceof OffsetDateTime v) {
      return v;
    }
    if (value instanceof Instant instant) {
      return instant.atOffset(ZoneOffset.UTC);
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toOffsetDateTime();
    }
    throw cannotCast(value);
  }
}
