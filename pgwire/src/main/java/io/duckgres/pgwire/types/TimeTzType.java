package io.duckgres.pgwire.types;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * {@code timetz} (time with time zone). Text {@code 03:04:05.5+05:30}; binary (timetz_send)
 * int64 microseconds since midnight, then int32 zone offset in seconds <em>west</em> of UTC —
 * the negation of the ISO offset. The Java value is an {@link OffsetTime}; 24:00:00 is
 * {@link LocalTime#MAX} as for {@link TimeType}. Input without a zone takes the session time
 * zone's current offset, as PostgreSQL does.
 */
public final class TimeTzType extends PgType<OffsetTime> {
  public static final TimeTzType INSTANCE = new TimeTzType();

  /** PostgreSQL's TZDISP_LIMIT: offsets up to 15:59 hours either way. */
  private static final int MAX_OFFSET_SECONDS = (15 * 60 + 59) * 60;

  private TimeTzType() {
    super(PgTypes.TIMETZ_OID, "timetz", 12, PgTypes.TIMETZ_ARRAY_OID, OffsetTime.class);
  }

  @Override
  public void writeText(OffsetTime value, ByteBuf out, FormatOptions options) {
    DateTimeText.writeTimeOfDay(out, TimeType.micros(value.toLocalTime()));
    DateTimeText.writeOffset(out, value.getOffset().getTotalSeconds());
  }

  @Override
  public void writeBinary(OffsetTime value, ByteBuf out) {
    out.writeLong(TimeType.micros(value.toLocalTime()));
    out.writeInt(-value.getOffset().getTotalSeconds());
  }

  @Override
  public OffsetTime readText(ByteBuf in, int length, FormatOptions options) {
    String input = TextCodec.readString(in, length);
    DateTimeParser fields = DateTimeParser.parse(input, "time with time zone");
    if (fields.special != null) {
      if (fields.special.equals("now")) {
        return OffsetTime.now(options.timeZone());
      }
      if (!fields.special.equals("allballs")) {
        throw fields.invalid();
      }
      return OffsetTime.of(LocalTime.MIDNIGHT, ZoneOffset.UTC);
    }
    if (!fields.hasTime) {
      throw fields.invalid();
    }
    LocalTime time = TimeType.fromMicros(fields.timeOfDayMicros());
    ZoneOffset offset;
    if (fields.zone == null) {
      offset = options.rules().getOffset(Instant.now());
    } else if (fields.zone instanceof ZoneOffset fixed) {
      offset = fixed;
    } else {
      offset = fields.zone.getRules().getOffset(Instant.now());
    }
    return OffsetTime.of(time, offset);
  }

  @Override
  public OffsetTime readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 12);
    long micros = in.readLong();
    int west = in.readInt();
    if (micros < 0 || micros > DateTimeText.MICROS_PER_DAY) {
      throw TypeErrors.datetimeOutOfRange("time", null);
    }
    if (west < -MAX_OFFSET_SECONDS || west > MAX_OFFSET_SECONDS) {
      throw new PgException(
          SqlState.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
          "time zone displacement out of range");
    }
    return OffsetTime.of(TimeType.fromMicros(micros), ZoneOffset.ofTotalSeconds(-west));
  }
}
