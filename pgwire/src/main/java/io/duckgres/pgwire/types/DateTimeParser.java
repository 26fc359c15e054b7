package io.duckgres.pgwire.types;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Date/time text input: the ISO forms clients send ({@code 2024-01-02}, {@code 20240102},
 * {@code 2024-01-02 03:04:05.123456}, {@code 2024-01-02T03:04:05Z}, {@code 03:04:05+05:30},
 * {@code 0044-03-15 BC}, zone names such as {@code Europe/Paris}) and the special words
 * ({@code infinity}, {@code -infinity}, {@code epoch}, {@code now}, {@code today},
 * {@code tomorrow}, {@code yesterday}, {@code allballs}). Not PostgreSQL's whole ParseDateTime:
 * month names and the MDY/DMY orders of other DateStyles are rejected as invalid syntax.
 *
 * <p>The parser only splits the text into fields and checks their ranges; each type then takes
 * the fields it needs, as PostgreSQL's date_in ignores a time and timestamp_in a zone.
 */
final class DateTimeParser {
  String special;
  boolean hasDate;
  boolean hasTime;
  boolean bc;
  long year;
  int month;
  int day;
  int hour;
  int minute;
  int second;
  /** Microseconds, after rounding any further fractional digits; may reach 1_000_000. */
  int micros;
  /** The explicit zone or offset, or null. */
  ZoneId zone;

  private final String input;
  private final String typeDisplayName;
  private final String s;
  private int pos;

  private DateTimeParser(String input, String typeDisplayName) {
    this.input = input;
    this.typeDisplayName = typeDisplayName;
    this.s = TextCodec.trim(input);
  }

  /** Splits the input into fields; throws 22007 for bad syntax and 22008 for bad field values. */
  static DateTimeParser parse(String input, String typeDisplayName) {
    DateTimeParser parser = new DateTimeParser(input, typeDisplayName);
    parser.run();
    return parser;
  }

  private void run() {
    String lower = s.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "infinity", "-infinity", "epoch", "now", "today", "tomorrow", "yesterday",
          "allballs" -> {
        special = lower;
        return;
      }
      default -> {}
    }
    int n = s.length();
    while (pos < n) {
      char c = s.charAt(pos);
      if (TextCodec.isSpace(c)) {
        pos++;
      } else if (isDigit(c)) {
        int end = digitsEnd(pos);
        char next = end < n ? s.charAt(end) : ' ';
        if (next == '-' && !hasDate && !hasTime) {
          parseDate();
        } else if (next == ':' && !hasTime) {
          parseTime();
        } else if (end - pos == 8 && !hasDate && !hasTime) {
          year = number(pos, pos + 4);
          month = (int) number(pos + 4, pos + 6);
          day = (int) number(pos + 6, pos + 8);
          hasDate = true;
          pos = end;
        } else {
          throw invalid();
        }
      } else if ((c == 'T' || c == 't') && hasDate && !hasTime && pos + 1 < n
          && isDigit(s.charAt(pos + 1))) {
        pos++;
      } else if ((c == '+' || c == '-') && (hasDate || hasTime) && zone == null) {
        parseOffset();
      } else if (Character.isLetter(c)) {
        parseWord();
      } else {
        throw invalid();
      }
    }
    if (!hasDate && !hasTime) {
      throw invalid();
    }
    if (hasDate) {
      if (year == 0 || month < 1 || month > 12 || day < 1 || day > 31) {
        throw TypeErrors.fieldOutOfRange(input);
      }
      if (year <= 999_999 && day > LocalDate.of((int) isoYear(), month, 1).lengthOfMonth()) {
        throw TypeErrors.fieldOutOfRange(input);
      }
    }
    if (hasTime) {
      boolean past24 = hour == 24 && (minute != 0 || second != 0 || micros != 0);
      if (hour > 24 || minute > 59 || second > 60 || past24) {
        throw TypeErrors.fieldOutOfRange(input);
      }
    }
  }

  private void parseDate() {
    int end = digitsEnd(pos);
    year = number(pos, end);
    pos = end + 1;
    month = (int) twoDigits();
    expect('-');
    day = (int) twoDigits();
    hasDate = true;
  }

  private void parseTime() {
    hour = (int) twoDigits();
    expect(':');
    minute = (int) twoDigits();
    if (pos < s.length() && s.charAt(pos) == ':') {
      pos++;
      second = (int) twoDigits();
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        int end = digitsEnd(pos);
        if (end == pos) {
          throw invalid();
        }
        for (int i = 0; i < 6; i++) {
          micros = micros * 10 + (pos + i < end ? s.charAt(pos + i) - '0' : 0);
        }
        if (end - pos > 6 && s.charAt(pos + 6) >= '5') {
          micros++; // rounds as PostgreSQL's rint() on the fraction does, ties aside
        }
        pos = end;
      }
    }
    hasTime = true;
  }

  /** {@code +HH}, {@code +HH:MM}, {@code +HH:MM:SS}, {@code +HHMM}, {@code +HHMMSS}. */
  private void parseOffset() {
    int sign = s.charAt(pos) == '-' ? -1 : 1;
    pos++;
    int end = digitsEnd(pos);
    int length = end - pos;
    int hours;
    int minutes = 0;
    int seconds = 0;
    if (length == 1 || length == 2) {
      hours = (int) number(pos, end);
      pos = end;
      if (pos < s.length() && s.charAt(pos) == ':') {
        pos++;
        minutes = (int) twoDigits();
        if (pos < s.length() && s.charAt(pos) == ':') {
          pos++;
          seconds = (int) twoDigits();
        }
      }
    } else if (length == 4 || length == 6) {
      hours = (int) number(pos, pos + 2);
      minutes = (int) number(pos + 2, pos + 4);
      seconds = length == 6 ? (int) number(pos + 4, pos + 6) : 0;
      pos = end;
    } else {
      throw invalid();
    }
    if (minutes > 59 || seconds > 59) {
      throw TypeErrors.fieldOutOfRange(input);
    }
    int total = sign * (hours * 3600 + minutes * 60 + seconds);
    if (Math.abs(total) > 18 * 3600) {
      throw new PgException(
          SqlState.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
          "time zone displacement out of range: \"" + input + "\"");
    }
    zone = ZoneOffset.ofTotalSeconds(total);
  }

  private void parseWord() {
    int start = pos;
    while (pos < s.length() && !TextCodec.isSpace(s.charAt(pos))) {
      pos++;
    }
    String word = s.substring(start, pos);
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.equals("bc")) {
      bc = true;
    } else if (lower.equals("ad")) {
      bc = false;
    } else if (zone == null && (hasDate || hasTime)) {
      zone = zoneNamed(word);
    } else {
      throw invalid();
    }
  }

  private ZoneId zoneNamed(String name) {
    if (name.equalsIgnoreCase("z") || name.equalsIgnoreCase("utc")
        || name.equalsIgnoreCase("gmt") || name.equalsIgnoreCase("zulu")) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(name, ZoneId.SHORT_IDS);
    } catch (DateTimeException e) {
      try {
        return ZoneId.of(name.toUpperCase(Locale.ROOT), ZoneId.SHORT_IDS);
      } catch (DateTimeException again) {
        throw new PgException(
            SqlState.INVALID_PARAMETER_VALUE,
            "time zone \"" + name.toLowerCase(Locale.ROOT) + "\" not recognized");
      }
    }
  }

  /** One or two digits. */
  private long twoDigits() {
    int end = digitsEnd(pos);
    if (end == pos || end - pos > 2) {
      throw invalid();
    }
    long value = number(pos, end);
    pos = end;
    return value;
  }

  private void expect(char c) {
    if (pos >= s.length() || s.charAt(pos) != c) {
      throw invalid();
    }
    pos++;
  }

  private int digitsEnd(int from) {
    int i = from;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private long number(int from, int to) {
    if (to - from > 9) {
      throw TypeErrors.fieldOutOfRange(input);
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (s.charAt(i) - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  PgException invalid() {
    return TypeErrors.invalidDatetime(typeDisplayName, input);
  }

  /** The ISO year: 1 BC is year 0. */
  long isoYear() {
    return bc ? 1 - year : year;
  }

  /**
   * The date and time fields as a LocalDateTime (time 00:00 when absent), with the rounding
   * carry, a leap second 60 and hour 24 rolled into the following minute or day.
   */
  LocalDateTime localDateTime(String outOfRangeWhat) {
    long isoYear = isoYear();
    if (isoYear < -4713 || isoYear > 5_874_897) {
      throw TypeErrors.datetimeOutOfRange(outOfRangeWhat, input);
    }
    return LocalDate.of((int) isoYear, month, day)
        .atStartOfDay()
        .plusSeconds(hour * 3600L + minute * 60L + second)
        .plusNanos(micros * 1000L);
  }

  /** Microseconds since midnight of the time fields; 86_400_000_000 is 24:00:00. */
  long timeOfDayMicros() {
    long total =
        (hour * 3600L + minute * 60L + second) * DateTimeText.MICROS_PER_SECOND + micros;
    if (total > DateTimeText.MICROS_PER_DAY) {
      throw TypeErrors.fieldOutOfRange(input);
    }
    return total;
  }
}
