package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Date/time text output in DateStyle ISO, written digit by digit into the buffer (these run for
 * every cell of a result). Shared by the date, time, timetz, timestamp and timestamptz codecs,
 * together with the PostgreSQL epoch arithmetic: binary dates and timestamps count from
 * 2000-01-01.
 */
final class DateTimeText {
  private DateTimeText() {}

  /** Days from 1970-01-01 to 2000-01-01 (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE). */
  static final long EPOCH_DAY_2000 = 10957;

  static final long MICROS_PER_SECOND = 1_000_000L;
  static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
  /** Microseconds from 1970-01-01 to 2000-01-01. */
  static final long EPOCH_MICROS_2000 = EPOCH_DAY_2000 * MICROS_PER_DAY;

  static final byte[] INFINITY = "infinity".getBytes(StandardCharsets.US_ASCII);
  static final byte[] NEGATIVE_INFINITY = "-infinity".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BC = " BC".getBytes(StandardCharsets.US_ASCII);

  /**
   * Writes {@code YYYY-MM-DD} for an ISO (proleptic Gregorian) year, where year 0 is 1 BC.
   *
   * @return whether the caller must append {@code " BC"} (after any time and zone)
   */
  static boolean writeDate(ByteBuf out, int year, int month, int day) {
    boolean bc = year <= 0;
    NumberText.writePadded(out, bc ? 1L - year : year, 4);
    out.writeByte('-');
    NumberText.writeDigits(out, month, 2);
    out.writeByte('-');
    NumberText.writeDigits(out, day, 2);
    return bc;
  }

  static boolean writeDate(ByteBuf out, LocalDate date) {
    return writeDate(out, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  /**
   * Writes the date of a day count since 1970-01-01 (Howard Hinnant's civil_from_days, to avoid a
   * LocalDate per timestamptz cell).
   */
  static boolean writeEpochDay(ByteBuf out, long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return writeDate(out, (int) year, month, day);
  }

  static void writeBc(ByteBuf out) {
    out.writeBytes(BC);
  }

  /** Writes {@code HH:MM:SS} and, when non-zero, {@code .ffffff} without trailing zeros. */
  static void writeTime(ByteBuf out, int hour, int minute, int second, int micros) {
    NumberText.writeDigits(out, hour, 2);
    out.writeByte(':');
    NumberText.writeDigits(out, minute, 2);
    out.writeByte(':');
    NumberText.writeDigits(out, second, 2);
    writeFraction(out, micros);
  }

  /** Writes {@code .ffffff} with trailing zeros trimmed, or nothing for 0. */
  static void writeFraction(ByteBuf out, int micros) {
    if (micros == 0) {
      return;
    }
    int width = 6;
    while (micros % 10 == 0) {
      micros /= 10;
      width--;
    }
    out.writeByte('.');
    NumberText.writeDigits(out, micros, width);
  }

  /** Writes a time of day given in microseconds since midnight (24:00:00 included). */
  static void writeTimeOfDay(ByteBuf out, long micros) {
    long seconds = micros / MICROS_PER_SECOND;
    writeTime(
        out,
        (int) (seconds / 3600),
        (int) (seconds / 60 % 60),
        (int) (seconds % 60),
        (int) (micros % MICROS_PER_SECOND));
  }

  /** Writes a UTC offset as PostgreSQL does: {@code +00}, {@code +05:30}, {@code -04:56:02}. */
  static void writeOffset(ByteBuf out, int totalSeconds) {
    out.writeByte(totalSeconds < 0 ? '-' : '+');
    int abs = Math.abs(totalSeconds);
    NumberText.writeDigits(out, abs / 3600, 2);
    int minutes = abs / 60 % 60;
    int seconds = abs % 60;
    if (minutes != 0 || seconds != 0) {
      out.writeByte(':');
      NumberText.writeDigits(out, minutes, 2);
      if (seconds != 0) {
        out.writeByte(':');
        NumberText.writeDigits(out, seconds, 2);
      }
    }
  }

  /** Microseconds since 2000-01-01 00:00, or throws when the value leaves int64. */
  static long toPgMicros(LocalDateTime value) {
    long days = value.toLocalDate().toEpochDay() - EPOCH_DAY_2000;
    long micros = value.toLocalTime().toNanoOfDay() / 1000;
    return Math.addExact(Math.multiplyExact(days, MICROS_PER_DAY), micros);
  }

  /** The local date-time of a count of microseconds since 2000-01-01 00:00. */
  static LocalDateTime fromPgMicros(long micros) {
    long days = Math.floorDiv(micros, MICROS_PER_DAY);
    long microOfDay = Math.floorMod(micros, MICROS_PER_DAY);
    return LocalDateTime.of(
        LocalDate.ofEpochDay(days + EPOCH_DAY_2000),
        LocalTime.ofNanoOfDay(microOfDay * 1000));
  }
}
