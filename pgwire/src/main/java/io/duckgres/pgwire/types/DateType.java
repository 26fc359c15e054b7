package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;
import java.time.LocalDate;

/**
 * {@code date}. Text {@code 2024-01-02}, {@code 0044-03-15 BC}, {@code infinity},
 * {@code -infinity} (DateStyle ISO); binary int32 days since 2000-01-01 (date_send), with
 * Integer.MAX_VALUE / MIN_VALUE for ±infinity. The Java value is a {@link LocalDate}, where
 * {@link LocalDate#MAX} and {@link LocalDate#MIN} stand for infinity and -infinity.
 */
public final class DateType extends PgType<LocalDate> {
  public static final DateType INSTANCE = new DateType();

  /** PostgreSQL's date range: 4714-11-24 BC to 5874897-12-31. */
  private static final long MIN_EPOCH_DAY = LocalDate.of(-4713, 11, 24).toEpochDay();
  private static final long MAX_EPOCH_DAY = LocalDate.of(5_874_897, 12, 31).toEpochDay();

  private DateType() {
    super(PgTypes.DATE_OID, "date", 4, PgTypes.DATE_ARRAY_OID, LocalDate.class);
  }

  @Override
  public void writeText(LocalDate value, ByteBuf out, FormatOptions options) {
    if (value.equals(LocalDate.MAX)) {
      out.writeBytes(DateTimeText.INFINITY);
    } else if (value.equals(LocalDate.MIN)) {
      out.writeBytes(DateTimeText.NEGATIVE_INFINITY);
    } else if (DateTimeText.writeDate(out, value)) {
      DateTimeText.writeBc(out);
    }
  }

  @Override
  public void writeBinary(LocalDate value, ByteBuf out) {
    if (value.equals(LocalDate.MAX)) {
      out.writeInt(Integer.MAX_VALUE);
    } else if (value.equals(LocalDate.MIN)) {
      out.writeInt(Integer.MIN_VALUE);
    } else {
      long epochDay = value.toEpochDay();
      if (epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
        throw TypeErrors.datetimeOutOfRange("date", null);
      }
      out.writeInt((int) (epochDay - DateTimeText.EPOCH_DAY_2000));
    }
  }

  @Override
  public LocalDate readText(ByteBuf in, int length, FormatOptions options) {
    String input = TextCodec.readString(in, length);
    DateTimeParser fields = DateTimeParser.parse(input, "date");
    if (fields.special != null) {
      return switch (fields.special) {
        case "infinity" -> LocalDate.MAX;
        case "-infinity" -> LocalDate.MIN;
        case "epoch" -> LocalDate.EPOCH;
        case "today", "now" -> LocalDate.now(options.timeZone());
        case "tomorrow" -> LocalDate.now(options.timeZone()).plusDays(1);
        case "yesterday" -> LocalDate.now(options.timeZone()).minusDays(1);
        default -> throw fields.invalid();
      };
    }
    if (!fields.hasDate) {
      throw fields.invalid();
    }
    long isoYear = fields.isoYear();
    if (isoYear < -4713 || isoYear > 5_874_897) {
      throw TypeErrors.datetimeOutOfRange("date", input);
    }
    LocalDate date = LocalDate.of((int) isoYear, fields.month, fields.day);
    if (date.toEpochDay() < MIN_EPOCH_DAY) {
      throw TypeErrors.datetimeOutOfRange("date", input);
    }
    return date;
  }

  @Override
  public LocalDate readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 4);
    int days = in.readInt();
    if (days == Integer.MAX_VALUE) {
      return LocalDate.MAX;
    }
    if (days == Integer.MIN_VALUE) {
      return LocalDate.MIN;
    }
    long epochDay = days + DateTimeText.EPOCH_DAY_2000;
    if (epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
      throw TypeErrors.datetimeOutOfRange("date", null);
    }
    return LocalDate.ofEpochDay(epochDay);
  }
}
